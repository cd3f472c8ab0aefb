"""Educational leaders' EDI training: leaders with training in the three years to the year, by
trust and by school, and the trend; the figures match a hand count, small numbers hidden."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.suppression import HIDDEN_TEXT
from tests.training.factories import BookingFactory, SessionFactory
from training.models import Booking, Session

from .helpers import as_dict, csv_table, moment, page_tables

pytestmark = pytest.mark.django_db

YEAR, PREVIOUS = "2026-27", "2025-26"
TRUST, SCHOOL = Booking.LeadershipOrganisationType.TRUST, Booking.LeadershipOrganisationType.SCHOOL


def session_on(when, **kwargs):
    return SessionFactory(starts_at=when, ends_at=when.replace(hour=when.hour + 3), **kwargs)


def leaders(count, session, kind, organisation, *, prefix, role="educational_supervisor", **kwargs):
    attendance = kwargs.pop("attendance", Booking.Attendance.ATTENDED)
    return [
        BookingFactory(
            session=session,
            email=f"{prefix}{n}@nhs.net",
            educator_role=role,
            leadership_organisation_type=kind,
            leadership_organisation=organisation,
            attendance=attendance,
            **kwargs,
        )
        for n in range(count)
    ]


def hand_counted_cohort():
    """By hand, for 2026-27 (sessions from 1 August 2024 to 31 July 2027):
    Alder Hey 10, Royal Preston 15 (10 this year and 5 in 2024-25, one of the 10 having named
    Alder Hey the year before: counted once, at Royal Preston), School of Surgery 10, School of
    Medicine 2. Leaders who attended in 2026-27: 32; in the three years: 37."""
    this_year = session_on(moment(2026, 10, 5))
    last_year = session_on(moment(2025, 11, 5))
    two_years_ago = session_on(moment(2024, 11, 5))
    too_long_ago = session_on(moment(2023, 11, 5))
    leaders(10, this_year, TRUST, "Alder Hey", prefix="alder")
    leaders(10, this_year, TRUST, "Royal Preston", prefix="preston", role="head_of_school")
    leaders(5, two_years_ago, TRUST, "royal preston ", prefix="preston-before")
    leaders(1, last_year, TRUST, " alder hey", prefix="preston")  # preston0 moved
    leaders(10, this_year, SCHOOL, "School of Surgery", prefix="surgery")
    leaders(2, this_year, SCHOOL, "School of Medicine", prefix="medicine", role="other")
    # Not counted: too long ago, no role given, did not attend, a cancelled session.
    leaders(5, too_long_ago, TRUST, "Alder Hey", prefix="long-ago")
    leaders(5, this_year, TRUST, "Alder Hey", prefix="no-role", role="")
    leaders(3, this_year, TRUST, "Alder Hey", prefix="no-show", attendance="no_show")
    cancelled = session_on(moment(2026, 12, 5), status=Session.Status.CANCELLED)
    leaders(3, cancelled, TRUST, "Alder Hey", prefix="cancelled")


def test_the_figures_match_a_hand_count_with_small_numbers_hidden(client, reports_user):
    hand_counted_cohort()
    client.force_login(reports_user)
    tables = page_tables(client.get("/reports/leaders/", {"year": YEAR}).content.decode())
    trusts = as_dict(tables["leaders-by-trust"])
    assert trusts["Alder Hey"][0] == "10"
    assert trusts["Royal Preston"][0] == "15"
    assert trusts["All trusts"][0] == "25"
    schools = as_dict(tables["leaders-by-school"])
    # 2 is hidden, so the 10 is too: the exact total, 12, would give the 2 away.
    assert schools["School of Medicine"][0] == HIDDEN_TEXT
    assert schools["School of Surgery"][0] == HIDDEN_TEXT
    assert schools["All schools"][0] == "12"
    trend = as_dict(tables["leaders-trend"])
    assert trend["Educational leaders who attended a session in the year"][0] == "30"  # 32
    assert trend["Educational leaders with enhanced EDI training in the 3 years to it"][0] == "35"
    # The year before (sessions from 1 August 2023): Alder Hey 5 + 1, Royal Preston 5.
    assert trusts["All trusts"][1] == "11"
    for slug in ("leaders-by-trust", "leaders-by-school", "leaders-trend"):
        assert csv_table(client, slug, YEAR) == tables[slug], slug


def queries(client):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/reports/leaders/", {"year": YEAR}).status_code == 200
    return len(captured)


def test_the_section_makes_the_same_number_of_queries_for_more_leaders(client, reports_user):
    client.force_login(reports_user)
    session = session_on(moment(2026, 10, 5))
    leaders(3, session, TRUST, "Alder Hey", prefix="few")
    few = queries(client)
    leaders(40, session, TRUST, "Alder Hey", prefix="many")
    leaders(40, session, SCHOOL, "School of Surgery", prefix="school")
    many = queries(client)
    assert few == many
