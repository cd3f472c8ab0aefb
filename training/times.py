"""Dates and times as people in the UK read them, in NHS.UK style."""

from django.utils import dateformat, dates, timezone


def clock(value):
    """A UK time: "9:30am", "2pm" (12-hour, no dots, minutes only if any)."""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def full_date(value):
    """ "Monday 7 December 2026" in UK time: the date filter's "l j F Y", without building a
    DateFormat for each date (a list shows one a row)."""
    local = timezone.localtime(value)
    return f"{dates.WEEKDAYS[local.weekday()]} {local.day} {dates.MONTHS[local.month]} {local.year}"


def day_and_time(value):
    """ "3 December 2026 at 9:30am" in UK time."""
    return f"{dateformat.format(timezone.localtime(value), 'j F Y')} at {clock(value)}"
