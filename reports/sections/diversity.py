"""Diversity: equality monitoring answers of applicants and of accepted members, in aggregate
only, with NHS Digital's small-numbers rule applied to every count and every total."""

from django.db.models import Count, F, Q

from network.models import Application, EqualityMonitoring

from ..suppression import suppress
from ..tables import ReportTable

NOT_ANSWERED = "Not answered"


def tables(years):
    applications = Application.objects.filter(cohort__name__in=years.both)
    accepted = Q(status=Application.Status.ACCEPTED)
    # (column name, filter) in the order of the table's columns.
    columns = []
    for year in years.both:
        columns += [
            (f"Applicants {year}", Q(cohort__name=year)),
            (f"Accepted {year}", Q(cohort__name=year) & accepted),
        ]
    aggregates = {f"c{index}": Count("pk", filter=q) for index, (_, q) in enumerate(columns)}
    result = []
    for field_name in EqualityMonitoring.ANSWER_FIELDS:
        field = EqualityMonitoring._meta.get_field(field_name)
        counts = {}
        # One query per question; applicants who skipped the step have no answers row (None).
        for row in (
            applications.values(answer=F(f"equality_monitoring__{field_name}"))
            .annotate(**aggregates)
            .order_by()
        ):
            key = row["answer"] or NOT_ANSWERED
            for index in range(len(columns)):
                counts.setdefault(key, [0] * len(columns))[index] += row[f"c{index}"]
        labels = [*field.choices, (NOT_ANSWERED, NOT_ANSWERED)]
        rows = [
            [label, *(suppress(n) for n in counts.get(value, [0] * len(columns)))]
            for value, label in labels
        ]
        totals = [sum(c[index] for c in counts.values()) for index in range(len(columns))]
        question = field.verbose_name[:1].upper() + field.verbose_name[1:]
        result.append(
            ReportTable(
                slug=f"diversity-{field_name.replace('_', '-')}",
                title=f"{question}: applicants and accepted members",
                headers=[question, *(name for name, _ in columns)],
                rows=rows,
                total=["All", *(suppress(n) for n in totals)],
                chart_columns=(1, 2),
                description=f"Bar chart of the answers to the question on "
                f"{field.verbose_name} by applicants and accepted members in {years.chosen}. "
                "Counts from 1 to 7 are shown as fewer than 8, with no bar; other counts are "
                "rounded to the nearest 5. The same figures are in the table.",
            )
        )
    return result
