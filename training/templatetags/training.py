import markdown as markdown_lib
import nh3
from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def markdown(text):
    """Admin-written Markdown as HTML, sanitised, with NHS.UK list classes."""
    html = nh3.clean(markdown_lib.markdown(text or "", extensions=["sane_lists"]))
    html = html.replace("<ul>", '<ul class="nhsuk-list nhsuk-list--bullet">')
    return mark_safe(html)  # noqa: S308 - sanitised by nh3 above


@register.filter
def clock(value):
    """A UK time in NHS.UK style: "9:30am", "2pm" (12-hour, no dots, minutes only if any)."""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"
