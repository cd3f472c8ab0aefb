"""Feedback: one response per attendee, none from no-shows, and the share of 4s and 5s."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from training import services
from training.models import Booking, Feedback

from .factories import BookingFactory, CourseFactory, FeedbackFactory, SessionFactory

pytestmark = pytest.mark.django_db

SCORES = {
    "usefulness": 5,
    "applicability": 4,
    "improved_knowledge": 3,
    "confidence_before": 2,
    "confidence_after": 5,
}


@pytest.fixture
def past_session():
    starts_at = timezone.now() - timedelta(days=2)
    return SessionFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=3))


def test_an_attendee_gives_feedback_once(past_session):
    booking = BookingFactory(session=past_session)
    services.record_feedback(booking_id=booking.pk, comments=" Really useful ", **SCORES)
    with pytest.raises(services.BookingError, match="already given feedback"):
        services.record_feedback(booking_id=booking.pk, **SCORES)
    assert Feedback.objects.get().comments == "Really useful"


def test_the_database_keeps_one_response_per_booking(past_session):
    feedback = FeedbackFactory(booking=BookingFactory(session=past_session))
    with pytest.raises(IntegrityError):
        FeedbackFactory(booking=feedback.booking)


@pytest.mark.parametrize(
    ("booking_kwargs", "session_kwargs", "message"),
    [
        ({"attendance": Booking.Attendance.NO_SHOW}, {}, "did not attend"),
        ({"status": Booking.Status.WAITING}, {}, "only for people"),
        ({"status": Booking.Status.CANCELLED}, {}, "only for people"),
        ({}, {"days": 3}, "once the session has ended"),
    ],
)
def test_feedback_is_refused_when_not_allowed(booking_kwargs, session_kwargs, message):
    starts_at = timezone.now() + timedelta(days=session_kwargs.get("days", -2))
    session = SessionFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=3))
    booking = BookingFactory(session=session, **booking_kwargs)
    with pytest.raises(services.BookingError, match=message):
        services.record_feedback(booking_id=booking.pk, **SCORES)
    assert not Feedback.objects.exists()


def test_share_of_4s_and_5s_matches_a_hand_count(past_session):
    # usefulness:          5 4 3 2 5 -> 3 of 5 = 60%
    # applicability:       4 4 4 4 1 -> 4 of 5 = 80%
    # improved_knowledge:  1 2 3 3 3 -> 0 of 5 = 0%
    # confidence_before:   1 2 2 4 3 -> 1 of 5 = 20%
    # confidence_after:    4 5 4 5 5 -> 5 of 5 = 100%
    rows = [(5, 4, 1, 1, 4), (4, 4, 2, 2, 5), (3, 4, 3, 2, 4), (2, 4, 3, 4, 5), (5, 1, 3, 3, 5)]
    for row in rows:
        FeedbackFactory(
            booking=BookingFactory(session=past_session),
            **dict(zip(Feedback.QUESTIONS, row, strict=True)),
        )
    # Another course's feedback does not count towards this session or course.
    FeedbackFactory(booking=BookingFactory(session=SessionFactory(course=CourseFactory())))

    shares = Feedback.objects.filter(booking__session=past_session).top_box_shares()
    assert {q: (s["top"], s["total"], s["percent"]) for q, s in shares.items()} == {
        "usefulness": (3, 5, 60),
        "applicability": (4, 5, 80),
        "improved_knowledge": (0, 5, 0),
        "confidence_before": (1, 5, 20),
        "confidence_after": (5, 5, 100),
    }
    by_course = Feedback.objects.filter(booking__session__course=past_session.course)
    assert by_course.top_box_shares() == shares


def test_no_feedback_gives_no_percentages():
    shares = Feedback.objects.none().top_box_shares()
    assert all(s["percent"] is None and s["total"] == 0 for s in shares.values())
