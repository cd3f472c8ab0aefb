"""QI projects of the chosen academic year and the year before (the year the project gives)."""

from django.db.models import Count, Q

from qi_projects.models import EdiFocus, QIConference, QIProject, Stage, Status, Theme

from ..tables import ReportTable, count_rows, total_row

GROUPINGS = [
    ("stage", "QI projects by stage", "stage", Stage.choices),
    ("theme", "QI projects by GMC theme", "theme", Theme.choices),
    ("edi-focus", "QI projects by EDI focus", "edi_focus", EdiFocus.choices),
]


def count(year, publication):
    """The year's projects (exact: projects are published work, not people), and every year's
    submitted and published projects as they stood when the year's figures were worked out."""
    # A project counts once it has been submitted for moderation: drafts are not yet projects.
    submitted = QIProject.objects.exclude(status=Status.DRAFT)
    in_year = submitted.filter(academic_year=year.name)
    return {
        "every year": [
            (row["academic_year"], row["submitted"], row["published"])
            for row in submitted.values("academic_year")
            .annotate(
                submitted=Count("pk"),
                published=Count("pk", filter=Q(status=Status.PUBLISHED)),
            )
            .order_by("-academic_year")
        ],
        "presented": QIConference.presenting_projects.through.objects.filter(
            qiconference__academic_year=year.name
        ).count(),
        **{
            field: dict(in_year.values_list(field).annotate(n=Count("pk")).order_by())
            for _, _, field, _ in GROUPINGS
        },
    }


def tables(years, figures):
    def figure(year, index):
        every_year = figures[year]["every year"]
        return next((row[index] for row in every_year if row[0] == year), 0)

    result = [
        ReportTable(
            slug="qi-summary",
            title="QI projects submitted, published and presented",
            headers=["Measure", *years.both],
            rows=[
                ["Projects submitted", *(figure(year, 1) for year in years.both)],
                ["Projects published", *(figure(year, 2) for year in years.both)],
                [
                    "Presented at the QI conference",
                    *(figures[year]["presented"] for year in years.both),
                ],
            ],
            notes=[
                "Submitted projects include those later published, sent back, rejected or "
                "withdrawn; drafts are not counted."
            ],
        )
    ]
    for slug, title, field, choices in GROUPINGS:
        counts = {year: figures[year][field] for year in years.both}
        result.append(
            ReportTable(
                slug=f"qi-by-{slug}",
                title=title,
                headers=[title.removeprefix("QI projects by "), *years.both],
                rows=count_rows(choices, counts, years.both),
                total=total_row("All projects submitted", counts, years.both),
            )
        )
    result.append(
        ReportTable(
            slug="qi-by-year",
            title="QI projects by academic year",
            headers=["Academic year", "Submitted", "Published"],
            rows=[list(row) for row in figures[years.chosen]["every year"]],
        )
    )
    return result
