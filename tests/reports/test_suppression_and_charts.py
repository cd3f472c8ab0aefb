from reports.charts import NARROW_WIDTH, VALUE_TEXT_WIDTH
from reports.suppression import HIDDEN_TEXT, ShownCount
from reports.tables import Percent, ReportTable, percentage


def test_chart_has_a_text_alternative_and_labels_every_bar():
    table = ReportTable(
        slug="by-status",
        title="Applications by status",
        headers=["Status", "2026-27"],
        rows=[["Accepted", 12], ["Declined", ShownCount(None)]],
    )
    svg = table.chart_svg()
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-by-status-title chart-by-status-desc"' in svg
    assert '<title id="chart-by-status-title">Applications by status</title>' in svg
    assert '<desc id="chart-by-status-desc">Bar chart of the figures for 2026-27 by status.' in svg
    assert ">Accepted<" in svg and ">12<" in svg
    assert f">{HIDDEN_TEXT}<" in svg


def test_each_bar_of_a_comparison_names_its_year_so_colour_is_not_the_only_key():
    table = ReportTable(
        slug="feedback",
        title="Feedback",
        headers=["Question", "2026-27", "2025-26"],
        rows=[["Useful", percentage(19, 20), percentage(1, 2)], ["Relevant", Percent(None), 0]],
        chart_columns=(1, 2),
        scale=100,
        target=("95% target", 95),
    )
    svg = table.chart_svg()
    assert ">95% (2026-27)<" in svg and ">50% (2025-26)<" in svg
    assert ">no data (2026-27)<" in svg
    assert ">95% target<" in svg
    # On a scale of 100 the 95% bar is 95% of the longest bar, level with the target line.
    x = round((NARROW_WIDTH - VALUE_TEXT_WIDTH) * 0.95)
    assert f'width="{x}"' in svg and f'x1="{x}"' in svg


def test_csv_rows_use_the_same_suppression():
    table = ReportTable(
        slug="t", title="T", headers=["Group", "Count"], rows=[["A", ShownCount(None)]]
    )
    assert list(table.csv_rows()) == [["Group", "Count"], ["A", HIDDEN_TEXT]]
