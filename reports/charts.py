"""Accessible bar charts drawn as SVG on the server: no JavaScript, a title and a description,
every bar labelled with its category and its value in text (never colour alone)."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

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
TEXT = mark_safe('font-size="14" fill="#212b32"')  # NHS black, as body text
GROUP_END, SVG_END = mark_safe("  </g>"), mark_safe("</svg>")


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
    # Built here rather than in a template: a page draws some 30 charts of up to 40 bars, and
    # format_html escapes every text as a template would, at a fraction of the cost.
    drawn = []
    for label, values in groups:
        drawn.append(format_html('  <g>\n    <text x="0" y="{}" {}>{}</text>', y + 16, TEXT, label))
        bar_y = y + LABEL_HEIGHT
        for index, (value, value_text) in enumerate(values):
            bar_width = round(bar_area * (value or 0) / top)
            text = f"{value_text} ({series[index]})" if len(series) > 1 else value_text
            colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
            drawn.append(
                format_html(
                    '    <rect x="0" y="{}" width="{}" height="{}" fill="{}"></rect>\n'
                    '    <text x="{}" y="{}" {}>{}</text>',
                    bar_y,
                    bar_width,
                    BAR_HEIGHT,
                    colour,
                    bar_width + 6,
                    bar_y + BAR_HEIGHT - 5,
                    TEXT,
                    text,
                )
            )
            bar_y += BAR_HEIGHT + BAR_GAP
        drawn.append(GROUP_END)
        y = bar_y - BAR_GAP + GROUP_GAP
    height = max(y, LABEL_HEIGHT)
    if target:
        x = round(bar_area * target[1] / top)
        drawn.append(
            format_html(
                '  <line x1="{}" y1="16" x2="{}" y2="{}" stroke="#212b32" stroke-width="2" '
                'stroke-dasharray="6 4"></line>\n'
                '  <text x="{}" y="13" text-anchor="end" {}>{}</text>',
                x,
                x,
                height,
                x,
                TEXT,
                target[0],
            )
        )
    opening = format_html(
        '<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'viewBox="0 0 {} {}" width="{}" height="{}" aria-labelledby="{}-title {}-desc">\n'
        '  <title id="{}-title">{}</title>\n  <desc id="{}-desc">{}</desc>',
        width,
        height,
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
    )
    return format_html_join("\n", "{}", ((part,) for part in [opening, *drawn, SVG_END]))
