"""Report tables: each figure on the reports page is a cell of one of these, and each table has
its own CSV export with the same values (suppression included)."""

from dataclasses import dataclass, field

from .charts import NARROW_WIDTH, WIDTH, bar_chart


@dataclass(frozen=True)
class Percent:
    """A share shown as a whole-number percentage; value is None when there is nothing to divide."""

    value: float | None

    def __str__(self):
        return "no data" if self.value is None else f"{round(self.value)}%"


def percentage(part, whole):
    return Percent(100 * part / whole if whole else None)


def chart_number(cell):
    """The number a bar is drawn to, or None for a cell with no bar (suppressed, no data, text)."""
    number = getattr(cell, "value", cell)
    return number if isinstance(number, int | float) and not isinstance(number, bool) else None


@dataclass
class ReportTable:
    slug: str
    title: str
    headers: list[str]
    rows: list[list]
    description: str = ""
    # The columns drawn as bars (indexes into headers, each a series named by its header), with
    # the first column as the labels; by default every column after the first.
    chart_columns: tuple[int, ...] | None = None
    # Shorter names for the series than their headers, written beside each bar.
    series: tuple[str, ...] | None = None
    # Fixed top of the scale (100 for percentages); otherwise the largest value.
    scale: float | None = None
    # A labelled reference line, like ("95% target", 95).
    target: tuple[str, float] | None = None
    # A last row of totals: shown in the table and the CSV, not drawn.
    total: list | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def is_wide(self):
        """Wide tables take the full width with their chart below; others sit beside theirs."""
        return len(self.headers) > 3

    def chart_svg(self):
        if not self.rows:
            return ""
        columns = self.chart_columns or range(1, len(self.headers))
        series = self.series or [self.headers[column] for column in columns]
        groups = [
            (
                str(row[0]),
                [(chart_number(row[column]), str(row[column])) for column in columns],
            )
            for row in self.rows
        ]
        return bar_chart(
            chart_id=f"chart-{self.slug}",
            title=self.title,
            description=self.description
            or f"Bar chart of the figures for {' and '.join(series)} by {self.headers[0].lower()}. "
            "The same figures are in the table.",
            series=series,
            groups=groups,
            scale=self.scale,
            target=self.target,
            width=WIDTH if self.is_wide else NARROW_WIDTH,
        )

    def all_rows(self):
        return [*self.rows, self.total] if self.total else self.rows

    def csv_rows(self):
        yield self.headers
        for row in self.all_rows():
            yield [str(cell) for cell in row]


def count_rows(labels, counts_by_year, years, format_count=lambda n: n):
    """Rows of [label, count in years[0], count in years[1], ...] for labelled choices.

    counts_by_year: {year: {choice_value: count}}; labels: [(choice_value, label)].
    """
    return [
        [label, *(format_count(counts_by_year.get(year, {}).get(value, 0)) for year in years)]
        for value, label in labels
    ]


def total_row(label, counts_by_year, years, format_count=lambda n: n):
    return [label, *(format_count(sum(counts_by_year.get(year, {}).values())) for year in years)]
