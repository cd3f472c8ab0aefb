"""Email templates: Markdown with Django template tags, in which every value is plain text.

Django escapes values for HTML on pages. In an email's HTML part a value must be escaped for
Markdown too, or a name such as "[Verify your account](https://evil.example)" that a visitor typed
would become a link in an email sent in the network's name. So here every {{ value }} in the HTML
part is escaped for both, unless it is marked safe (`|safe` in the template, or mark_safe() in
code): only links the portal builds itself, never anything a person typed. The text part shows
every value as it was written.

The template's first line is the subject, rendered on its own, so a value with a line break
cannot cut the subject short or spill into the body.
"""

import re
import string
from functools import cache

from django.template import Context, Engine, Template, engines
from django.template.base import VariableNode, render_value_in_context
from django.template.loader import render_to_string
from django.utils.formats import localize
from django.utils.text import Truncator
from django.utils.timezone import template_localtime

from .markdown import render_markdown

SUBJECT_MAX_LENGTH = 150

# Every ASCII punctuation character as a numeric character reference: the reader sees the
# character, while neither Markdown nor HTML reads it as syntax (no link, image, tag or emphasis).
_PUNCTUATION_AS_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in string.punctuation})
# Indentation at the start of a line would make Markdown show the value as a code block.
_LINE_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def escape_markdown(text):
    """Text that Markdown and HTML both show exactly as written."""
    return _LINE_INDENT.sub("", str(text)).translate(_PUNCTUATION_AS_ENTITIES)


def clean_subject(subject):
    """One line (no CR or LF, runs of spaces collapsed), at most SUBJECT_MAX_LENGTH characters."""
    return Truncator(" ".join(str(subject).split())).chars(SUBJECT_MAX_LENGTH)


class _PlainTextVariableNode(VariableNode):
    """{{ value }} escaped for Markdown and HTML when autoescaping (the HTML part)."""

    def render(self, context):
        value = self.filter_expression.resolve(context)
        if not context.autoescape or hasattr(value, "__html__"):  # the text part, or marked safe
            return render_value_in_context(value, context)
        value = template_localtime(value, use_tz=context.use_tz)
        return escape_markdown(localize(value, use_l10n=context.use_l10n))


class _EmailTemplate(Template):
    def compile_nodelist(self):
        nodelist = super().compile_nodelist()
        # Each {{ }} becomes a plain-text node, in every branch and loop of the template.
        for node in nodelist.get_nodes_by_type(VariableNode):
            node.__class__ = _PlainTextVariableNode
        return nodelist


class _EmailEngine(Engine):
    """The portal's template settings, compiling email templates (includes too) as above."""

    def get_template(self, template_name):
        template = super().get_template(template_name)
        return _EmailTemplate(template.source, template.origin, template_name, engine=self)


@cache
def email_engine():
    portal = engines["django"].engine
    return _EmailEngine(
        dirs=portal.dirs,
        app_dirs=portal.app_dirs,
        libraries=portal.libraries,
        debug=portal.debug,
        string_if_invalid=portal.string_if_invalid,
    )


def render_email(template_name, context):
    """Render templates/emails/<template_name>.md into (subject, text, html).

    The template's first line is the subject; the rest is the body in Markdown. The text body is
    that Markdown with every value as written; the HTML body is the Markdown with every value
    escaped (see the module's docstring), rendered, sanitised and wrapped in the email layout.
    """
    engine = email_engine()
    source = engine.get_template(f"emails/{template_name}.md")
    subject_source, _, body_source = source.source.partition("\n")
    subject_template, body_template = (
        _EmailTemplate(part, source.origin, source.name, engine=engine)
        for part in (subject_source, body_source)
    )
    subject = clean_subject(subject_template.render(Context(context, autoescape=False)))
    text = body_template.render(Context(context, autoescape=False)).strip() + "\n"
    markdown = body_template.render(Context(context, autoescape=True))
    html = email_html(subject, render_markdown(markdown))
    return subject, text, html


def email_html(subject, content):
    """The NHS-styled email layout around content (HTML, already safe)."""
    return render_to_string("emails/layout.html", {"subject": subject, "content": content})
