"""NHS Digital's small-numbers rule for equality-monitoring figures.

Counts from 1 to 7 are shown as "fewer than 8"; every other count (totals included) is rounded to
the nearest 5, so no suppressed count can be worked out by subtracting the others from a total.
"""

from dataclasses import dataclass

SUPPRESSED_TEXT = "fewer than 8"


@dataclass(frozen=True)
class SuppressedCount:
    value: int | None  # None when suppressed

    def __str__(self):
        return SUPPRESSED_TEXT if self.value is None else str(self.value)


def suppress(count: int) -> SuppressedCount:
    if 1 <= count <= 7:
        return SuppressedCount(None)
    return SuppressedCount(5 * round(count / 5))
