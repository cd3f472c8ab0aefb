from django import template

from edi_portal.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ page.body|markdown }}: admin-written Markdown, sanitised (see edi_portal.markdown)."""
    return render_markdown(text)
