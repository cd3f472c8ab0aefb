"""The .ics attached to confirmations: Europe/London times either side of the clock change."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.factories import UserFactory
from training.ics import booking_calendar

from .factories import BookingFactory, SessionFactory
from .test_admin import session_change_form

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("local_start", "utc_start"),
    [
        # British Summer Time (UTC+1) before the clocks go back on 25 October 2026.
        (datetime(2026, 10, 23, 9, 30), datetime(2026, 10, 23, 8, 30, tzinfo=UTC)),
        # Greenwich Mean Time (UTC+0) after it.
        (datetime(2026, 10, 26, 9, 30), datetime(2026, 10, 26, 9, 30, tzinfo=UTC)),
        # Across the spring change on 28 March 2027.
        (datetime(2027, 3, 29, 13, 0), datetime(2027, 3, 29, 12, 0, tzinfo=UTC)),
    ],
)
def test_the_event_has_london_times_that_parse_to_the_right_instant(local_start, utc_start):
    starts_at = local_start.replace(tzinfo=LONDON)
    session = SessionFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=3))
    booking = BookingFactory(session=session)
    calendar = Calendar.from_ical(booking_calendar(booking)["content"])
    [event] = calendar.walk("VEVENT")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert str(start.tzinfo) == "Europe/London"
    assert start.replace(tzinfo=None) == local_start
    assert start == utc_start
    assert end - start == timedelta(hours=3)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert "BEGIN:DAYLIGHT" in calendar.to_ical().decode()


def test_the_joining_link_is_in_an_online_sessions_calendar_file():
    booking = BookingFactory(session=SessionFactory(online=True))
    content = booking_calendar(booking)["content"]
    assert "secret-abc123" in content.replace("\r\n ", "")


def parsed_event(attachment):
    calendar = Calendar.from_ical(attachment["content"])
    [event] = calendar.walk("VEVENT")
    return calendar, event


def calendar_parts(message):
    """The text/calendar parts of a sent email, as the mail client receives them."""
    return [part for part in message.message().walk() if part.get_content_type() == "text/calendar"]


def test_an_invitation_names_the_organiser_attendee_sequence_and_method():
    booking = BookingFactory(name="Dr Amara Okafor", email="amara@nhs.net")
    attachment = booking_calendar(booking)
    assert attachment["mimetype"] == "text/calendar; method=REQUEST"
    calendar, event = parsed_event(attachment)
    assert calendar["method"] == "REQUEST"
    assert str(event["organizer"]) == "mailto:edi.allyship@example.nhs.net"
    assert str(event["attendee"]) == "mailto:amara@nhs.net"
    assert event["attendee"].params["CN"] == "Dr Amara Okafor"
    assert event["sequence"] == 0
    assert event.decoded("dtstamp")


def test_a_cancellation_keeps_the_uid_and_raises_the_sequence():
    booking = BookingFactory()
    _, invitation = parsed_event(booking_calendar(booking))
    calendar, cancellation = parsed_event(booking_calendar(booking, cancelled=True))
    assert calendar["method"] == "CANCEL"
    assert cancellation["uid"] == invitation["uid"]
    assert cancellation["sequence"] > invitation["sequence"]
    assert cancellation["status"] == "CANCELLED"


@pytest.fixture
def staff_client(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_moving_a_session_emails_everyone_once_with_an_updated_calendar(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1)
    attendee = BookingFactory(session=session, email="attendee@nhs.net")
    BookingFactory(session=session, email="waiting@nhs.net", status="waiting")
    BookingFactory(session=session, email="gone@nhs.net", status="cancelled")
    _, first = parsed_event(booking_calendar(attendee))
    moved = {
        "starts_at": session.starts_at + timedelta(days=1),
        "ends_at": session.ends_at + timedelta(days=1),
        "venue": "Lecture theatre 2",
    }
    with django_capture_on_commit_callbacks(execute=True):
        session_change_form(staff_client, session, **moved)
        session_change_form(staff_client, session, **moved)

    changed = [m for m in mailoutbox if m.subject.startswith("Session details changed")]
    assert sorted(m.to[0] for m in changed) == ["attendee@nhs.net", "waiting@nhs.net"]
    to_attendee = next(m for m in changed if m.to == ["attendee@nhs.net"])
    assert "Lecture theatre 2" in to_attendee.body
    [part] = calendar_parts(to_attendee)
    assert part.get_param("method") == "REQUEST"
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    assert calendar["method"] == "REQUEST"
    [updated] = calendar.walk("VEVENT")
    assert updated["uid"] == first["uid"]
    assert updated["sequence"] > first["sequence"]
    assert updated.decoded("dtstart") == moved["starts_at"]
    to_waiting = next(m for m in changed if m.to == ["waiting@nhs.net"])
    assert "still on the waiting list" in to_waiting.body
    assert not calendar_parts(to_waiting)


def test_changing_only_the_capacity_or_facilitators_sends_no_change_email(staff_client, mailoutbox):
    session = SessionFactory(capacity=5)
    BookingFactory(session=session)
    session_change_form(staff_client, session, capacity=6, facilitators="Someone new")
    assert not [m for m in mailoutbox if m.subject.startswith("Session details changed")]


def test_cancelling_a_session_sends_method_cancel_once(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    attendee = BookingFactory(session=session)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            staff_client.post(
                "/admin/training/session/",
                {"action": "cancel_sessions", "_selected_action": [session.pk], "confirmed": "yes"},
            )
    [message] = [m for m in mailoutbox if m.to == [attendee.email]]
    [part] = calendar_parts(message)
    assert part.get_param("method") == "CANCEL"
    assert Calendar.from_ical(part.get_payload(decode=True))["method"] == "CANCEL"
