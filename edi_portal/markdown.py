"""Markdown written by admins, rendered to HTML that is safe to show on any page.

Content pages, workstream descriptions, resources and good-practice items all go through
`render_markdown`, so the sanitising rules live in one place.
"""

import functools

import markdown as markdown_lib
import nh3
from django.utils.safestring import mark_safe

# What Markdown produces, and nothing that runs: no script, style, iframe, form or event handler.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
# Removed with everything inside them, not just the tags.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}


def render_markdown(text):
    """Markdown to sanitised HTML (marked safe for templates). Empty text gives ""."""
    if not text:
        return ""
    return mark_safe(_rendered(text))  # noqa: S308  (nh3 has sanitised it)


# Pages show the same few hundred texts again and again, and rendering one is milliseconds of
# Markdown and nh3. Keyed by the text itself, an edit in admin is a new key: nothing goes stale.
@functools.lru_cache(maxsize=1024)
def _rendered(text):
    html = markdown_lib.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
