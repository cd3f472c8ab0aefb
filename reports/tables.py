"""Report tables: each figure on the reports page is a cell of one of these, and each table has
its own CSV export with the same values (suppression included)."""

from dataclasses import dataclass, field

from .charts import bar_chart


@dataclass
class ReportTable:
    slug: str
    title: str
    headers: list[str]
    rows: list[list]
    description: str = ""
    # Draw a bar chart of this column (index into headers), with the first column as labels.
    chart_column: int | None = 1
    notes: list[str] = field(default_factory=list)

    def chart_svg(self):
        if self.chart_column is None or not self.rows:
            return ""
        column = self.chart_column
        bars = []
        for row in self.rows:
            cell = row[column]
            number = getattr(cell, "value", cell)
            bars.append(
                (str(row[0]), number if isinstance(number, int | float) else None, str(cell))
            )
        return bar_chart(
            chart_id=f"chart-{self.slug}",
            title=f"{self.title}: {self.headers[column]}",
            description=self.description
            or f"Bar chart of {self.headers[column].lower()} by {self.headers[0].lower()}. "
            "The same figures are in the table.",
            rows=bars,
        )

    def csv_rows(self):
        yield self.headers
        for row in self.rows:
            yield [str(cell) for cell in row]


def count_rows(labels, counts_by_year, years, format_count=lambda n: n):
    """Rows of [label, count in years[0], count in years[1], ...] for labelled choices.

    counts_by_year: {year: {choice_value: count}}; labels: [(choice_value, label)].
    """
    return [
        [label, *(format_count(counts_by_year.get(year, {}).get(value, 0)) for year in years)]
        for value, label in labels
    ]


def percentage(part, whole):
    """A share as a whole-number percentage, or "no data" when there is nothing to divide."""
    if not whole:
        return "no data"
    return f"{round(100 * part / whole)}%"
