"""Training section: every figure, feedback shares included, matches a hand count."""

import pytest
import time_machine

from tests.training.factories import (
    BookingFactory,
    CourseFactory,
    FeedbackFactory,
    SessionFactory,
    SessionRequestFactory,
)
from training.models import Booking, Feedback, SessionRequest

from .helpers import as_dict, csv_table, moment, page_tables, report_html

pytestmark = pytest.mark.django_db

YEAR, PREVIOUS = "2026-27", "2025-26"
ATTENDED, NO_SHOW, UNKNOWN = "attended", "no_show", "unknown"


@pytest.fixture(autouse=True)
def in_march_2027():
    with time_machine.travel(moment(2027, 3, 1), tick=True):
        yield


def session(course, starts_at, capacity, **kwargs):
    return SessionFactory(course=course, starts_at=starts_at, capacity=capacity, **kwargs)


def book(session, attendance=UNKNOWN, status=Booking.Status.CONFIRMED):
    return BookingFactory(session=session, attendance=attendance, status=status)


def feedback(bookings, **scores):
    """scores: question -> a list with one score per booking."""
    for index, booking in enumerate(bookings):
        FeedbackFactory(booking=booking, **{q: values[index] for q, values in scores.items()})


@pytest.fixture
def training_data():
    bystander = CourseFactory(name="Active Bystander", slug="active-bystander")
    workshop = CourseFactory(name="Educator workshop", slug="educator-workshop")
    # 2026-27: two delivered sessions, one upcoming, one cancelled.
    s1 = session(bystander, moment(2026, 10, 1), 10)
    attended = [book(s1, ATTENDED) for _ in range(6)]
    book(s1, NO_SHOW)
    book(s1, UNKNOWN)
    book(s1, status=Booking.Status.WAITING)
    book(s1, status=Booking.Status.WAITING)
    book(s1, status=Booking.Status.CANCELLED)
    s2 = session(bystander, moment(2027, 5, 1), 12)
    for _ in range(3):
        book(s2)
    session(workshop, moment(2026, 11, 1), 20, status="cancelled")
    s4 = session(workshop, moment(2027, 1, 10), 5)
    workshop_attended = [book(s4, ATTENDED) for _ in range(5)]
    book(s4, status=Booking.Status.WAITING)
    # 2025-26: one delivered session.
    s5 = session(bystander, moment(2025, 9, 10), 10)
    last_year = [book(s5, ATTENDED), book(s5, ATTENDED)]
    book(s5, NO_SHOW)
    book(s5, NO_SHOW)
    # A session of 2024-25 counts in neither year.
    book(session(bystander, moment(2025, 7, 31), 10), ATTENDED)

    feedback(
        attended[:5],
        usefulness=[5, 5, 4, 4, 3],
        applicability=[5, 5, 5, 5, 5],
        improved_knowledge=[4, 4, 4, 2, 1],
        confidence_before=[1, 2, 3, 4, 5],
        confidence_after=[5, 5, 5, 5, 4],
    )
    feedback(
        last_year,
        usefulness=[5, 3],
        applicability=[4, 4],
        improved_knowledge=[1, 2],
        confidence_before=[2, 2],
        confidence_after=[4, 3],
    )
    feedback(workshop_attended[:4])  # the factory's scores: 5, 4, 4, 2, 4

    for status, created in [
        (SessionRequest.Status.NEW, moment(2026, 9, 1)),
        (SessionRequest.Status.NEW, moment(2027, 2, 1)),
        (SessionRequest.Status.SCHEDULED, moment(2026, 12, 1)),
        (SessionRequest.Status.DECLINED, moment(2026, 1, 1)),
    ]:
        request = SessionRequestFactory(status=status)
        SessionRequest.objects.filter(pk=request.pk).update(created_at=created)


EXPECTED = {
    "training-sessions-and-places": {
        "Sessions delivered": ["2", "1"],
        "Sessions cancelled": ["1", "0"],
        "Places offered": ["15", "10"],
        "Places taken": ["13", "4"],
        "People on a waiting list": ["3", "0"],
        "Sessions with a waiting list": ["2", "0"],
    },
    # Rates are of places taken: 11 of 13 is 84.6%, 1 of 13 is 7.7%.
    "training-attendance": {
        YEAR: ["13", "11", "1", "1", "85%", "8%"],
        PREVIOUS: ["4", "2", "2", "0", "50%", "50%"],
    },
    "training-sessions-by-course": {
        "Active Bystander": ["1", "1"],
        "Educator workshop": ["1", "0"],
        "All courses": ["2", "1"],
    },
    "training-session-requests": {
        "New": ["2", "0"],
        "Contacted": ["0", "0"],
        "Scheduled": ["1", "0"],
        "Declined": ["0", "1"],
        "All requests": ["3", "1"],
    },
    # Share of 4s and 5s: usefulness 4 of 5, applicability 5 of 5, knowledge 3 of 5,
    # confidence before 2 of 5, after 5 of 5; last year 1 of 2, 2 of 2, 0 of 2, 0 of 2, 1 of 2.
    "training-feedback-active-bystander": {
        "The session was useful": ["80%", "5", "50%", "2", "No"],
        "I can apply what I learnt to my practice": ["100%", "5", "100%", "2", "Yes"],
        "The session improved my knowledge": ["60%", "5", "0%", "2", "No"],
        "Confidence to speak up before the session": ["40%", "5", "0%", "2", "No target"],
        "Confidence to speak up after the session": ["100%", "5", "50%", "2", "Yes"],
    },
    "training-feedback-educator-workshop": {
        "The session was useful": ["100%", "4", "no data", "0", "Yes"],
        "I can apply what I learnt to my practice": ["100%", "4", "no data", "0", "Yes"],
        "The session improved my knowledge": ["100%", "4", "no data", "0", "Yes"],
        "Confidence to speak up before the session": ["0%", "4", "no data", "0", "No target"],
        "Confidence to speak up after the session": ["100%", "4", "no data", "0", "Yes"],
    },
}


def test_training_figures_match_a_hand_count(reports_client, training_data):
    tables = page_tables(report_html(reports_client, YEAR))
    for slug, expected in EXPECTED.items():
        assert as_dict(tables[slug]) == expected, slug
        assert as_dict(csv_table(reports_client, slug, YEAR)) == expected, f"{slug} CSV"


def test_feedback_shares_agree_with_the_training_apps_own_figures(reports_client, training_data):
    """The report's shares are the ones training's top_box_shares() gives for the course."""
    shares = Feedback.objects.filter(
        booking__session__course__slug="active-bystander",
        booking__session__starts_at__gte=moment(2026, 8, 1),
    ).top_box_shares()
    tables = page_tables(report_html(reports_client, YEAR))
    shown = as_dict(tables["training-feedback-active-bystander"])
    for question in shares.values():
        assert shown[str(question["label"])][:2] == [f"{question['percent']}%", "5"]


def test_the_feedback_chart_shows_the_target(reports_client, training_data):
    html = report_html(reports_client, YEAR)
    assert ">95% target<" in html
    assert ">80% (2026-27)<" in html and ">50% (2025-26)<" in html


def test_the_target_applies_to_the_scores_about_the_session_only(reports_client, training_data):
    """Confidence before the session is a baseline: never "Yes" or "No" against the target,
    even when every score after the session meets it."""
    tables = page_tables(report_html(reports_client, YEAR))
    shown = as_dict(tables["training-feedback-educator-workshop"])
    assert shown["Confidence to speak up before the session"][-1] == "No target"
    assert {cells[-1] for label, cells in shown.items() if "before" not in label} == {"Yes"}
    html = report_html(reports_client, YEAR)
    assert "Confidence before the session has no target" in html
