"""Diversity: equality monitoring answers of applicants and of accepted members, in aggregate
only. Every answer's count is protected (reports/suppression.py) a cohort at a time; the totals
are exact and match the network section's applications and acceptances."""

from django.db.models import Count, Q

from network.models import Application, EqualityMonitoring

from ..suppression import protect
from ..tables import ReportTable

NOT_ANSWERED = "Not answered"
APPLICANTS, ACCEPTED = 0, 1  # the columns of one cohort; accepted members are among applicants


def slug_for(field_name):
    return f"diversity-{field_name.replace('_', '-')}"


def tables(years):
    return _tables(years, EqualityMonitoring.ANSWER_FIELDS)


def table(years, slug):
    """Only the table a CSV asks for, from a query over its one question."""
    fields = [name for name in EqualityMonitoring.ANSWER_FIELDS if slug_for(name) == slug]
    return next(iter(_tables(years, fields)), None)


def _choices(field_name):
    return EqualityMonitoring._meta.get_field(field_name).choices


def _tables(years, field_names):
    if not field_names:
        return []
    counts = _answer_counts(years, field_names)
    return [_table(years, name, counts) for name in field_names]


def _answer_counts(years, field_names):
    """{(cohort, accepted): {"total": n, (question, answer): n}} in one query: one scan of the two
    cohorts' applications, joined once to their answers (people who skipped have none)."""
    answer_counts = {
        f"a{index}": (name, value, Count("pk", filter=Q(**{f"equality_monitoring__{name}": value})))
        for index, (name, value) in enumerate(
            (name, value) for name in field_names for value, _ in _choices(name)
        )
    }
    rows = (
        Application.objects.filter(cohort__name__in=years.both)
        .values("cohort__name", accepted=Q(status=Application.Status.ACCEPTED))
        .annotate(total=Count("pk"), **{key: count for key, (*_, count) in answer_counts.items()})
        .order_by()
    )
    result = {}
    for row in rows:
        result[row["cohort__name"], row["accepted"]] = {
            "total": row["total"],
            **{(name, value): row[key] for key, (name, value, _) in answer_counts.items()},
        }
    return result


def _cohort_columns(counts, year, field_name):
    """[applicants by answer, accepted by answer] for one cohort, "Not answered" last: everyone
    not counted under a listed answer, so each column adds up to the cohort's exact total."""
    columns = []
    for groups in ((True, False), (True,)):
        found = [counts.get((year, accepted), {}) for accepted in groups]
        by_answer = [
            sum(group.get((field_name, value), 0) for group in found)
            for value, _ in _choices(field_name)
        ]
        total = sum(group.get("total", 0) for group in found)
        columns.append([*by_answer, total - sum(by_answer)])
    return columns


def _table(years, field_name, counts):
    field = EqualityMonitoring._meta.get_field(field_name)
    labels = [label for _, label in field.choices] + [NOT_ANSWERED]
    shown, totals, headers = [], [], []
    for year in years.both:
        columns = _cohort_columns(counts, year, field_name)
        shown += protect(columns, within=(ACCEPTED, APPLICANTS))
        totals += [sum(column) for column in columns]
        headers += [f"Applicants {year}", f"Accepted {year}"]
    question = field.verbose_name[:1].upper() + field.verbose_name[1:]
    return ReportTable(
        slug=slug_for(field_name),
        title=f"{question}: applicants and accepted members",
        headers=[question, *headers],
        rows=[[label, *(column[row] for column in shown)] for row, label in enumerate(labels)],
        total=["All", *totals],
        chart_columns=(1, 2),
        description=f"Bar chart of the answers to the question on {field.verbose_name} by "
        f"applicants and accepted members in {years.chosen}. Hidden counts have no bar; other "
        "counts are rounded to the nearest 5. The same figures are in the table.",
    )
