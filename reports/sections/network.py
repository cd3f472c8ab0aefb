"""Network: applications to the chosen year's cohort and the year before's."""

from django.db.models import Case, Count, Value, When

from network.models import Application, Area, Grade, Membership, OversightGroupOutcome, Profession
from workstreams.models import Workstream

from ..tables import ReportTable, count_rows, percentage, total_row

# Grades grouped into the bands of postgraduate training.
GRADE_BANDS = [
    ("Foundation", [Grade.FOUNDATION_1, Grade.FOUNDATION_2, Grade.DENTAL_FOUNDATION]),
    ("Core training", [Grade.CORE, Grade.DENTAL_CORE]),
    ("GP specialty training", [Grade.GP_TRAINEE]),
    ("Specialty registrar", [Grade.REGISTRAR, Grade.PUBLIC_HEALTH_REGISTRAR]),
    ("Other grade", [Grade.OTHER]),
]


def _counts(queryset, year_field, group):
    """{year: {group value: count}} in one query; group is a field name or an expression."""
    if isinstance(group, str):
        rows = queryset.values(year_field, group)
        key = group
    else:
        rows = queryset.annotate(group=group).values(year_field, "group")
        key = "group"
    counts = {}
    for row in rows.annotate(n=Count("pk")).order_by():
        counts.setdefault(row[year_field], {})[row[key]] = row["n"]
    return counts


def tables(years):
    applications = Application.objects.filter(cohort__name__in=years.both)
    headers = lambda first: [first, *years.both]  # noqa: E731
    by_status = _counts(applications, "cohort__name", "status")
    accepted = {
        year: by_status.get(year, {}).get(Application.Status.ACCEPTED, 0) for year in years.both
    }
    totals = {year: sum(by_status.get(year, {}).values()) for year in years.both}

    result = [
        ReportTable(
            slug="network-applications-by-status",
            title="Applications by status",
            headers=headers("Status"),
            rows=count_rows(Application.Status.choices, by_status, years.both),
            total=total_row("All applications", by_status, years.both),
        ),
        ReportTable(
            slug="network-acceptance-rate",
            title="Acceptance rate",
            headers=["Cohort", "Applications", "Accepted", "Acceptance rate"],
            rows=[
                [year, totals[year], accepted[year], percentage(accepted[year], totals[year])]
                for year in years.both
            ],
            chart_columns=(3,),
            scale=100,
            description="Bar chart of the share of each cohort's applications that were "
            "accepted. The same figures are in the table.",
        ),
    ]

    workstream_counts = _counts(
        Membership.workstreams.through.objects.filter(membership__cohort__name__in=years.both),
        "membership__cohort__name",
        "workstream_id",
    )
    members = _counts(
        Membership.objects.filter(cohort__name__in=years.both), "cohort__name", Value("all")
    )
    result.append(
        ReportTable(
            slug="network-members-by-workstream",
            title="Members by workstream",
            headers=headers("Workstream"),
            rows=count_rows(
                Workstream.objects.values_list("pk", "name"), workstream_counts, years.both
            ),
            total=total_row("All members", members, years.both),
            notes=["A member may join more than one workstream."],
        )
    )

    oversight = _counts(
        applications.exclude(oversight_group_outcome=OversightGroupOutcome.NOT_REQUESTED),
        "cohort__name",
        "oversight_group_outcome",
    )
    result.append(
        ReportTable(
            slug="network-oversight-group",
            title="Oversight Group interest and appointments",
            headers=headers("Outcome"),
            rows=count_rows(OversightGroupOutcome.choices[1:], oversight, years.both),
            total=total_row("Asked to be considered", oversight, years.both),
        )
    )

    band = Case(
        *(When(grade__in=grades, then=Value(label)) for label, grades in GRADE_BANDS),
        default=Value("Other grade"),
    )
    trusts = _counts(applications, "cohort__name", "employing_trust")
    trust_names = sorted(
        {trust for counts in trusts.values() for trust in counts},
        key=lambda trust: (-trusts.get(years.chosen, {}).get(trust, 0), trust),
    )
    for slug, title, group, labels in [
        ("profession", "Applications by profession", "profession", Profession.choices),
        ("grade-band", "Applications by grade band", band, [(b, b) for b, _ in GRADE_BANDS]),
        ("area", "Applications by area", "area", Area.choices),
    ]:
        counts = _counts(applications, "cohort__name", group)
        result.append(
            ReportTable(
                slug=f"network-applications-by-{slug}",
                title=title,
                headers=headers(title.removeprefix("Applications by ").capitalize()),
                rows=count_rows(labels, counts, years.both),
                total=total_row("All applications", counts, years.both),
            )
        )
    result.append(
        ReportTable(
            slug="network-applications-by-trust",
            title="Applications by employing trust",
            headers=headers("Employing trust"),
            rows=count_rows([(t, t) for t in trust_names], trusts, years.both),
            total=total_row("All applications", trusts, years.both),
        )
    )
    return result
