"""The reports page, section by section. A section counts one academic year at a time, with a
fixed number of aggregate queries whatever the amount of data, and lays two years' figures side
by side in its tables: the chosen year's and the year before's. A section's figures for a year are
worked out once and kept (reports/figures.py), so a year reads the same on its own page, as the
comparison year of the next one, and in every CSV."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from edi_portal.academic_year import FIRST_MONTH, previous_academic_year

from ..suppression import Publication
from ..tables import ReportTable
from . import concerns, diversity, leaders, mentoring, network, qi, training


@dataclass(frozen=True)
class Years:
    """The chosen academic year and the one before, the two columns of every comparison."""

    chosen: str
    previous: str

    @classmethod
    def ending(cls, year):
        return cls(chosen=year, previous=previous_academic_year(year))

    @property
    def both(self):
        return [self.chosen, self.previous]


@dataclass(frozen=True)
class Year:
    """One academic year ("2026-27": 1 August 2026, local time, to 1 August 2027), as a section
    counts it."""

    name: str

    @property
    def start(self):
        return timezone.make_aware(datetime(int(self.name[:4]), FIRST_MONTH, 1))

    @property
    def end(self):
        return timezone.make_aware(datetime(int(self.name[:4]) + 1, FIRST_MONTH, 1))

    def range_filter(self, field):
        """Filter arguments for a date-time field within the year."""
        return {f"{field}__gte": self.start, f"{field}__lt": self.end}


@dataclass(frozen=True)
class Section:
    slug: str  # every table slug of the section starts with it
    title: str
    summary: str
    # One year's figures, from its queries: every count of people that could point at someone
    # goes through the section's Publication for the year, which protects all of them together.
    count: Callable[[Year, Publication], object]
    # The tables comparing two years, from {year name: what count() gave for it}.
    tables: Callable[[Years, dict], list[ReportTable]]
    # Needed on top of reports.view_reports to see the section and its CSVs.
    extra_permission: str | None = None

    def visible_to(self, user):
        return self.extra_permission is None or user.has_perm(self.extra_permission)


SECTIONS = [
    Section(
        "network",
        "Network",
        "Applications to each cohort, acceptances, workstreams and the Oversight Group.",
        network.count,
        network.tables,
    ),
    Section(
        "training",
        "Training",
        "Sessions delivered, places, attendance, waiting lists, requests and feedback.",
        training.count,
        training.tables,
    ),
    Section(
        "leaders",
        "Educational leaders' EDI training",
        "Educational leaders with enhanced EDI training in the last three years, by trust and by "
        "school, and the trend by year.",
        leaders.count,
        leaders.tables,
    ),
    Section(
        "qi",
        "QI projects",
        "Projects by stage, GMC theme, EDI focus and year; published and presented.",
        qi.count,
        qi.tables,
    ),
    Section(
        "mentoring",
        "Mentoring",
        "Sign-ups, pairs matched, active and completed, and check-in and feedback scores, by "
        "programme.",
        mentoring.count,
        mentoring.tables,
    ),
    Section(
        "diversity",
        "Diversity",
        "Equality monitoring answers of applicants and accepted members, in aggregate only.",
        diversity.count,
        diversity.tables,
        extra_permission="network.view_equalitymonitoring",
    ),
    Section(
        "concerns",
        "Concerns",
        "Concerns raised by how they were recorded, what they related to, where and with what "
        "outcome, and how quickly they were acknowledged and closed, in aggregate only.",
        concerns.count,
        concerns.tables,
        extra_permission="concerns.view_concern",
    ),
]


def section_for_table(slug):
    return next((s for s in SECTIONS if slug.startswith(f"{s.slug}-")), None)
