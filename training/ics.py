"""Calendar files (.ics) for bookings, with Europe/London times and their VTIMEZONE."""

from datetime import date
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

LONDON = ZoneInfo("Europe/London")


def booking_calendar(booking, *, cancelled=False):
    """An .ics attachment for the outbox: the session as one event, UID stable per booking.

    An invitation (METHOD:REQUEST) from the network to the attendee, or its cancellation, with
    the session's SEQUENCE, so Outlook and Google update or remove the event they already hold.
    The MIME type names the method too, as those apps require. Times are written with
    TZID=Europe/London and the calendar carries the matching VTIMEZONE, so calendar apps place a
    session correctly on either side of the clock change.
    """
    session = booking.session
    method = "CANCEL" if cancelled else "REQUEST"
    calendar = Calendar()
    calendar.add("prodid", "-//NW EDI Allyship Network//Training bookings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"training-booking-{booking.pk}@{urlsplit(settings.SITE_URL).hostname}")
    # A cancellation must not be older than the invitation it withdraws.
    event.add("sequence", session.calendar_sequence + (1 if cancelled else 0))
    event.add("dtstamp", timezone.now())
    organizer = vCalAddress(f"mailto:{settings.NETWORK_CONTACT_EMAIL}")
    organizer.params["cn"] = vText("NW EDI Allyship Network")
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{booking.email}")
    attendee.params["cn"] = vText(booking.name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    event.add("dtstart", session.starts_at.astimezone(LONDON))
    event.add("dtend", session.ends_at.astimezone(LONDON))
    event.add("summary", session.course.name)
    event.add("location", session.location())
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    description = [f"Your booking: {settings.SITE_URL}{booking.get_manage_url()}"]
    if session.is_online and not cancelled:
        description.insert(0, f"Join online: {session.joining_link}")
        event.add("url", session.joining_link)
    event.add("description", "\n".join(description))
    calendar.add_component(event)
    # A VTIMEZONE covering the clock changes around the session, not every year since 1970.
    year = session.starts_at.year
    calendar.add_missing_timezones(first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    return {
        "filename": "session.ics",
        "mimetype": f"text/calendar; method={method}",
        "content": calendar.to_ical().decode(),
    }
