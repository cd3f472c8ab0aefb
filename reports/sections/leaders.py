"""Educational leaders with enhanced EDI training: the strategy's measure that "all educational
leaders will be expected to include evidence of having undertaken enhanced training in EDI over
the course of the three year period".

A self-contained section: an educational leader is someone who gave an educational role when they
booked (training.Booking.educator_role) and whom the register shows attended a session that was
not cancelled. For a year it counts, by their latest such session in the three academic years to
the end of the year, the leaders of each trust and each school they named; and, for the trend,
the leaders who attended in the year itself and in the three years to it.

Trusts and schools are small, so every count goes through the year's Publication: each table is a
column of counts with its total beside it, and a reader may take the leaders who attended in the
year to be at most those with training in the three years to it.
"""

from django.db.models import Count, Min, Q
from django.db.models.functions import Lower, Trim

from edi_portal.academic_year import previous_academic_year
from training.models import Booking, Session

from ..suppression import SMALL_NUMBER, ShownCount
from ..tables import ReportTable

WINDOW_YEARS = 3
KINDS = [
    (Booking.LeadershipOrganisationType.TRUST, "trust", "Trust", "All trusts"),
    (Booking.LeadershipOrganisationType.SCHOOL, "school", "School", "All schools"),
]
SUMMARY = [
    ("in-year", "Educational leaders who attended a session in the year"),
    ("window", f"Educational leaders with enhanced EDI training in the {WINDOW_YEARS} years to it"),
]


def _leaders_attended(start, end):
    """Attended places of people who gave an educational role, on sessions from start to end."""
    return Booking.objects.filter(
        status=Booking.Status.CONFIRMED,
        attendance=Booking.Attendance.ATTENDED,
        session__status=Session.Status.SCHEDULED,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    ).exclude(educator_role="")


def _window_start(year):
    from . import Year  # the section module's own Year, without a circle at import time

    first = year.name
    for _ in range(WINDOW_YEARS - 1):
        first = previous_academic_year(first)
    return Year(first).start


def count(year, publication):
    """Four queries: the organisations ever named, the window's leaders by the organisation of
    their latest session, and the year's and the window's distinct leaders."""
    organisation = Lower(Trim("leadership_organisation"))
    named = (
        Booking.objects.exclude(educator_role="")
        .exclude(leadership_organisation_type="")
        .filter(attendance=Booking.Attendance.ATTENDED)
        .annotate(key=organisation)
        .values("leadership_organisation_type", "key")
        .annotate(name=Min(Trim("leadership_organisation")))
        .order_by("name")
    )
    organisations = {kind: [] for kind, *_ in KINDS}
    for row in named:
        organisations[row["leadership_organisation_type"]].append((row["key"], row["name"]))

    window = _leaders_attended(_window_start(year), year.end)
    latest = window.order_by("email", "-session__starts_at", "-pk").distinct("email").values("pk")
    by_organisation = {
        (row["leadership_organisation_type"], row["key"]): row["n"]
        for row in Booking.objects.filter(pk__in=latest)
        .annotate(key=organisation)
        .values("leadership_organisation_type", "key")
        .annotate(n=Count("pk"))
        .order_by()
    }
    columns = {
        kind: publication.counts(
            [by_organisation.get((kind, key), 0) for key, _name in organisations[kind]]
        )
        for kind, *_ in KINDS
    }
    distinct = window.aggregate(
        window=Count("email", distinct=True),
        in_year=Count("email", distinct=True, filter=Q(**year.range_filter("session__starts_at"))),
    )
    in_year = publication.counts([distinct["in_year"]])
    in_window = publication.counts([distinct["window"]])
    publication.at_most(in_year, in_window)
    return {
        "organisations": organisations,
        **columns,
        "in-year": in_year,
        "window": in_window,
    }


def tables(years, figures):
    result = [
        ReportTable(
            slug="leaders-trend",
            title="Educational leaders with enhanced EDI training, by year",
            headers=["Measure", *years.both],
            rows=[
                [label, *(figures[year][name].shown[0] for year in years.both)]
                for name, label in SUMMARY
            ],
            description=f"Bar chart of the educational leaders who attended a session in "
            f"{years.chosen} and {years.previous}, and of those with training in the "
            f"{WINDOW_YEARS} years to each. Counts under {SMALL_NUMBER}, and any count that "
            "would give one away, are hidden, with no bar; other counts are rounded to the "
            "nearest 5. The same figures are in the table.",
            notes=[
                "Educational leaders are people who gave an educational role (such as "
                "educational supervisor, training programme director or head of school) when "
                "they booked, and whom the register shows attended. Choose an earlier year to "
                "see earlier years."
            ],
        )
    ]
    for kind, slug, label, all_label in KINDS:
        names = dict(figures[years.previous]["organisations"][kind])
        names.update(figures[years.chosen]["organisations"][kind])
        rows = {
            year: {key: row for row, (key, _) in enumerate(figures[year]["organisations"][kind])}
            for year in years.both
        }

        def cell(year, key, kind=kind, rows=rows):
            row = rows[year].get(key)
            column = figures[year][kind]
            # Named only after the year's figures were worked out: nobody was counted then.
            return ShownCount(0) if row is None else column.shown[row]

        result.append(
            ReportTable(
                slug=f"leaders-by-{slug}",
                title=f"Educational leaders with enhanced EDI training in the {WINDOW_YEARS} "
                f"years to the year, by {slug}",
                headers=[label, *years.both],
                rows=[
                    [name, *(cell(year, key) for year in years.both)]
                    for key, name in sorted(names.items(), key=lambda item: item[1])
                ],
                total=[all_label, *(figures[year][kind].shown_total for year in years.both)],
                description=f"Bar chart of the educational leaders of each {slug} with "
                f"training in the {WINDOW_YEARS} years to {years.chosen} and to "
                f"{years.previous}. Hidden counts have no bar. The same figures are in the table.",
                notes=[
                    f"Each leader counts once, under the {slug} they named for their latest "
                    f"session in the {WINDOW_YEARS} years. Counts under {SMALL_NUMBER}, and any "
                    "count that would give one away, are hidden; other counts are rounded to "
                    "the nearest 5."
                ],
            )
        )
    return result
