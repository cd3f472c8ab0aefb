"""Network: applications to the chosen year's cohort and the year before's."""

from django.db.models import Count, Q

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


def _application_counts(applications):
    """{grouping: {value: count}} for every grouping of a cohort's applications the section shows,
    in one query: one row per employing trust (a free-text field), with a count for each choice
    of every other grouping, summed over trusts here."""
    groupings = {
        "status": [(value, Q(status=value)) for value in Application.Status.values],
        "oversight": [
            (value, Q(oversight_group_outcome=value)) for value in OversightGroupOutcome.values
        ],
        "profession": [(value, Q(profession=value)) for value in Profession.values],
        "area": [(value, Q(area=value)) for value in Area.values],
        "grade-band": [(band, Q(grade__in=grades)) for band, grades in GRADE_BANDS],
    }
    aggregates = {
        f"{name}{index}": (name, value, Count("pk", filter=condition))
        for name, choices in groupings.items()
        for index, (value, condition) in enumerate(choices)
    }
    rows = (
        applications.values("employing_trust")
        .annotate(n=Count("pk"), **{key: count for key, (*_, count) in aggregates.items()})
        .order_by()
    )
    counts = {name: {} for name in [*groupings, "trust"]}
    for row in rows:
        counts["trust"][row["employing_trust"]] = row["n"]
        for key, (name, value, _) in aggregates.items():
            counts[name][value] = counts[name].get(value, 0) + row[key]
    # Grades outside the bands (none today) still count, as "Other grade".
    if counts["trust"]:
        bands = counts["grade-band"]
        bands["Other grade"] += sum(counts["trust"].values()) - sum(bands.values())
    return counts


def count(year, publication):
    """The year's cohort: its applications, members and workstreams (exact: nobody's answers)."""
    counts = _application_counts(Application.objects.filter(cohort__name=year.name))
    counts["workstreams"] = dict(
        Membership.workstreams.through.objects.filter(membership__cohort__name=year.name)
        .values_list("workstream_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts["members"] = {"all": Membership.objects.filter(cohort__name=year.name).count()}
    counts["workstream names"] = list(Workstream.objects.values_list("pk", "name"))
    return counts


def tables(years, figures):
    headers = lambda first: [first, *years.both]  # noqa: E731
    counts = {
        name: {year: figures[year][name] for year in years.both} for name in figures[years.chosen]
    }
    by_status = counts["status"]
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

    # Named as the chosen year's figures name them; the year before's may hold one since removed.
    workstreams = dict(figures[years.previous]["workstream names"])
    workstreams.update(figures[years.chosen]["workstream names"])
    result.append(
        ReportTable(
            slug="network-members-by-workstream",
            title="Members by workstream",
            headers=headers("Workstream"),
            rows=count_rows(workstreams.items(), counts["workstreams"], years.both),
            total=total_row("All members", counts["members"], years.both),
            notes=["A member may join more than one workstream."],
        )
    )

    oversight = {
        year: {
            outcome: n
            for outcome, n in by_outcome.items()
            if outcome != OversightGroupOutcome.NOT_REQUESTED
        }
        for year, by_outcome in counts["oversight"].items()
    }
    result.append(
        ReportTable(
            slug="network-oversight-group",
            title="Oversight Group interest and appointments",
            headers=headers("Outcome"),
            rows=count_rows(OversightGroupOutcome.choices[1:], oversight, years.both),
            total=total_row("Asked to be considered", oversight, years.both),
        )
    )

    trusts = counts["trust"]
    trust_names = sorted(
        {trust for counts in trusts.values() for trust in counts},
        key=lambda trust: (-trusts.get(years.chosen, {}).get(trust, 0), trust),
    )
    for slug, title, labels in [
        ("profession", "Applications by profession", Profession.choices),
        ("grade-band", "Applications by grade band", [(b, b) for b, _ in GRADE_BANDS]),
        ("area", "Applications by area", Area.choices),
    ]:
        result.append(
            ReportTable(
                slug=f"network-applications-by-{slug}",
                title=title,
                headers=headers(title.removeprefix("Applications by ").capitalize()),
                rows=count_rows(labels, counts[slug], years.both),
                total=total_row("All applications", counts[slug], years.both),
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
