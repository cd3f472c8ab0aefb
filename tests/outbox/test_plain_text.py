"""Every email template shows people's text as text: no link or image a visitor wrote reaches
the HTML part, whatever they type into any value.

The templates are found by walking templates/emails/, and each one's values are worked out from
the template itself, so a new template is covered without editing this test.
"""

import datetime
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template import loader
from django.template.base import VariableNode
from django.template.defaulttags import IfNode
from django.template.loader_tags import IncludeNode

from edi_portal.email_templates import SUBJECT_MAX_LENGTH, render_email

EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"
# Partials (named _*.md) are rendered through the templates that include them.
TEMPLATES = sorted(
    str(path.relative_to(EMAILS).with_suffix(""))
    for path in EMAILS.rglob("*.md")
    if not path.name.startswith("_")
)

HOSTILE = "\n".join(
    [
        "[Verify your NHS account now](https://evil.example/login)",
        '<img src="https://evil.example/t.gif"> ![pixel](https://evil.example/p.gif)',
        '<a href="https://evil.example/a">account</a> <https://evil.example/auto>',
        "[reference link][r] https://evil.example/bare www.evil.example",
        "",
        "[r]: https://evil.example/ref",
        "    indented *emphasis* _under_ `code` # heading",
        "Line\r\nbreak",
    ]
)
BENIGN = "Sample text"
# Values the portal itself builds (links to its own pages) or staff enter in admin (a session's
# joining link). Everything else in an email's context could come from a person.
STAFF_LINK = "https://portal.example.nhs.uk/staff-written/"
WHEN = datetime.datetime(2026, 5, 6, 9, 30, tzinfo=datetime.UTC)


def is_staff_link(name):
    return name == "site_url" or name.endswith("_url") or name == "joining_link"


def template_nodes(name):
    """Every node of an email template and of the templates it includes."""
    nodelist = loader.get_template(name).template.nodelist
    nodes = list(nodelist.get_nodes_by_type(object))
    for include in nodelist.get_nodes_by_type(IncludeNode):
        nodes += template_nodes(include.template.var)
    return nodes


def names_in(filter_expression):
    lookups = getattr(filter_expression.var, "lookups", None) or ()
    return lookups[-1:]


def variables(name):
    """(names shown as times, names tested by {% if %}) in one template."""
    times, conditions = set(), set()
    for node in template_nodes(name):
        if isinstance(node, VariableNode):
            filters = node.filter_expression.filters
            if any(
                getattr(func, "expects_localtime", False) or func.__name__ == "clock"
                for func, _args in filters
            ):
                times.update(names_in(node.filter_expression))
        if isinstance(node, IfNode):
            for condition, _nodelist in node.conditions_nodelists:
                value = getattr(condition, "value", None)
                if value is not None:
                    conditions.update(names_in(value))
    return times, conditions


class Value(str):
    """A value a person typed, with any attribute a template asks for (each another such value)
    and two items when a template loops over it."""

    def __new__(cls, text, world):
        value = super().__new__(cls, text)
        value.world = world
        return value

    def __getattr__(self, name):
        if name.startswith("_") or name == "world":
            raise AttributeError(name)
        return self.world.value(name)

    def __iter__(self):
        return iter([self.world.value("item"), self.world.value("item")])


class World(dict):
    """A context that has every name: staff links are links, times are times, and everything
    else is `text`. Names in `falsy` are empty, to reach the {% else %} branches."""

    def __init__(self, text, *, times, falsy=()):
        super().__init__()
        self.text, self.times, self.falsy = text, times, set(falsy)

    def value(self, name):
        if name in self.falsy:
            return ""
        if is_staff_link(name):
            return STAFF_LINK
        if name in self.times:
            return WHEN
        return Value(self.text, self)

    def __contains__(self, name):
        return name not in {"True", "False", "None"}

    def __getitem__(self, name):
        return self.value(name)


class Markup(HTMLParser):
    """Every URL an HTML document carries in an attribute, and its links, images and other
    elements that only Markdown or HTML syntax makes (paragraphs and lists aside)."""

    URL_ATTRIBUTES = {"href", "src", "srcset", "action", "background", "poster", "formaction"}
    SYNTAX_TAGS = {"a", "img", "em", "strong", "code", "pre", "blockquote", "hr", "table"}
    SYNTAX_TAGS |= {f"h{level}" for level in range(1, 7)}

    def __init__(self, html):
        super().__init__()
        self.urls, self.syntax = Counter(), Counter()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in self.SYNTAX_TAGS:
            self.syntax[tag] += 1
        for attribute, value in attrs:
            if attribute in self.URL_ATTRIBUTES:
                self.urls[(tag, attribute, value)] += 1


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("branch", ["if", "else"])
def test_a_visitors_text_never_becomes_a_link_or_image(template, branch):
    times, conditions = variables(f"emails/{template}.md")
    falsy = conditions if branch == "else" else ()

    _, _, benign_html = render_email(template, World(BENIGN, times=times, falsy=falsy))
    subject, text, html = render_email(template, World(HOSTILE, times=times, falsy=falsy))

    hostile, benign = Markup(html), Markup(benign_html)
    assert hostile.urls == benign.urls  # the template's own links, and no others
    # No more links, images, emphasis or headings than the template wrote (a line break in a
    # value may leave fewer, by splitting the template's own **bold** across paragraphs).
    assert hostile.syntax <= benign.syntax
    assert ("evil.example" in html) == ("evil.example" in text)  # shown, as text
    assert "\n" not in subject and "\r" not in subject
    assert len(subject) <= SUBJECT_MAX_LENGTH


def test_the_walk_finds_every_kind_of_email():
    assert {"application_acknowledgement", "training/session_request_for_leads"} <= set(TEMPLATES)
    assert "training/_session_details" not in TEMPLATES


def test_a_visitors_text_is_shown_as_they_wrote_it():
    name = "[Verify your NHS account now](https://evil.example/login) <b>*Jo*</b>"

    subject, text, html = render_email(
        "application_withdrawn",
        {"application": {"full_name": name, "reference": "NW-1"}, "contact_email": "a@nhs.net"},
    )

    assert f"Dear {name}," in text  # the text part: exactly as typed
    assert (
        "Dear [Verify your NHS account now](https://evil.example/login) "
        "&lt;b&gt;*Jo*&lt;/b&gt;," in html
    )
    assert "<a" not in html and "<b>" not in html and "<em>" not in html


def test_staff_links_stay_links():
    _, text, html = render_email(
        "application_acknowledgement",
        {
            "application": {"full_name": "Jo", "reference": "NW-1", "cohort": {"name": "2026"}},
            "status_url": "https://portal.example.nhs.uk/join/status/abc_1:x-y/",
            "contact_email": "a@nhs.net",
        },
    )

    assert '<a href="https://portal.example.nhs.uk/join/status/abc_1:x-y/"' in html
    assert "(https://portal.example.nhs.uk/join/status/abc_1:x-y/)" in text


def test_a_line_break_in_a_value_never_cuts_the_subject_short():
    title = "Better handovers\r\nBcc: someone@evil.example " + "long " * 60

    subject, text, _ = render_email(
        "qi_project_published",
        {"project": {"title": title}, "project_url": "https://portal.example.nhs.uk/qi/1/"},
    )

    assert subject.startswith("Your QI project is published: Better handovers Bcc: someone@")
    assert "\n" not in subject and "\r" not in subject
    assert len(subject) == SUBJECT_MAX_LENGTH
    assert text.startswith("Your quality improvement project, ")
