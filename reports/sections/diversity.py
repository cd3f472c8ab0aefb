"""Diversity: equality monitoring answers of applicants and of accepted members, in aggregate
only. Every answer's count goes through the year's Publication (reports/suppression.py), with
accepted members counted among the applicants row by row; the totals are exact, and are the
network section's applications and acceptances."""

from django.db.models import Count, Q

from network.models import Application, EqualityMonitoring

from ..tables import ReportTable

NOT_ANSWERED = "Not answered"


def slug_for(field_name):
    return f"diversity-{field_name.replace('_', '-')}"


def _choices(field_name):
    return EqualityMonitoring._meta.get_field(field_name).choices


def _answer_counts(year):
    """{accepted: {"total": n, (question, answer): n}} in one query: one scan of the cohort's
    applications, joined once to their answers (people who skipped have none)."""
    answer_counts = {
        f"a{index}": (name, value, Count("pk", filter=Q(**{f"equality_monitoring__{name}": value})))
        for index, (name, value) in enumerate(
            (name, value)
            for name in EqualityMonitoring.ANSWER_FIELDS
            for value, _ in _choices(name)
        )
    }
    rows = (
        Application.objects.filter(cohort__name=year.name)
        .values(accepted=Q(status=Application.Status.ACCEPTED))
        .annotate(total=Count("pk"), **{key: count for key, (*_, count) in answer_counts.items()})
        .order_by()
    )
    return {
        row["accepted"]: {
            "total": row["total"],
            **{(name, value): row[key] for key, (name, value, _) in answer_counts.items()},
        }
        for row in rows
    }


def _columns(counts, field_name):
    """[applicants by answer, accepted by answer], "Not answered" last: everyone not counted
    under a listed answer, so each column adds up to the cohort's exact total."""
    columns = []
    for groups in ((True, False), (True,)):
        found = [counts.get(accepted, {}) for accepted in groups]
        by_answer = [
            sum(group.get((field_name, value), 0) for group in found)
            for value, _ in _choices(field_name)
        ]
        total = sum(group.get("total", 0) for group in found)
        columns.append([*by_answer, total - sum(by_answer)])
    return columns


def count(year, publication):
    """{question: (applicants, accepted)}, each a column of counts by answer."""
    counts = _answer_counts(year)
    result = {}
    for name in EqualityMonitoring.ANSWER_FIELDS:
        applicants, accepted = (
            publication.counts(column, total_shown_elsewhere=True)
            for column in _columns(counts, name)
        )
        publication.at_most(accepted, applicants)
        result[name] = (applicants, accepted)
    return result


def tables(years, figures):
    return [_table(years, name, figures) for name in EqualityMonitoring.ANSWER_FIELDS]


def _table(years, field_name, figures):
    field = EqualityMonitoring._meta.get_field(field_name)
    labels = [label for _, label in field.choices] + [NOT_ANSWERED]
    columns = [column for year in years.both for column in figures[year][field_name]]
    question = field.verbose_name[:1].upper() + field.verbose_name[1:]
    return ReportTable(
        slug=slug_for(field_name),
        title=f"{question}: applicants and accepted members",
        headers=[
            question,
            *(f"{group} {year}" for year in years.both for group in ("Applicants", "Accepted")),
        ],
        rows=[
            [label, *(column.shown[row] for column in columns)] for row, label in enumerate(labels)
        ],
        total=["All", *(column.shown_total for column in columns)],
        chart_columns=(1, 2),
        description=f"Bar chart of the answers to the question on {field.verbose_name} by "
        f"applicants and accepted members in {years.chosen}. Hidden counts have no bar; other "
        "counts are rounded to the nearest 5. The same figures are in the table.",
    )
