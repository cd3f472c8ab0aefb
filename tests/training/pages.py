"""Setups for the training pages in the accessibility list: each makes the data, returns a path."""

from datetime import timedelta

from django.utils import timezone

from training.models import Booking, Session

from .factories import BookingFactory, FeedbackFactory, SessionFactory


def _past_booking(**kwargs):
    starts_at = timezone.now() - timedelta(days=2)
    session = SessionFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=3))
    return BookingFactory(session=session, **kwargs)


def sessions_list():
    full = SessionFactory(capacity=1)
    BookingFactory(session=full)
    SessionFactory(online=True)
    return "/training/"


def session_page():
    return SessionFactory().get_absolute_url()


def full_session_page():
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    return session.get_absolute_url()


def cancelled_session_page():
    session = SessionFactory(capacity=1, status=Session.Status.CANCELLED)
    BookingFactory(session=session)
    return session.get_absolute_url()


def booking_confirmed():
    return f"{BookingFactory().get_manage_url()}booked/"


def waiting_list_confirmed():
    return f"{BookingFactory(status=Booking.Status.WAITING).get_manage_url()}booked/"


def manage_page():
    return BookingFactory(session=SessionFactory(online=True)).get_manage_url()


def cancel_page():
    return f"{BookingFactory().get_manage_url()}cancel/"


def feedback_form():
    return _past_booking().get_feedback_url()


def certificate():
    booking = _past_booking(attendance=Booking.Attendance.ATTENDED)
    FeedbackFactory(booking=booking)
    return booking.get_certificate_url()


def training_record_by_link():
    from training.record import record_link_token

    attended = _past_booking(
        email="record@nhs.net",
        attendance=Booking.Attendance.ATTENDED,
        educator_role=Booking.EducatorRole.HEAD_OF_SCHOOL,
        leadership_organisation_type=Booking.LeadershipOrganisationType.SCHOOL,
        leadership_organisation="School of Surgery",
    )
    FeedbackFactory(booking=attended)
    _past_booking(email="record@nhs.net", attendance=Booking.Attendance.ATTENDED)
    return f"/training/record/{record_link_token('record@nhs.net')}/"


PAGES = [
    ("training sessions", sessions_list),
    ("training session", session_page),
    ("training session full", full_session_page),
    ("training session cancelled", cancelled_session_page),
    ("training booking confirmed", booking_confirmed),
    ("training waiting list confirmed", waiting_list_confirmed),
    ("training manage booking", manage_page),
    ("training cancel booking", cancel_page),
    ("training feedback form", feedback_form),
    ("training certificate", certificate),
    ("training request a session", "/training/request/"),
    ("training request sent", "/training/request/sent/"),
    ("training record: ask by email", "/training/record/"),
    ("training record: link sent", "/training/record/sent/"),
    ("training record by emailed link", training_record_by_link),
]
