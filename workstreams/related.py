"""What other parts of the portal show on a workstream's page ("related sessions, projects and
resources").

Other apps are optional here: each source returns None when its app has no such model yet, so a
workstream page works whatever has been built. An app adds its own list by calling `register`
from its AppConfig.ready(), for example in qi_projects/apps.py:

    def ready(self):
        from workstreams import related
        related.register(
            "QI projects",
            lambda workstream: Project.objects.published().filter(workstream=workstream),
        )

The function returns a queryset of objects with __str__ and get_absolute_url(), already limited
to what the public may see and in display order; the page shows its first few.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldError

ITEMS_PER_SECTION = 5


@dataclass(frozen=True)
class RelatedSource:
    heading: str
    items_for: Callable  # (workstream) -> QuerySet | None


def upcoming_sessions(workstream):
    """Training sessions of this workstream's courses, when the training app has them."""
    try:
        session_model = apps.get_model("training", "Session")
    except LookupError:
        return None
    sessions = session_model.objects.filter(course__workstream=workstream)
    if not hasattr(sessions, "upcoming"):
        return None
    return sessions.upcoming().select_related("course")


def workstream_resources(workstream):
    return workstream.resources.filter(is_published=True)


_sources = [
    RelatedSource("Upcoming training sessions", upcoming_sessions),
    RelatedSource("Resources", workstream_resources),
]


def register(heading, items_for):
    """Add a list to every workstream page (see the module docstring)."""
    _sources.append(RelatedSource(heading, items_for))


def related_to(workstream):
    """[{"heading", "items"}] for the lists that have something; one query per source."""
    sections = []
    for source in _sources:
        try:
            queryset = source.items_for(workstream)
            items = [] if queryset is None else list(queryset[:ITEMS_PER_SECTION])
        except FieldError:
            # Another app's model changed shape: leave its list out rather than fail the page.
            continue
        if items:
            sections.append({"heading": source.heading, "items": items})
    return sections
