"""What other parts of the portal show on a workstream's page ("related sessions, projects and
resources").

Each app adds its own list by calling `register` from its AppConfig.ready() (see training/apps.py
and qi_projects/apps.py), so this app does not depend on them. The function returns a queryset of
objects with __str__ and get_absolute_url(), already limited to what the public may see and in
display order, or None when the app has nothing for that workstream; the page shows the first few.
"""

from collections.abc import Callable
from dataclasses import dataclass

ITEMS_PER_SECTION = 5


@dataclass(frozen=True)
class RelatedSource:
    heading: str
    items_for: Callable  # (workstream) -> QuerySet | None
    more: tuple = ()  # (link text, address): the whole list, linked below the first few


def workstream_resources(workstream):
    return workstream.resources.filter(is_published=True)


_sources = [RelatedSource("Resources", workstream_resources)]


def register(heading, items_for, more=()):
    """Add a list to every workstream page (see the module docstring), and optionally a link to
    the whole of it: more=(link text, address)."""
    _sources.append(RelatedSource(heading, items_for, more))


def related_to(workstream):
    """[{"heading", "items", "more"}] for the lists that have something; one query per source."""
    sections = []
    for source in _sources:
        queryset = source.items_for(workstream)
        items = [] if queryset is None else list(queryset[:ITEMS_PER_SECTION])
        if items:
            sections.append({"heading": source.heading, "items": items, "more": source.more})
    return sections
