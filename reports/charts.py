"""Accessible bar charts drawn as SVG on the server: no JavaScript, a title and a description,
every bar labelled with its category and its value in text (never colour alone)."""

from django.template.loader import render_to_string

BAR_HEIGHT = 28
GAP = 12
LABEL_WIDTH = 260
BAR_AREA = 360
VALUE_WIDTH = 120


def bar_chart(*, chart_id, title, description, rows):
    """rows: (label, value, value_text); value is a number or None (suppressed: no bar drawn)."""
    numbers = [value for _, value, _ in rows if value is not None]
    top = max(numbers, default=0) or 1
    bars = []
    for index, (label, value, value_text) in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        width = round(BAR_AREA * (value or 0) / top)
        bars.append(
            {
                "label": label,
                "value_text": value_text,
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "width": width,
                "value_x": LABEL_WIDTH + width + 8,
            }
        )
    height = max(len(rows), 1) * (BAR_HEIGHT + GAP)
    return render_to_string(
        "reports/bar_chart.svg",
        {
            "chart_id": chart_id,
            "title": title,
            "description": description,
            "bars": bars,
            "bar_height": BAR_HEIGHT,
            "label_width": LABEL_WIDTH,
            "label_x": LABEL_WIDTH - 8,
            "width": LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
            "height": height,
        },
    )
