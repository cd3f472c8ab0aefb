"""Concerns section: counts by how recorded, characteristic, setting and outcome under the
small-numbers rule, working days to acknowledge and close, shares within target; only for staff
who may read concerns."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction

from concerns.models import Concern
from reports.suppression import HIDDEN_TEXT, NO_DATA
from tests.concerns.factories import ConcernFactory

from .conftest import grant
from .helpers import LONDON, as_dict, csv_table, page_tables, report_html
from .readings import reading_of
from .solver import hidden_ranges

pytestmark = pytest.mark.django_db

YEAR, PREVIOUS = "2026-27", "2025-26"
# Monday 7 September 2026, 10am: no bank holidays in the weeks after it.
RAISED = datetime(2026, 9, 7, 10, tzinfo=LONDON)


@pytest.fixture
def concerns_client(client, reports_user):
    client.force_login(grant(reports_user, "concerns.view_concern"))
    return client


@pytest.fixture
def concern_data():
    # 12 discrimination (race), 3 bullying (sex): acknowledged after 1 working day (10 of them)
    # or 4 (5 of them); 9 closed after 15 working days (within 20), 3 after 25.
    made = []
    for index in range(15):
        bullying = index >= 12
        acknowledged = RAISED + timedelta(days=1 if index < 10 else 4)
        made.append(
            ConcernFactory(
                created_at=RAISED,
                recorded_as="bullying-harassment" if bullying else "discrimination",
                characteristic="sex" if bullying else "race",
                setting="exam-arcp" if index % 3 == 0 else "placement",
                status="acknowledged",
                acknowledged_at=acknowledged,
            )
        )
    for index, concern in enumerate(made[:12]):
        # 15 working days after Monday 7 September is Monday 28; 25 is Monday 12 October.
        closed = RAISED + timedelta(days=21 if index < 9 else 35)
        Concern.objects.filter(pk=concern.pk).update(
            status="closed", closed_at=closed, outcome="resolved" if index < 10 else "signposted"
        )
    ConcernFactory(created_at=datetime(2025, 10, 1, 10, tzinfo=LONDON))  # the previous year


def hidden_in_each_column(table):
    """How many counts each year's column hides (the "All" row is the exact total)."""
    rows = [row for label, row in as_dict(table).items() if label != "All"]
    return [sum(row[column] == HIDDEN_TEXT for row in rows) for column in range(2)]


def test_counts_are_protected_and_totals_exact(concerns_client, concern_data):
    tables = page_tables(report_html(concerns_client, YEAR))
    recorded = as_dict(tables["concerns-by-recorded-as"])
    # 12 discrimination and 3 bullying of 15: the 3 is hidden with the zeros beside it, so the
    # 12 shown as 10 (8 to 12) does not give it away; the previous year's single concern hides
    # with every zero of its column, so the figures do not say which it was.
    assert recorded["Bullying or harassment"][0] == HIDDEN_TEXT
    assert recorded["Discrimination"] == ["10", HIDDEN_TEXT]
    assert recorded["Undermining"] == [HIDDEN_TEXT, HIDDEN_TEXT]
    assert recorded["All"] == ["15", "1"]
    for slug in ["recorded-as", "characteristic", "setting", "outcome"]:
        hidden = hidden_in_each_column(tables[f"concerns-by-{slug}"])
        assert all(count != 1 for count in hidden), (slug, hidden)
    assert as_dict(tables["concerns-by-setting"])["An exam or ARCP"][0] == HIDDEN_TEXT  # 5 of 15
    outcome = as_dict(tables["concerns-by-outcome"])
    assert outcome["Signposted to another route"][0] == HIDDEN_TEXT  # 2 of 12
    # 10 of 12, shown as 10: the 2 is hidden with four zeros, so 12 - 10 does not give it away.
    assert outcome["Resolved with the network's help"][0] == "10"
    assert csv_table(concerns_client, "concerns-by-recorded-as", YEAR)[2] == [
        "Bullying or harassment",
        HIDDEN_TEXT,
        recorded["Bullying or harassment"][1],
    ]


@pytest.fixture
def in_march_2027():
    with time_machine.travel(datetime(2027, 3, 1, 10, tzinfo=LONDON)):
        yield


def test_working_days_and_targets(in_march_2027, concerns_client, concern_data):
    tables = page_tables(report_html(concerns_client, YEAR))
    days = as_dict(tables["concerns-working-days"])
    # The year before's one concern was never acknowledged: no median has any concern behind it.
    assert days["To acknowledge"] == ["1", NO_DATA]
    assert days["To close"] == ["15", NO_DATA]
    within = as_dict(tables["concerns-within-target"])
    # It is past its targets, though: one concern, too few for a share.
    assert within["Acknowledged within 2 working days"] == ["67%", HIDDEN_TEXT]
    # 9 of 12 closed within 20 working days, and 3 still open long past it: 9 of 15.
    assert within["Closed within 20 working days"] == ["60%", HIDDEN_TEXT]


def test_shares_count_concerns_still_open_past_their_target(in_march_2027, concerns_client):
    """10 concerns: 6 acknowledged the next working day, 4 never acknowledged, none closed."""
    for index in range(10):
        ConcernFactory(
            created_at=RAISED,
            status="acknowledged" if index < 6 else "new",
            acknowledged_at=RAISED + timedelta(days=1) if index < 6 else None,
        )
    tables = page_tables(report_html(concerns_client, YEAR))
    within = as_dict(tables["concerns-within-target"])
    # 6 on time of the 10 whose two working days have passed, not 6 of the 6 acknowledged.
    assert within["Acknowledged within 2 working days"] == ["60%", NO_DATA]
    assert within["Closed within 20 working days"] == ["0%", NO_DATA]
    days = as_dict(tables["concerns-working-days"])
    # A median of 6 concerns would say too much, though the year has 10.
    assert days["To acknowledge"] == [HIDDEN_TEXT, NO_DATA]
    assert days["To close"] == [NO_DATA, NO_DATA]


def test_the_section_needs_the_concern_permission(client, reports_user, concern_data):
    client.force_login(reports_user)
    html = report_html(client, YEAR)
    assert 'id="concerns"' not in html
    assert client.get("/reports/csv/concerns-by-setting/", {"year": YEAR}).status_code == 403


def test_a_year_with_one_concern_does_not_say_which_it_was(concerns_client):
    """The issue's case: a year's single concern showed as (hidden, 0, 0, hidden) with a total of
    1, and which zero hid beside it depended on where the concern was, so the figures said which
    it was. Now every zero of the column hides with it, wherever it is."""
    shown = set()
    for recorded_as in Concern.RecordedAs.values:
        with transaction.atomic():
            ConcernFactory(created_at=RAISED, recorded_as=recorded_as)
            cache.clear()
            tables = page_tables(report_html(concerns_client, YEAR))
            shown.add(tuple(map(tuple, tables["concerns-by-recorded-as"])))
            ranges = hidden_ranges([reading_of(tables)])
            assert all(low < high for low, high in ranges.values()), recorded_as
            transaction.set_rollback(True)
    assert len(shown) == 1
    (table,) = shown
    assert [row[1] for row in table[1:]] == [HIDDEN_TEXT] * 4 + ["1"]
