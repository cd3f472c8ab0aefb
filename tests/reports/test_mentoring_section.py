"""Mentoring section: sign-ups, matches, completion and scores by programme, small numbers
hidden; its query count does not grow with the data."""

from datetime import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentoring.models import CheckIn, EndFeedback, Match
from reports.suppression import HIDDEN_TEXT
from tests.mentoring.factories import MentorFactory, ProgrammeFactory, SignUpFactory

from .helpers import LONDON, as_dict, csv_table, page_tables, report_html
from .readings import reading_of
from .solver import hidden_ranges

pytestmark = pytest.mark.django_db

YEAR = "2026-27"
IN_YEAR = datetime(2026, 10, 5, 10, tzinfo=LONDON)


def cohort(programme, mentees, *, rating=5):
    mentor = MentorFactory(programme=programme, created_at=IN_YEAR, capacity=5)
    for _ in range(mentees):
        mentee = SignUpFactory(programme=programme, created_at=IN_YEAR, completed_at=IN_YEAR)
        match = Match.objects.create(
            programme=programme,
            mentor=mentor,
            mentee=mentee,
            status=Match.Status.ENDED,
            confirmed_at=IN_YEAR,
        )
        CheckIn.objects.create(
            match=match,
            sign_up=mentee,
            due_on=IN_YEAR.date(),
            answered_at=IN_YEAR,
            met=True,
            rating=rating,
        )
        EndFeedback.objects.create(sign_up=mentee, rating=rating, created_at=IN_YEAR)


def test_counts_by_programme_with_small_numbers_hidden(client, reports_user):
    cohort(ProgrammeFactory(name="Big scheme"), 11)
    cohort(ProgrammeFactory(name="Small scheme"), 2, rating=2)
    client.force_login(reports_user)
    tables = page_tables(report_html(client, YEAR))
    sign_ups = as_dict(tables["mentoring-sign-ups"])
    # 12 and 3 of an exact 15: the 3 is hidden, so the 12 is too (15 - 12 would give it away).
    assert sign_ups["Small scheme"][0] == HIDDEN_TEXT
    assert sign_ups["Big scheme"][0] == HIDDEN_TEXT
    assert sign_ups["All programmes"][0] == "15"
    assert as_dict(tables["mentoring-matched"])["All programmes"][0] == "13"
    scores = as_dict(tables["mentoring-scores"])
    assert scores["Big scheme: check-ins"][0] == "100%"
    assert scores["Small scheme: end feedback"][0] == HIDDEN_TEXT
    assert csv_table(client, "mentoring-completed", YEAR)[1][:2] == ["Big scheme", HIDDEN_TEXT]


def test_a_large_programme_beside_large_ones_is_shown_rounded(client, reports_user):
    cohort(ProgrammeFactory(name="Big scheme"), 11)
    cohort(ProgrammeFactory(name="Another big scheme"), 9)
    client.force_login(reports_user)
    tables = page_tables(report_html(client, YEAR))
    sign_ups = as_dict(tables["mentoring-sign-ups"])
    assert sign_ups["Big scheme"][0] == "10"  # 12 rounded
    assert sign_ups["Another big scheme"][0] == "10"  # 10
    assert sign_ups["All programmes"][0] == "22"


def test_the_section_queries_do_not_grow(client, reports_user):
    client.force_login(reports_user)

    def count():
        cache.clear()  # the queries of working the figures out, not of reading them back
        with CaptureQueriesContext(connection) as queries:
            client.get("/reports/mentoring/", {"year": YEAR})
        return len(queries)

    cohort(ProgrammeFactory(), 2)
    few = count()
    cohort(ProgrammeFactory(), 12)
    cohort(ProgrammeFactory(), 5)
    assert count() == few


def test_completed_counts_cannot_be_worked_out_from_pairs_matched(client, reports_user):
    """The issue's case: Alpha matched 10 pairs and 3 people completed; Beta matched nobody.
    Protected alone, "completed" hid both its counts, but beside "pairs matched" showing 0 for
    Beta, a reader who knows nobody completes without a pair worked out Beta's 0 and so Alpha's
    3. Now the tables are protected together."""
    alpha, beta = ProgrammeFactory(name="Alpha scheme"), ProgrammeFactory(name="Beta scheme")
    mentors = [MentorFactory(programme=alpha, created_at=IN_YEAR, capacity=5) for _ in range(2)]
    for index in range(10):
        completed = IN_YEAR if index < 3 else None
        mentee = SignUpFactory(programme=alpha, created_at=IN_YEAR, completed_at=completed)
        Match.objects.create(
            programme=alpha,
            mentor=mentors[index % 2],
            mentee=mentee,
            status=Match.Status.ENDED,
            confirmed_at=IN_YEAR,
        )
        if completed:
            EndFeedback.objects.create(sign_up=mentee, rating=5, created_at=IN_YEAR)
    MentorFactory(programme=beta, created_at=IN_YEAR)
    for _ in range(8):
        SignUpFactory(programme=beta, created_at=IN_YEAR)
    client.force_login(reports_user)
    tables = page_tables(report_html(client, YEAR))
    completed = as_dict(tables["mentoring-completed"])
    assert completed["Alpha scheme"][0] == completed["Beta scheme"][0] == HIDDEN_TEXT
    assert completed["All programmes"][0] == "3"
    ranges = hidden_ranges([reading_of(tables)])
    assert ranges and all(low < high for low, high in ranges.values())
