"""The reports page, section by section. Each section builds its tables for a chosen academic year
and the year before, with a fixed number of aggregate queries whatever the amount of data."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, CharField, Value, When
from django.utils import timezone

from edi_portal.academic_year import FIRST_MONTH, previous_academic_year

from ..tables import ReportTable
from . import concerns, diversity, mentoring, network, qi, training


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

    @staticmethod
    def start_of(year):
        """The first moment of an academic year ("2026-27": 1 August 2026, local time)."""
        return timezone.make_aware(datetime(int(year[:4]), FIRST_MONTH, 1))

    @property
    def start(self):
        """When the previous year starts: the two years are start <= moment < end."""
        return self.start_of(self.previous)

    @property
    def end(self):
        return timezone.make_aware(datetime(int(self.chosen[:4]) + 1, FIRST_MONTH, 1))

    def year_of(self, field):
        """An annotation naming the academic year (of the two) that a date-time field falls in."""
        return Case(
            When(**{f"{field}__gte": self.start_of(self.chosen)}, then=Value(self.chosen)),
            default=Value(self.previous),
            output_field=CharField(),
        )

    def range_filter(self, field):
        return {f"{field}__gte": self.start, f"{field}__lt": self.end}


@dataclass(frozen=True)
class Section:
    slug: str  # every table slug of the section starts with it
    title: str
    summary: str
    build: Callable[[Years], list[ReportTable]]
    # Needed on top of reports.view_reports to see the section and its CSVs.
    extra_permission: str | None = None
    # Builds only the table with a given slug (None if there is none), for its CSV; without
    # it, a CSV builds the whole section and keeps its table.
    build_table: Callable[[Years, str], ReportTable | None] | None = None

    def visible_to(self, user):
        return self.extra_permission is None or user.has_perm(self.extra_permission)

    def table(self, years, slug):
        if self.build_table is not None:
            return self.build_table(years, slug)
        return next((table for table in self.build(years) if table.slug == slug), None)


SECTIONS = [
    Section(
        "network",
        "Network",
        "Applications to each cohort, acceptances, workstreams and the Oversight Group.",
        network.tables,
    ),
    Section(
        "training",
        "Training",
        "Sessions delivered, places, attendance, waiting lists, requests and feedback.",
        training.tables,
    ),
    Section(
        "qi",
        "QI projects",
        "Projects by stage, GMC theme, EDI focus and year; published and presented.",
        qi.tables,
    ),
    Section(
        "mentoring",
        "Mentoring",
        "Sign-ups, pairs matched, active and completed, and check-in and feedback scores, by "
        "programme.",
        mentoring.tables,
    ),
    Section(
        "diversity",
        "Diversity",
        "Equality monitoring answers of applicants and accepted members, in aggregate only.",
        diversity.tables,
        extra_permission="network.view_equalitymonitoring",
        build_table=diversity.table,
    ),
    Section(
        "concerns",
        "Concerns",
        "Concerns raised by how they were recorded, what they related to, where and with what "
        "outcome, and how quickly they were acknowledged and closed, in aggregate only.",
        concerns.tables,
        extra_permission="concerns.view_concern",
    ),
]


def section_for_table(slug):
    return next((s for s in SECTIONS if slug.startswith(f"{s.slug}-")), None)
