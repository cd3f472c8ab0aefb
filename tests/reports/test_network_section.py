"""Network section: every figure matches one counted by hand from a fixture."""

from datetime import timedelta

import pytest

from network.models import Cohort, Membership
from tests.factories import WorkstreamFactory
from tests.network.factories import ApplicationFactory

from .helpers import as_dict, csv_table, moment, page_tables, report_html

pytestmark = pytest.mark.django_db

YEAR, PREVIOUS = "2026-27", "2025-26"


def cohort(name):
    opens = moment(int(name[:4]), 3, 1)
    return Cohort.objects.create(
        name=name, applications_open=opens, applications_close=opens + timedelta(days=60)
    )


@pytest.fixture
def network_data():
    this, last = cohort(YEAR), cohort(PREVIOUS)
    equality, inclusion = WorkstreamFactory(name="Equality"), WorkstreamFactory(name="Inclusion")
    # (status, profession, grade, area, trust, Oversight Group outcome) for 2026-27.
    specs = [
        ("accepted", "medicine", "fy1", "greater_manchester", "Trust A", "appointed"),
        ("accepted", "medicine", "fy1", "greater_manchester", "Trust A", "appointed"),
        ("accepted", "medicine", "fy2", "greater_manchester", "Trust A", "shortlisted"),
        ("accepted", "dentistry", "core", "cheshire_merseyside", "Trust B", "not_requested"),
        ("declined", "dentistry", "core", "cheshire_merseyside", "Trust B", "not_appointed"),
        ("declined", "medicine", "registrar", "greater_manchester", "Trust A", "requested"),
        ("declined", "medicine", "registrar", "greater_manchester", "Trust A", "not_requested"),
        ("submitted", "medicine", "registrar", "cheshire_merseyside", "Trust B", "not_requested"),
        ("submitted", "medicine", "registrar", "greater_manchester", "Trust A", "not_requested"),
        ("withdrawn", "public_health", "ph_registrar", "lancashire_south_cumbria", "Trust B",
         "not_requested"),
    ]  # fmt: skip
    for status, profession, grade, area, trust, outcome in specs:
        application = ApplicationFactory(
            cohort=this,
            status=status,
            profession=profession,
            grade=grade,
            area=area,
            employing_trust=trust,
            oversight_group_outcome=outcome,
            workstreams=[equality],
        )
        if status == "accepted":
            membership = Membership.objects.create(
                cohort=this,
                email=application.email,
                full_name=application.full_name,
                application=application,
            )
            membership.workstreams.set([equality, inclusion] if grade == "fy1" else [equality])
    ApplicationFactory(cohort=last, status="accepted", workstreams=[equality])
    ApplicationFactory(cohort=last, status="declined", workstreams=[equality])


EXPECTED = {
    "network-applications-by-status": {
        "Submitted": ["2", "0"],
        "In review": ["0", "0"],
        "Accepted": ["4", "1"],
        "Waiting list": ["0", "0"],
        "Declined": ["3", "1"],
        "Withdrawn": ["1", "0"],
        "All applications": ["10", "2"],
    },
    "network-acceptance-rate": {YEAR: ["10", "4", "40%"], PREVIOUS: ["2", "1", "50%"]},
    "network-members-by-workstream": {
        "Equality": ["4", "0"],
        "Inclusion": ["2", "0"],
        "All members": ["4", "0"],
    },
    "network-oversight-group": {
        "Requested, not yet decided": ["1", "0"],
        "Shortlisted": ["1", "0"],
        "Appointed": ["2", "0"],
        "Not appointed": ["1", "0"],
        "Asked to be considered": ["5", "0"],
    },
    "network-applications-by-profession": {
        "Medicine": ["7", "2"],
        "Dentistry": ["2", "0"],
        "Public health": ["1", "0"],
        "All applications": ["10", "2"],
    },
    "network-applications-by-grade-band": {
        "Foundation": ["3", "0"],
        "Core training": ["2", "0"],
        "GP specialty training": ["0", "0"],
        "Specialty registrar": ["5", "2"],
        "Other grade": ["0", "0"],
        "All applications": ["10", "2"],
    },
    "network-applications-by-area": {
        "Cheshire and Merseyside": ["3", "0"],
        "Greater Manchester": ["6", "2"],
        "Lancashire and South Cumbria": ["1", "0"],
        "All applications": ["10", "2"],
    },
    "network-applications-by-trust": {
        "Trust A": ["6", "0"],
        "Trust B": ["4", "0"],
        "Manchester University NHS Foundation Trust": ["0", "2"],
        "All applications": ["10", "2"],
    },
}


def test_network_figures_match_a_hand_count(reports_client, network_data):
    tables = page_tables(report_html(reports_client, YEAR))
    for slug, expected in EXPECTED.items():
        assert as_dict(tables[slug]) == expected, slug
        assert list(as_dict(tables[slug])) == list(expected), f"{slug}: rows in order"
        assert as_dict(csv_table(reports_client, slug, YEAR)) == expected, f"{slug} CSV"


def test_the_year_columns_are_the_chosen_year_and_the_one_before(reports_client, network_data):
    tables = page_tables(report_html(reports_client, YEAR))
    assert tables["network-applications-by-status"][0] == ["Status", YEAR, PREVIOUS]
    tables = page_tables(report_html(reports_client, PREVIOUS))
    assert as_dict(tables["network-applications-by-status"])["All applications"] == ["2", "0"]
