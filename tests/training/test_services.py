"""Booking rules: capacity, the waiting list, cancellations and their emails."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from edi_portal.models import OutboundEmail
from training import services
from training.models import Booking, Session

from .factories import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def book(session, email="amara.okafor@nhs.net", **overrides):
    details = {
        "session_id": session.pk,
        "name": "Dr Amara Okafor",
        "email": email,
        "role": Booking.Role.CONSULTANT,
        "organisation": "Manchester University NHS Foundation Trust",
        "department": "Emergency department",
        "consent": True,
    }
    return services.book_place(**{**details, **overrides})


def emails_to(address):
    return list(OutboundEmail.objects.filter(to=address).order_by("pk"))


def test_a_booking_is_confirmed_and_emailed_with_a_calendar_file():
    session = SessionFactory(capacity=2)
    booking = book(session, email=" Amara.Okafor@NHS.net ")
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.email == "amara.okafor@nhs.net"
    [email] = emails_to("amara.okafor@nhs.net")
    assert email.subject.startswith("Your place is booked")
    assert booking.get_manage_url() in email.text_body
    assert f'href="{settings.SITE_URL}{booking.get_manage_url()}"' in email.html_body
    assert [a["filename"] for a in email.attachments] == ["session.ics"]


def test_a_full_session_puts_people_on_the_waiting_list():
    session = SessionFactory(capacity=1)
    book(session, email="first@nhs.net")
    waiting = book(session, email="second@nhs.net")
    assert waiting.status == Booking.Status.WAITING
    [email] = emails_to("second@nhs.net")
    assert email.subject.startswith("You are on the waiting list")
    assert email.attachments == []


def test_one_active_booking_per_email_per_session():
    session = SessionFactory()
    book(session, email="same@nhs.net")
    with pytest.raises(services.BookingError, match="already has a place"):
        book(session, email="SAME@nhs.net")
    assert session.bookings.count() == 1


def test_the_database_refuses_a_second_active_booking_for_one_email():
    booking = BookingFactory(email="same@nhs.net")
    with pytest.raises(IntegrityError):
        BookingFactory(session=booking.session, email="Same@NHS.net")


def test_a_cancelled_booking_does_not_stop_booking_again():
    session = SessionFactory()
    first = book(session, email="again@nhs.net")
    services.cancel_booking(booking_id=first.pk)
    again = book(session, email="again@nhs.net")
    assert again.status == Booking.Status.CONFIRMED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": Session.Status.CANCELLED}, "cancelled"),
        ({"starts_at_days": -1}, "already taken place"),
        ({"closes_days": -1}, "closed"),
        ({"opens_days": 2}, "opens on"),
    ],
)
def test_a_session_that_cannot_take_bookings_refuses_them_and_changes_nothing(change, message):
    now = timezone.now()
    session = SessionFactory()
    if "status" in change:
        session.status = change["status"]
    if "starts_at_days" in change:
        session.starts_at = now + timedelta(days=change["starts_at_days"])
        session.ends_at = session.starts_at + timedelta(hours=3)
    if "closes_days" in change:
        session.booking_closes_at = now + timedelta(days=change["closes_days"])
    if "opens_days" in change:
        session.booking_opens_at = now + timedelta(days=change["opens_days"])
    session.save()
    with pytest.raises(services.BookingError, match=message):
        book(session)
    assert not Booking.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_booking_needs_consent():
    with pytest.raises(services.BookingError):
        book(SessionFactory(), consent=False)
    assert not Booking.objects.exists()


def test_cancelling_a_place_promotes_the_first_person_waiting_once(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(capacity=1)
    confirmed = book(session, email="confirmed@nhs.net")
    first = book(session, email="first@nhs.net")
    second = book(session, email="second@nhs.net")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_booking(booking_id=confirmed.pk)
        services.cancel_booking(booking_id=confirmed.pk)  # a second click changes nothing
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Booking.Status.CONFIRMED
    assert second.status == Booking.Status.WAITING
    promoted = [e for e in emails_to("first@nhs.net") if e.subject.startswith("A place is now")]
    assert len(promoted) == 1
    assert [m.subject for m in mail.outbox if m.to == ["first@nhs.net"]] == [promoted[0].subject]
    assert promoted[0].attachments[0]["filename"] == "session.ics"
    cancelled = [m for m in mail.outbox if m.to == ["confirmed@nhs.net"]][-1]
    assert cancelled.subject.startswith("Your booking is cancelled")
    assert "METHOD:CANCEL" in cancelled.attachments[0][1]


def test_leaving_the_waiting_list_promotes_nobody():
    session = SessionFactory(capacity=1)
    book(session, email="confirmed@nhs.net")
    waiting = book(session, email="waiting@nhs.net")
    later = book(session, email="later@nhs.net")
    services.cancel_booking(booking_id=waiting.pk)
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.status == Booking.Status.CANCELLED
    assert later.status == Booking.Status.WAITING
    assert emails_to("waiting@nhs.net")[-1].subject.startswith("You have left the waiting list")


def test_a_booking_cannot_be_cancelled_once_the_session_has_started():
    booking = BookingFactory(
        session=SessionFactory(starts_at=timezone.now() - timedelta(minutes=5))
    )
    with pytest.raises(services.BookingError):
        services.cancel_booking(booking_id=booking.pk)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_raising_the_capacity_promotes_in_order_of_joining():
    session = SessionFactory(capacity=1)
    book(session, email="confirmed@nhs.net")
    waiting = [book(session, email=f"waiting{n}@nhs.net") for n in range(3)]
    Session.objects.filter(pk=session.pk).update(capacity=3)
    assert services.promote_waiting_lists() == 2
    statuses = [Booking.objects.get(pk=b.pk).status for b in waiting]
    assert statuses == ["confirmed", "confirmed", "waiting"]
    assert services.promote_waiting_lists() == 0


def test_cancelling_a_session_emails_everyone_booked_or_waiting_once():
    session = SessionFactory(capacity=1)
    book(session, email="confirmed@nhs.net")
    book(session, email="waiting@nhs.net")
    gone = book(session, email="gone@nhs.net")
    services.cancel_booking(booking_id=gone.pk)
    services.cancel_session(session_id=session.pk)
    services.cancel_session(session_id=session.pk)
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    cancelled = OutboundEmail.objects.filter(subject__startswith="Session cancelled")
    assert sorted(cancelled.values_list("to", flat=True)) == [
        "confirmed@nhs.net",
        "waiting@nhs.net",
    ]


def test_the_register_marks_only_confirmed_places():
    session = SessionFactory(capacity=1)
    confirmed = BookingFactory(session=session)
    waiting = BookingFactory(session=session, status=Booking.Status.WAITING)
    count = services.record_attendance(
        booking_ids=[confirmed.pk, waiting.pk], attendance=Booking.Attendance.ATTENDED
    )
    assert count == 1
    waiting.refresh_from_db()
    assert waiting.attendance == Booking.Attendance.UNKNOWN
