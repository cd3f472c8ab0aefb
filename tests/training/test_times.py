from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from training.times import clock, full_date

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (datetime(2026, 7, 1, 8, 30, tzinfo=UTC), "9:30am"),  # British Summer Time
        (datetime(2026, 12, 1, 9, 30, tzinfo=UTC), "9:30am"),
        (datetime(2026, 12, 1, 12, 0, tzinfo=LONDON), "12pm"),
        (datetime(2026, 12, 1, 0, 15, tzinfo=LONDON), "12:15am"),
        (datetime(2026, 12, 1, 14, 0, tzinfo=LONDON), "2pm"),
    ],
)
def test_times_are_shown_in_nhs_style_in_uk_time(moment, shown):
    assert clock(moment) == shown


def test_full_date_matches_the_date_filter_in_uk_time():
    moment = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 1 July in British Summer Time
    as_the_date_filter_shows_it = Template('{{ moment|date:"l j F Y" }}').render(
        Context({"moment": moment})
    )
    assert full_date(moment) == as_the_date_filter_shows_it == "Wednesday 1 July 2026"
