"""Every figure the reports publish about one academic year, worked out at once and kept.

One code path: for_years() reads a year's figures from the cache or works them out and keeps them,
and every page and CSV that shows the year (as the chosen year, or as the year before another)
lays out those same figures. A year worked out afresh for one page while another page showed a
kept copy would let a reader compare the two and work out a hidden count.

Working the figures out at national scale scans tens of thousands of applications, bookings and
answers (about 150 ms of SQL and 40 ms of Python for two years, measured with EXPLAIN ANALYZE: the
time goes on counting every row, not on finding them), and they change slowly. A past year's
figures rarely change, so they are kept for a day (so that a late change or a new release's tables
show the next day). The current year's change whenever someone applies, books or gives feedback,
and those rows record no time of change that a cache key could follow, so they are kept for
CURRENT_YEAR_MINUTES and the page says when they were worked out."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from edi_portal.academic_year import academic_year_for

from .sections import SECTIONS, Year
from .suppression import Publication

CURRENT_YEAR_MINUTES = 5
PAST_YEAR_SECONDS = 24 * 60 * 60
# Part of every key: bump it when a release changes what a section's figures hold.
KEY_PREFIX = "reports:3"


@dataclass(frozen=True)
class YearFigures:
    sections: dict  # {section slug: what the section counted for the year, as published}
    as_of: datetime


def is_past(year):
    return year < academic_year_for()


def _key(year):
    return f"{KEY_PREFIX}:{year}"


def worked_out(year):
    """Every section's figures for the year, their counts of people protected together."""
    publication = Publication()
    counted = {section.slug: section.count(Year(year), publication) for section in SECTIONS}
    publication.protect()
    return YearFigures(counted, timezone.now())


def for_years(years):
    """{year: YearFigures} for both years, each the kept copy or worked out now and kept."""
    keys = {year: _key(year) for year in years.both}
    found = cache.get_many(keys.values())
    for year, key in keys.items():
        if key not in found:
            found[key] = worked_out(year)
            timeout = PAST_YEAR_SECONDS if is_past(year) else CURRENT_YEAR_MINUTES * 60
            cache.set(key, found[key], timeout)
    return {year: found[key] for year, key in keys.items()}


def tables(section, years, found):
    """The section's tables comparing the two years of found (from for_years)."""
    return section.tables(years, {year: found[year].sections[section.slug] for year in years.both})


def table(section, years, slug):
    """The table with this slug (None if there is none), laid out from the kept figures."""
    return next((t for t in tables(section, years, for_years(years)) if t.slug == slug), None)


def as_of(years, found):
    """When the chosen year's figures were worked out; None for a past year."""
    return None if is_past(years.chosen) else found[years.chosen].as_of
