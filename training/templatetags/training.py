import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from training.times import clock

register = template.Library()


@register.filter
def markdown(text):
    """Admin-written Markdown as HTML, sanitised, with NHS.UK list classes."""
    html = nh3.clean(markdown_lib.markdown(text or "", extensions=["sane_lists"]))
    html = html.replace("<ul>", '<ul class="nhsuk-list nhsuk-list--bullet">')
    return mark_safe(html)  # noqa: S308 - sanitised by nh3 above


register.filter("clock", clock)
