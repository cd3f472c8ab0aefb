"""Accessible bar charts drawn as SVG on the server: no JavaScript, a title and a description,
every bar labelled with its category and its value in text (never colour alone)."""

from django.template.loader import render_to_string

WIDTH = 720  # a chart under its table; one beside a narrow table is NARROW_WIDTH
NARROW_WIDTH = 460
VALUE_TEXT_WIDTH = 200  # room after the longest bar for its value text
LABEL_HEIGHT = 22  # each group's label sits above its bars, so long labels have the full width
BAR_HEIGHT = 20
BAR_GAP = 4
GROUP_GAP = 14
TARGET_LABEL_HEIGHT = 20
# NHS blue and NHS dark grey: told apart by the series name written beside every bar too.
SERIES_COLOURS = ["#005eb8", "#425563", "#768692"]


def bar_chart(
    *, chart_id, title, description, series, groups, scale=None, target=None, width=WIDTH
):
    """groups: [(label, [(value, value_text) for each series])]; a value of None draws no bar
    (suppressed or no data) but still writes its text. series: the name of each series, written
    after each value when there is more than one. target: (label, value) drawn as a line."""
    bar_area = width - VALUE_TEXT_WIDTH
    numbers = [value for _, values in groups for value, _ in values if value is not None]
    top = scale or max([*numbers, target[1] if target else 0]) or 1
    y = TARGET_LABEL_HEIGHT if target else 0
    drawn = []
    for label, values in groups:
        bars = []
        bar_y = y + LABEL_HEIGHT
        for index, (value, value_text) in enumerate(values):
            bar_width = round(bar_area * (value or 0) / top)
            text = f"{value_text} ({series[index]})" if len(series) > 1 else value_text
            bars.append(
                {
                    "y": bar_y,
                    "width": bar_width,
                    "text": text,
                    "text_x": bar_width + 6,
                    "text_y": bar_y + BAR_HEIGHT - 5,
                    "colour": SERIES_COLOURS[index % len(SERIES_COLOURS)],
                }
            )
            bar_y += BAR_HEIGHT + BAR_GAP
        drawn.append({"label": label, "label_y": y + 16, "bars": bars})
        y = bar_y - BAR_GAP + GROUP_GAP
    height = max(y, LABEL_HEIGHT)
    target_line = None
    if target:
        x = round(bar_area * target[1] / top)
        target_line = {"label": target[0], "x": x, "y2": height}
    return render_to_string(
        "reports/bar_chart.svg",
        {
            "chart_id": chart_id,
            "title": title,
            "description": description,
            "groups": drawn,
            "bar_height": BAR_HEIGHT,
            "width": width,
            "height": height,
            "target": target_line,
        },
    )
