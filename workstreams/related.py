"""What other parts of the portal show on a workstream's page ("related sessions, projects and
resources").

Each app adds its own list by calling `register` from its AppConfig.ready() (see training/apps.py
and qi_projects/apps.py), so this app does not depend on them. The list is a function of no
arguments that returns a queryset of the items, already limited to what the public may see and
in display order, written with WORKSTREAM where the workstream's id goes (and NOW for the time of
the visit): it is built once per process and run for each page (edi_portal.prepared), and the
page shows the first few. Items are objects with __str__ and get_absolute_url(); a list whose
link text is a field and whose address is a page named by one of its fields says so with
links=page_links(...), and its rows are then read as those two values, with no model instances.
A list that only one workstream shows names it: only_for=its slug.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import BigIntegerField, DateTimeField
from django.utils import timezone

from edi_portal.links import address_of_each
from edi_portal.prepared import Param, Prepared

from .models import Resource

ITEMS_PER_SECTION = 5
# What a list's query is given when a workstream's page is read.
WORKSTREAM = Param("workstream", BigIntegerField())
NOW = Param("now", DateTimeField())


@dataclass(frozen=True)
class Links:
    rows: Callable  # (queryset) -> the queryset of what a link needs
    link: Callable  # (row) -> (text, address)


# Each item's __str__ and get_absolute_url().
object_links = Links(
    rows=lambda items: items, link=lambda item: (str(item), item.get_absolute_url())
)


def page_links(text, viewname, argument):
    """A list's `links`: each item's `text` field, and the address of `viewname` for its
    `argument` field (an integer or a slug, see edi_portal.links.address_of_each)."""
    return Links(
        rows=lambda items: items.values_list(text, argument),
        link=lambda row: (row[0], address_of_each(viewname, argument)(row[1])),
    )


@dataclass(frozen=True)
class RelatedSource:
    heading: str
    items: Callable  # () -> QuerySet, with WORKSTREAM (and NOW)
    more: tuple = ()  # (link text, address): the whole list, linked below the first few
    links: Links = object_links
    only_for: str = ""  # the slug of the one workstream that shows the list
    first_few: Prepared = field(init=False, compare=False)

    def __post_init__(self):
        first_few = Prepared(lambda: self.links.rows(self.items())[:ITEMS_PER_SECTION])
        object.__setattr__(self, "first_few", first_few)


_sources = [
    RelatedSource(
        "Resources",
        lambda: Resource.objects.filter(workstream=WORKSTREAM, is_published=True),
        links=Links(
            rows=lambda items: items.values_list("title", "pk", "file", "url"),
            link=lambda row: (row[0], Resource.address_of_each()(*row[1:])),
        ),
    )
]


def register(heading, items, more=(), links=object_links, only_for=""):
    """Add a list to every workstream page, or to the one whose slug is `only_for` (see the
    module docstring). Optionally a link to the whole of it, more=(link text, address), and a
    cheaper way to read its links, links=page_links(...)."""
    _sources.append(RelatedSource(heading, items, more, links, only_for))


def related_to(workstream):
    """[{"heading", "items": [(text, address)], "more"}] for the lists that have something; one
    query per list."""
    values = {"workstream": workstream.pk, "now": timezone.now()}
    sections = []
    for source in _sources:
        if source.only_for and source.only_for != workstream.slug:
            continue
        items = [source.links.link(row) for row in source.first_few.run(**values)]
        if items:
            sections.append({"heading": source.heading, "items": items, "more": source.more})
    return sections
