"""Each section's tables for a pair of years, cached. Building them at national scale scans tens of
thousands of applications, bookings and answers (about 150 ms of SQL and 40 ms of Python, measured
with EXPLAIN ANALYZE: the time goes on counting every row, not on finding them), and the figures
change slowly.

A past year's figures never change, so they are kept for a day (only so that a new release's tables
replace them). The current year's change whenever someone applies, books or gives feedback, and
those rows record no time of change that a cache key could follow, so they are kept for
CURRENT_YEAR_MINUTES and the page says when they were worked out."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from edi_portal.academic_year import academic_year_for

from .tables import ReportTable

CURRENT_YEAR_MINUTES = 5
PAST_YEAR_SECONDS = 24 * 60 * 60
# Part of every key: bump it when a release changes what a section's tables hold.
KEY_PREFIX = "reports:1"


@dataclass(frozen=True)
class Figures:
    tables: list[ReportTable]
    as_of: datetime


def is_past(years):
    return years.chosen < academic_year_for()


def _key(years, slug):
    return f"{KEY_PREFIX}:{years.chosen}:{slug}"


def _timeout(years):
    return PAST_YEAR_SECONDS if is_past(years) else CURRENT_YEAR_MINUTES * 60


def for_sections(sections, years):
    """[(section, Figures)] in the order given, read from the cache together; missing ones are
    built and stored."""
    cached = cache.get_many([_key(years, section.slug) for section in sections])
    built = {
        _key(years, section.slug): Figures(section.build(years), timezone.now())
        for section in sections
        if _key(years, section.slug) not in cached
    }
    if built:
        cache.set_many(built, _timeout(years))
    found = cached | built
    return [(section, found[_key(years, section.slug)]) for section in sections]


def as_of(years, found):
    """When the oldest of for_sections' figures were worked out; None for a past year, whose
    figures are final."""
    return None if is_past(years) else min((figures.as_of for _, figures in found), default=None)


def for_table(section, years, slug):
    """The table with this slug (None if there is none): the page's copy if it is cached, so that
    a CSV matches the page; otherwise built alone, which counts a single question quickly enough."""
    if figures := cache.get(_key(years, section.slug)):
        return next((table for table in figures.tables if table.slug == slug), None)
    return section.table(years, slug)
