"""Mentoring and buddy schemes: sign-ups, pairs matched, active and completed, and the share of
good check-in and end-of-programme scores, by programme for the chosen year and the year before.

Programmes can be small, so every count is protected like the rest of the reports (each year's
total exact, as in the concerns section), and a share of scores needs at least SMALL_NUMBER
answers behind it.
"""

from django.db.models import Count, F, Q

from mentoring.models import CheckIn, EndFeedback, Match, Programme, SignUp

from ..suppression import HIDDEN_TEXT, LARGEST_HIDDEN, protect
from ..tables import ReportTable, percentage

SMALL_NUMBER = LARGEST_HIDDEN + 1


def _by_programme_and_year(years, rows, field, **counts):
    """{(programme id, year): {name: count}} from one grouped query."""
    grouped = (
        rows.filter(**years.range_filter(field))
        .annotate(year=years.year_of(field))
        .values("programme_id", "year")
        .annotate(**counts)
        .order_by()
    )
    return {
        (row["programme_id"], row["year"]): {name: row[name] for name in counts} for row in grouped
    }


def _count_table(years, programmes, slug, title, counts):
    # Each year's column is protected on its own, its exact total shown (as in the concerns
    # section), so no hidden count can be worked out from the total or the other counts.
    columns = [
        [counts.get((programme.pk, year), {}).get("n", 0) for programme in programmes]
        for year in years.both
    ]
    shown = [protect([column])[0] for column in columns]
    return ReportTable(
        slug=f"mentoring-{slug}",
        title=title,
        headers=["Programme", *years.both],
        rows=[
            [programme.name, *(column[index] for column in shown)]
            for index, programme in enumerate(programmes)
        ],
        total=["All programmes", *(sum(column) for column in columns)],
        description=f"Bar chart of {title.lower()} in {years.chosen} and {years.previous}. "
        "Counts from 1 to 7, and any count that would give one away, are hidden, with no bar; "
        "other counts are rounded to the nearest 5. The same figures are in the table.",
    )


def _share(counts):
    if not counts or counts["answers"] == 0:
        return "no data"
    if counts["answers"] < SMALL_NUMBER:
        return HIDDEN_TEXT
    return percentage(counts["good"], counts["answers"])


def tables(years):
    programmes = list(Programme.objects.order_by("name"))
    sign_ups = _by_programme_and_year(years, SignUp.objects.all(), "created_at", n=Count("pk"))
    matched = _by_programme_and_year(
        years, Match.objects.exclude(status=Match.Status.CANCELLED), "confirmed_at", n=Count("pk")
    )
    active = _by_programme_and_year(
        years,
        Match.objects.filter(status__in=[Match.Status.ACTIVE, Match.Status.ENDED]),
        "confirmed_at",
        n=Count("pk"),
    )
    completed = _by_programme_and_year(
        years, SignUp.objects.filter(completed_at__isnull=False), "completed_at", n=Count("pk")
    )
    good = {"answers": Count("pk"), "good": Count("pk", filter=Q(rating__gte=4))}
    check_ins = _by_programme_and_year(
        years,
        CheckIn.objects.filter(rating__isnull=False).annotate(programme_id=_programme("match")),
        "answered_at",
        **good,
    )
    feedback = _by_programme_and_year(
        years,
        EndFeedback.objects.annotate(programme_id=_programme("sign_up")),
        "created_at",
        **good,
    )
    score_rows = []
    for programme in programmes:
        for label, counts in (("check-ins", check_ins), ("end feedback", feedback)):
            score_rows.append(
                [
                    f"{programme.name}: {label}",
                    *(_share(counts.get((programme.pk, year))) for year in years.both),
                ]
            )
    return [
        _count_table(years, programmes, "sign-ups", "Sign-ups by programme", sign_ups),
        _count_table(years, programmes, "matched", "Pairs matched by programme", matched),
        _count_table(years, programmes, "active", "Pairs who both accepted, by programme", active),
        _count_table(
            years, programmes, "completed", "People who completed, by programme", completed
        ),
        ReportTable(
            slug="mentoring-scores",
            title="Check-in and end feedback scores of 4 or 5",
            headers=["Programme and answers", *years.both],
            rows=score_rows,
            scale=100,
            notes=[
                "The share of check-ins and end-of-programme feedback scoring 4 or 5 out of 5. "
                f"Fewer than {SMALL_NUMBER} answers show no share."
            ],
        ),
    ]


def _programme(path):
    return F(f"{path}__programme_id")
