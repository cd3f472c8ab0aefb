"""Concerns section: counts by how recorded, characteristic, setting and outcome under the
small-numbers rule, working days to acknowledge and close, shares within target; only for staff
who may read concerns."""

from datetime import datetime, timedelta

import pytest

from concerns.models import Concern
from reports.suppression import HIDDEN_TEXT
from tests.concerns.factories import ConcernFactory

from .conftest import grant
from .helpers import LONDON, as_dict, csv_table, page_tables

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
    tables = page_tables(concerns_client.get("/reports/", {"year": YEAR}).content.decode())
    recorded = as_dict(tables["concerns-by-recorded-as"])
    # 12 discrimination and 3 bullying of 15: the 3 is hidden, so the 12 must be too (else
    # 15 - 12 gives it away); the previous year's single concern hides with a zero beside it.
    assert recorded["Bullying or harassment"][0] == HIDDEN_TEXT
    assert recorded["Discrimination"][0] == HIDDEN_TEXT
    assert recorded["All"] == ["15", "1"]
    for slug in ["recorded-as", "characteristic", "setting", "outcome"]:
        hidden = hidden_in_each_column(tables[f"concerns-by-{slug}"])
        assert all(count != 1 for count in hidden), (slug, hidden)
    assert as_dict(tables["concerns-by-setting"])["An exam or ARCP"][0] == HIDDEN_TEXT  # 5 of 15
    outcome = as_dict(tables["concerns-by-outcome"])
    assert outcome["Signposted to another route"][0] == HIDDEN_TEXT  # 2 of 12
    assert outcome["Resolved with the network's help"][0] == HIDDEN_TEXT  # 10, or it gives away 2
    assert csv_table(concerns_client, "concerns-by-recorded-as", YEAR)[2] == [
        "Bullying or harassment",
        HIDDEN_TEXT,
        recorded["Bullying or harassment"][1],
    ]


def test_working_days_and_targets(concerns_client, concern_data):
    tables = page_tables(concerns_client.get("/reports/", {"year": YEAR}).content.decode())
    days = as_dict(tables["concerns-working-days"])
    assert days["To acknowledge"] == ["1", HIDDEN_TEXT]
    assert days["To close"] == ["15", HIDDEN_TEXT]
    within = as_dict(tables["concerns-within-target"])
    assert within["Acknowledged within 2 working days"] == ["67%", HIDDEN_TEXT]
    assert within["Closed within 20 working days"] == ["75%", HIDDEN_TEXT]


def test_the_section_needs_the_concern_permission(client, reports_user, concern_data):
    client.force_login(reports_user)
    html = client.get("/reports/", {"year": YEAR}).content.decode()
    assert 'id="concerns"' not in html
    assert client.get("/reports/csv/concerns-by-setting/", {"year": YEAR}).status_code == 403
