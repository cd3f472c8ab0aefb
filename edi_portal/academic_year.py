"""Academic years run from August to July and are named like "2026-27"."""

import re
from datetime import date

from django.utils import timezone

ACADEMIC_YEAR_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_MONTH = 8  # August: postgraduate rotations start in August


def academic_year_for(day: date | None = None) -> str:
    day = day or timezone.localdate()
    start = day.year if day.month >= FIRST_MONTH else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def is_academic_year(value: str) -> bool:
    match = ACADEMIC_YEAR_PATTERN.match(value or "")
    return bool(match) and (int(match[1]) + 1) % 100 == int(match[2])


def previous_academic_year(value: str) -> str:
    start = int(value[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"
