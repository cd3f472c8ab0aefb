"""What other parts of the portal show on a workstream's page ("related sessions, projects and
resources").

Each app adds its own list by calling `register` from its AppConfig.ready() (see training/apps.py
and qi_projects/apps.py), so this app does not depend on them. The function returns a queryset of
objects with __str__ and get_absolute_url(), already limited to what the public may see and in
display order, or None when the app has nothing for that workstream; the page shows the first few.

A list whose link text is a field and whose address is a page named by one of its fields says so
with links=page_links(...): its rows are then read as those two values, with no model instances
and one reverse() for the lot.
"""

from collections.abc import Callable
from dataclasses import dataclass

from edi_portal.links import address_of_each

from .models import Resource

ITEMS_PER_SECTION = 5


def object_links(queryset):
    """(text, address) of the first few items: each one's __str__ and get_absolute_url()."""
    return [(str(item), item.get_absolute_url()) for item in queryset[:ITEMS_PER_SECTION]]


def page_links(text, viewname, argument):
    """A source's `links`: the first few items' `text` field, and the address of `viewname` for
    their `argument` field (an integer or a slug, see edi_portal.links.address_of_each)."""

    def links(queryset):
        address = address_of_each(viewname, argument)
        rows = queryset.values_list(text, argument)[:ITEMS_PER_SECTION]
        return [(row_text, address(value)) for row_text, value in rows]

    return links


@dataclass(frozen=True)
class RelatedSource:
    heading: str
    items_for: Callable  # (workstream) -> QuerySet | None
    more: tuple = ()  # (link text, address): the whole list, linked below the first few
    links: Callable = object_links  # (queryset) -> [(text, address)] of the first few


def workstream_resources(workstream):
    return workstream.resources.filter(is_published=True)


def resource_links(queryset):
    address = Resource.address_of_each()
    rows = queryset.values_list("title", "pk", "file", "url")[:ITEMS_PER_SECTION]
    return [(title, address(pk, file, url)) for title, pk, file, url in rows]


_sources = [RelatedSource("Resources", workstream_resources, links=resource_links)]


def register(heading, items_for, more=(), links=object_links):
    """Add a list to every workstream page (see the module docstring). Optionally a link to the
    whole of it, more=(link text, address), and a cheaper way to read its links,
    links=page_links(...)."""
    _sources.append(RelatedSource(heading, items_for, more, links))


def related_to(workstream):
    """[{"heading", "items": [(text, address)], "more"}] for the lists that have something; one
    query per source."""
    sections = []
    for source in _sources:
        queryset = source.items_for(workstream)
        items = [] if queryset is None else source.links(queryset)
        if items:
            sections.append({"heading": source.heading, "items": items, "more": source.more})
    return sections
