"""Academic years run from August to July and are named like "2026-27"."""

import re
from datetime import MAXYEAR, MINYEAR, date

from django.utils import timezone

ACADEMIC_YEAR_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})")
FIRST_MONTH = 8  # August: postgraduate rotations start in August
# Reports span a year and the one before it, so both must start and end on a real date.
FIRST_START_YEAR = MINYEAR + 1
LAST_START_YEAR = MAXYEAR - 1


def academic_year_for(day: date | None = None) -> str:
    day = day or timezone.localdate()
    start = day.year if day.month >= FIRST_MONTH else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def is_academic_year(value: str) -> bool:
    match = ACADEMIC_YEAR_PATTERN.fullmatch(value or "")
    return (
        bool(match)
        and FIRST_START_YEAR <= int(match[1]) <= LAST_START_YEAR
        and (int(match[1]) + 1) % 100 == int(match[2])
    )


def previous_academic_year(value: str) -> str:
    start = int(value[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"
