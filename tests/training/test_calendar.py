"""The .ics attached to confirmations: Europe/London times either side of the clock change."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from training.ics import booking_calendar

from .factories import BookingFactory, SessionFactory

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
