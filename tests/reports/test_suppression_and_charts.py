from reports.charts import NARROW_WIDTH, VALUE_TEXT_WIDTH
from reports.suppression import SUPPRESSED_TEXT, suppress
from reports.tables import Percent, ReportTable, percentage


def test_counts_from_one_to_seven_are_suppressed():
    assert [str(suppress(n)) for n in range(1, 8)] == [SUPPRESSED_TEXT] * 7


def test_other_counts_are_rounded_to_the_nearest_five():
    assert [suppress(n).value for n in (0, 8, 12, 13, 22, 23, 100)] == [0, 10, 10, 15, 20, 25, 100]


def test_a_suppressed_count_cannot_be_recovered_from_a_rounded_total():
    # 3 in one group, 21 in another: the total 24 is shown as 25 and the other as 20, so
    # subtracting gives 5, not the true 3.
    shown = [suppress(3), suppress(21)]
    total = suppress(24)
    assert shown[0].value is None
    assert total.value - shown[1].value != 3


def test_chart_has_a_text_alternative_and_labels_every_bar():
    table = ReportTable(
        slug="by-status",
        title="Applications by status",
        headers=["Status", "2026-27"],
        rows=[["Accepted", 12], ["Declined", suppress(3)]],
    )
    svg = table.chart_svg()
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-by-status-title chart-by-status-desc"' in svg
    assert '<title id="chart-by-status-title">Applications by status</title>' in svg
    assert '<desc id="chart-by-status-desc">Bar chart of the figures for 2026-27 by status.' in svg
    assert ">Accepted<" in svg and ">12<" in svg
    assert f">{SUPPRESSED_TEXT}<" in svg


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
    table = ReportTable(slug="t", title="T", headers=["Group", "Count"], rows=[["A", suppress(3)]])
    assert list(table.csv_rows()) == [["Group", "Count"], ["A", SUPPRESSED_TEXT]]
