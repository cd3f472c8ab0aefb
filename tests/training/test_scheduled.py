"""Reminders and feedback requests: each sent once, even when the task runs twice."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from edi_portal.models import OutboundEmail
from training import tasks
from training.models import Booking, Session

from .factories import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
STARTS = datetime(2026, 12, 10, 9, 30, tzinfo=LONDON)


def subjects(prefix):
    return sorted(
        OutboundEmail.objects.filter(subject__startswith=prefix).values_list("to", flat=True)
    )


@pytest.fixture
def sessions():
    booked_early = STARTS - timedelta(days=20)
    with time_machine.travel(booked_early, tick=False):
        scheduled = SessionFactory(starts_at=STARTS, ends_at=STARTS + timedelta(hours=3))
        cancelled = SessionFactory(
            starts_at=STARTS,
            ends_at=STARTS + timedelta(hours=3),
            status=Session.Status.CANCELLED,
        )
        BookingFactory(session=scheduled, email="early@nhs.net", confirmed_at=booked_early)
        BookingFactory(session=cancelled, email="cancelled-session@nhs.net")
        BookingFactory(session=scheduled, email="waiting@nhs.net", status=Booking.Status.WAITING)
        BookingFactory(
            session=scheduled,
            email="late@nhs.net",
            confirmed_at=STARTS - timedelta(days=3),
        )
    return scheduled


def test_week_and_day_reminders_are_sent_once_each(sessions):
    with time_machine.travel(STARTS - timedelta(days=6, hours=23), tick=False):
        tasks.send_booking_reminders.delay()
        tasks.send_booking_reminders.delay()
    # Only the person who booked more than a week ahead; not the cancelled session's booking.
    assert subjects("Reminder: ") == ["early@nhs.net"]
    with time_machine.travel(STARTS - timedelta(hours=20), tick=False):
        tasks.send_booking_reminders.delay()
        tasks.send_booking_reminders.delay()
    week = OutboundEmail.objects.filter(subject__contains="next week")
    day = OutboundEmail.objects.filter(subject__contains="tomorrow")
    assert list(week.values_list("to", flat=True)) == ["early@nhs.net"]
    assert sorted(day.values_list("to", flat=True)) == ["early@nhs.net", "late@nhs.net"]


def test_nothing_is_sent_before_a_reminder_is_due_or_after_the_start(sessions):
    with time_machine.travel(STARTS - timedelta(days=8), tick=False):
        assert tasks.send_booking_reminders.delay().get() == 0
    with time_machine.travel(STARTS + timedelta(minutes=1), tick=False):
        assert tasks.send_booking_reminders.delay().get() == 0
    assert not OutboundEmail.objects.exists()


def test_feedback_requests_go_to_attendees_once_and_not_to_no_shows(sessions):
    BookingFactory(session=sessions, email="no-show@nhs.net", attendance=Booking.Attendance.NO_SHOW)
    with time_machine.travel(STARTS + timedelta(hours=2), tick=False):
        assert tasks.send_feedback_requests.delay().get() == 0  # not ended yet
    with time_machine.travel(STARTS + timedelta(hours=4), tick=False):
        tasks.send_feedback_requests.delay()
        tasks.send_feedback_requests.delay()
    assert subjects("Tell us what you thought") == ["early@nhs.net", "late@nhs.net"]
    email = OutboundEmail.objects.get(to="early@nhs.net")
    booking = Booking.objects.get(email="early@nhs.net")
    assert booking.get_feedback_url() in email.text_body
