"""Concerns: how many were raised, how they were recorded, what about, where, with what outcome,
and how quickly they were acknowledged and closed against the working-day targets.

Concerns are few and sensitive, so every count and total has the small-numbers rule applied,
and a year with too few concerns shows no medians or shares (they would say too much).
"""

from statistics import median

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from concerns.models import Concern
from edi_portal.working_days import working_days_between

from ..suppression import HIDDEN_TEXT, protect
from ..tables import ReportTable, percentage

# Below this many concerns in a year, medians and shares are not shown.
SMALL_NUMBER = 8


def _counts_table(years, concerns, field, title, noun):
    counts = {}
    for row in concerns.values("year", field).annotate(n=Count("pk")).order_by():
        counts.setdefault(row["year"], {})[row[field]] = row["n"]
    choices = Concern._meta.get_field(field).choices
    # Each year's column is protected on its own; its exact total is shown, as elsewhere.
    columns = [
        [counts.get(year, {}).get(value, 0) for value, _label in choices] for year in years.both
    ]
    shown = [protect([column])[0] for column in columns]
    return ReportTable(
        slug=f"concerns-by-{field.replace('_', '-')}",
        title=title,
        headers=[noun, *years.both],
        rows=[
            [label, *(column[index] for column in shown)]
            for index, (_value, label) in enumerate(choices)
        ],
        total=["All", *(sum(column) for column in columns)],
        description=f"Bar chart of concerns by {noun.lower()} in {years.chosen} and "
        f"{years.previous}. Counts from 1 to 7, and any count that would give one away, are "
        "hidden, with no bar; other counts are rounded to the nearest 5. The same figures are in "
        "the table.",
    )


def _timeliness(years, concerns):
    """Working days to acknowledge and to close, per year, from one query."""
    per_year = {year: {"count": 0, "acknowledge": [], "close": []} for year in years.both}
    for year, created, acknowledged, closed in concerns.values_list(
        "year", "created_at", "acknowledged_at", "closed_at"
    ):
        figures = per_year[year]
        figures["count"] += 1
        raised = timezone.localdate(created)
        if acknowledged:
            figures["acknowledge"].append(
                working_days_between(raised, timezone.localdate(acknowledged))
            )
        if closed:
            figures["close"].append(working_days_between(raised, timezone.localdate(closed)))

    acknowledge_target = settings.CONCERN_ACKNOWLEDGE_WORKING_DAYS
    respond_target = settings.CONCERN_RESPOND_WORKING_DAYS

    def column(figures):
        if figures["count"] < SMALL_NUMBER:
            return [HIDDEN_TEXT] * 4 if figures["count"] else ["no data"] * 4

        def middle(days):
            if not days:
                return "no data"
            value = round(median(days), 1)
            return int(value) if value == int(value) else value

        def within(days, target):
            return percentage(sum(day <= target for day in days), len(days))

        # In the order of the rows below: columns 0 and 2 are medians, 1 and 3 shares.
        return [
            middle(figures["acknowledge"]),
            within(figures["acknowledge"], acknowledge_target),
            middle(figures["close"]),
            within(figures["close"], respond_target),
        ]

    columns = [column(per_year[year]) for year in years.both]
    note = (
        "Working days in England: weekends and bank holidays do not count. Figures are for "
        "concerns acknowledged or closed so far, counted in the year the concern was raised. "
        f"A year with fewer than {SMALL_NUMBER} concerns shows none."
    )

    def row(label, index):
        return [label, *(column[index] for column in columns)]

    return [
        ReportTable(
            slug="concerns-working-days",
            title="Median working days to acknowledge and to close a concern",
            headers=["Measure", *years.both],
            rows=[row("To acknowledge", 0), row("To close", 2)],
            notes=[note],
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
            notes=[note],
        ),
    ]


def tables(years):
    concerns = Concern.objects.filter(**years.range_filter("created_at")).annotate(
        year=years.year_of("created_at")
    )
    closed = concerns.filter(status=Concern.Status.CLOSED)
    return [
        _counts_table(
            years, concerns, "recorded_as", "Concerns by how they were recorded", "Recorded as"
        ),
        _counts_table(
            years, concerns, "characteristic", "Concerns by what they related to", "Characteristic"
        ),
        _counts_table(years, concerns, "setting", "Concerns by where it happened", "Setting"),
        _counts_table(years, closed, "outcome", "Closed concerns by outcome", "Outcome"),
        *_timeliness(years, concerns),
    ]
