"""The figures are cached: a past year's for good, the current year's for a few minutes, with the
time they were worked out on the page. CSVs match the page they were downloaded from."""

from datetime import timedelta

import pytest
import time_machine

from reports.figures import CURRENT_YEAR_MINUTES

from . import bulk
from .helpers import as_dict, csv_table, moment, page_tables

pytestmark = pytest.mark.django_db

STATUS = "network-applications-by-status"


def all_applications(client, year):
    response = client.get("/reports/", {"year": year})
    assert response.status_code == 200
    return as_dict(page_tables(response.content.decode())[STATUS])["All applications"], response


@pytest.fixture(autouse=True)
def traveller():
    """14:00 on 1 March 2027, with the clock still, before anyone signs in."""
    with time_machine.travel(moment(2027, 3, 1, 14), tick=False) as traveller:
        yield traveller


def test_the_current_year_says_when_and_is_worked_out_again_after_a_few_minutes(
    reports_client, traveller
):
    bulk.applications(3)
    before, response = all_applications(reports_client, "2026-27")
    assert before == ["3", "0"]
    assert "Figures as of 14:00." in response.content.decode()

    bulk.applications(2, start=3)
    traveller.shift(timedelta(minutes=CURRENT_YEAR_MINUTES - 1))
    assert all_applications(reports_client, "2026-27")[0] == ["3", "0"]
    # The CSV is the page's copy, so the two agree.
    assert as_dict(csv_table(reports_client, STATUS, "2026-27"))["All applications"] == [
        "3",
        "0",
    ]

    traveller.shift(timedelta(minutes=2))
    after, response = all_applications(reports_client, "2026-27")
    assert after == ["5", "0"]
    assert "Figures as of 14:06." in response.content.decode()


def test_a_past_year_has_no_time_on_it(reports_client):
    bulk.applications(3, year="2025-26")
    figures, response = all_applications(reports_client, "2025-26")
    assert figures == ["3", "0"]
    assert "Figures as of" not in response.content.decode()
