"""QI projects of the chosen academic year and the year before (the year the project gives)."""

from django.db.models import Count, Q

from qi_projects.models import EdiFocus, QIConference, QIProject, Stage, Status, Theme

from ..tables import ReportTable, count_rows, total_row


def _counts(projects, field):
    counts = {}
    for row in projects.values("academic_year", field).annotate(n=Count("pk")).order_by():
        counts.setdefault(row["academic_year"], {})[row[field]] = row["n"]
    return counts


def tables(years):
    # A project counts once it has been submitted for moderation: drafts are not yet projects.
    submitted = QIProject.objects.exclude(status=Status.DRAFT)
    per_year = {
        row["academic_year"]: row
        for row in submitted.values("academic_year")
        .annotate(
            submitted=Count("pk"),
            published=Count("pk", filter=Q(status=Status.PUBLISHED)),
        )
        .order_by("-academic_year")
    }
    presented = dict(
        QIConference.presenting_projects.through.objects.filter(
            qiconference__academic_year__in=years.both
        )
        .values_list("qiconference__academic_year")
        .annotate(n=Count("pk"))
        .order_by()
    )

    def figure(year, name):
        return per_year.get(year, {}).get(name, 0)

    this_and_last = submitted.filter(academic_year__in=years.both)
    result = [
        ReportTable(
            slug="qi-summary",
            title="QI projects submitted, published and presented",
            headers=["Measure", *years.both],
            rows=[
                ["Projects submitted", *(figure(year, "submitted") for year in years.both)],
                ["Projects published", *(figure(year, "published") for year in years.both)],
                [
                    "Presented at the QI conference",
                    *(presented.get(year, 0) for year in years.both),
                ],
            ],
            notes=[
                "Submitted projects include those later published, sent back, rejected or "
                "withdrawn; drafts are not counted."
            ],
        )
    ]
    for slug, title, field, choices in [
        ("stage", "QI projects by stage", "stage", Stage.choices),
        ("theme", "QI projects by GMC theme", "theme", Theme.choices),
        ("edi-focus", "QI projects by EDI focus", "edi_focus", EdiFocus.choices),
    ]:
        counts = _counts(this_and_last, field)
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
            rows=[[year, row["submitted"], row["published"]] for year, row in per_year.items()],
        )
    )
    return result
