"""Every figure a report section publishes about one academic year, worked out at once and kept.

One code path: for_years() reads a section's figures for a year from the cache or works them out
and keeps them, and the section's page and CSVs for every year that shows it (as the chosen year,
or as the year before another) lay out those same figures. A year worked out afresh for one page
while another page showed a kept copy would let a reader compare the two and work out a hidden
count.

Each section's figures are worked out and kept on their own, so a section's page waits only for
its own queries (at national scale the whole year's took about 300 ms of SQL per year; the largest
section's, diversity, about 150). Disclosure control loses nothing by it: a section counts into a
Publication of its own, and the counts it links (Publication.at_most, Publication.share) are
always its own, since a section's count() sees no other section's columns. Publication.protect()
protects each group of linked columns on its own, so a section's Publication hides exactly what
one Publication for the whole year would (tests/reports/test_cached_figures.py checks this).

The figures change slowly. A past year's figures rarely change, so they are kept for a day (so
that a late change or a new release's tables show the next day). The current year's change
whenever someone applies, books or gives feedback, and those rows record no time of change that a
cache key could follow, so they are kept for CURRENT_YEAR_MINUTES and the page says when they were
worked out."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from edi_portal.academic_year import academic_year_for

from .sections import Year
from .suppression import Publication

CURRENT_YEAR_MINUTES = 5
PAST_YEAR_SECONDS = 24 * 60 * 60
# Part of every key: bump it when a release changes what a section's figures hold.
KEY_PREFIX = "reports:4"


@dataclass(frozen=True)
class SectionFigures:
    counted: object  # what the section counted for the year, as published
    as_of: datetime


def is_past(year):
    return year < academic_year_for()


def key(section, year):
    return f"{KEY_PREFIX}:{section.slug}:{year}"


def worked_out(section, year):
    """The section's figures for the year, its counts of people protected together."""
    publication = Publication()
    counted = section.count(Year(year), publication)
    publication.protect()
    return SectionFigures(counted, timezone.now())


def for_years(section, years):
    """{year: SectionFigures} of the section for both years, each the kept copy or worked out now
    and kept."""
    keys = {year: key(section, year) for year in years.both}
    found = cache.get_many(keys.values())
    for year, year_key in keys.items():
        if year_key not in found:
            found[year_key] = worked_out(section, year)
            timeout = PAST_YEAR_SECONDS if is_past(year) else CURRENT_YEAR_MINUTES * 60
            cache.set(year_key, found[year_key], timeout)
    return {year: found[year_key] for year, year_key in keys.items()}


def tables(section, years, found):
    """The section's tables comparing the two years of found (from for_years)."""
    return section.tables(years, {year: found[year].counted for year in years.both})


def table(section, years, slug):
    """The table with this slug (None if there is none), laid out from the kept figures."""
    found = for_years(section, years)
    return next((t for t in tables(section, years, found) if t.slug == slug), None)


def as_of(years, found):
    """When the chosen year's figures were worked out; None for a past year."""
    return None if is_past(years.chosen) else found[years.chosen].as_of
