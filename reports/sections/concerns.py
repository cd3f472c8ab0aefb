"""Concerns: how many were raised, how they were recorded, what about, where, with what outcome,
and how quickly they were acknowledged and closed against the working-day targets.

Concerns are few and sensitive, so every count goes through the year's Publication (its total,
the year's concerns, is exact and the same in each table), and each median and share is shown
only when its own base reaches the minimum number.
"""

from collections import Counter

from django.conf import settings
from django.utils import timezone

from concerns.models import Concern
from edi_portal.working_days import working_days_between

from ..suppression import SMALL_NUMBER, median_of, share_of
from ..tables import ReportTable

COUNTED = [
    ("recorded_as", "Concerns by how they were recorded", "Recorded as"),
    ("characteristic", "Concerns by what they related to", "Characteristic"),
    ("setting", "Concerns by where it happened", "Setting"),
    ("outcome", "Closed concerns by outcome", "Outcome"),
]


def _slug(field):
    return f"concerns-by-{field.replace('_', '-')}"


def count(year, publication):
    """The year's concerns from one query (a year has hundreds at most): counted by each field,
    and how quickly they were handled."""
    fields = [field for field, _, _ in COUNTED]
    concerns = list(
        Concern.objects.filter(**year.range_filter("created_at")).values_list(
            *fields,
            "status",
            "created_at",
            "acknowledged_at",
            "closed_at",
            "acknowledge_by",
            "respond_by",
            named=True,
        )
    )
    figures = {}
    for field in fields:
        counted = Counter(
            getattr(concern, field)
            for concern in concerns
            if field != "outcome" or concern.status == Concern.Status.CLOSED
        )
        counts = [counted[value] for value, _ in Concern._meta.get_field(field).choices]
        # Each table's total is the year's concerns (or closed ones): never hidden in one alone.
        figures[field] = publication.counts(counts, total_shown_elsewhere=True)
    figures["working days"] = _working_days(concerns)
    return figures


def _working_days(concerns):
    """[median working days to acknowledge, share acknowledged within target, median to close,
    share closed within target]. A share's base is every concern whose target has come: those
    done, on time or late, and those still open past it (late, so not within target)."""
    today = timezone.localdate()
    acknowledge = {"days": [], "overdue": 0}
    close = {"days": [], "overdue": 0}
    for concern in concerns:
        raised = timezone.localdate(concern.created_at)
        for figures, done, due in (
            (acknowledge, concern.acknowledged_at, concern.acknowledge_by),
            (close, concern.closed_at, concern.respond_by),
        ):
            if done:
                figures["days"].append(working_days_between(raised, timezone.localdate(done)))
            elif today > due:
                figures["overdue"] += 1

    def within(figures, target):
        on_time = sum(days <= target for days in figures["days"])
        return share_of(on_time, len(figures["days"]) + figures["overdue"])

    return [
        median_of(acknowledge["days"]),
        within(acknowledge, settings.CONCERN_ACKNOWLEDGE_WORKING_DAYS),
        median_of(close["days"]),
        within(close, settings.CONCERN_RESPOND_WORKING_DAYS),
    ]


def tables(years, figures):
    return [
        *(_counts_table(years, figures, *counted) for counted in COUNTED),
        *_timeliness(years, figures),
    ]


def _counts_table(years, figures, field, title, noun):
    columns = [figures[year][field] for year in years.both]
    return ReportTable(
        slug=_slug(field),
        title=title,
        headers=[noun, *years.both],
        rows=[
            [label, *(column.shown[index] for column in columns)]
            for index, (_, label) in enumerate(Concern._meta.get_field(field).choices)
        ],
        total=["All", *(column.shown_total for column in columns)],
        description=f"Bar chart of concerns by {noun.lower()} in {years.chosen} and "
        f"{years.previous}. Counts under 8, and any count that would give one away, are "
        "hidden, with no bar; other counts are rounded to the nearest 5. The same figures are in "
        "the table.",
    )


def _timeliness(years, figures):
    acknowledge_target = settings.CONCERN_ACKNOWLEDGE_WORKING_DAYS
    respond_target = settings.CONCERN_RESPOND_WORKING_DAYS
    notes = [
        "Working days in England: weekends and bank holidays do not count. Medians are of "
        "concerns acknowledged or closed so far, counted in the year the concern was raised. "
        "Shares are of every concern whose target date has passed: one still open after it "
        f"counts as not within target. A median or share of fewer than {SMALL_NUMBER} "
        "concerns is hidden."
    ]

    def row(label, index):
        return [label, *(figures[year]["working days"][index] for year in years.both)]

    return [
        ReportTable(
            slug="concerns-working-days",
            title="Median working days to acknowledge and to close a concern",
            headers=["Measure", *years.both],
            rows=[row("To acknowledge", 0), row("To close", 2)],
            notes=notes,
        ),
        ReportTable(
            slug="concerns-within-target",
            title="Concerns handled within their targets",
            headers=["Target", *years.both],
            rows=[
                row(f"Acknowledged within {acknowledge_target} working days", 1),
                row(f"Closed within {respond_target} working days", 3),
            ],
            scale=100,
            notes=notes,
        ),
    ]
