"""Site search across the portal's public content, one query per kind of content.

Each kind is a SearchSource: what the public may see and which text fields to look in. Another
app adds its content by calling `register` from its AppConfig.ready(), for example qi_projects:

    search.register(search.SearchSource(
        label="QI projects",
        queryset=lambda: Project.objects.published(),
        fields=("title", "aim", "results"),
        summary=lambda project: project.aim,
    ))

Objects need __str__ and get_absolute_url(). Matching is case-insensitive on every word, so it
works the same on PostgreSQL and on the local demo's SQLite.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db.models import Q
from django.utils.text import Truncator

from .models import GoodPractice, Page, Resource, Workstream

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
RESULTS_PER_KIND = 20


@dataclass(frozen=True)
class SearchSource:
    label: str
    queryset: Callable  # () -> QuerySet of what the public may see
    fields: tuple
    summary: Callable  # (obj) -> str
    title: Callable = str  # (obj) -> str


_sources = [
    SearchSource(
        label="Workstreams",
        queryset=lambda: Workstream.objects.filter(is_active=True),
        fields=("name", "summary", "description", "how_to_get_involved"),
        summary=lambda workstream: workstream.summary,
    ),
    SearchSource(
        label="Pages",
        queryset=lambda: Page.objects.all(),
        fields=("title", "summary", "body"),
        summary=lambda page: page.summary,
        title=lambda page: page.title,
    ),
    SearchSource(
        label="Resources",
        queryset=lambda: Resource.objects.filter(is_published=True),
        fields=("title", "description"),
        summary=lambda resource: f"{resource.get_category_display()}. {resource.description}",
    ),
    SearchSource(
        label="Good practice",
        queryset=lambda: GoodPractice.objects.filter(is_published=True),
        fields=(
            "title",
            "organisation",
            "summary",
            "what_was_done",
            "benefits",
            "lessons_learned",
        ),
        summary=lambda item: item.summary,
    ),
]


def register(source):
    _sources.append(source)


def words_of(query):
    # PostgreSQL refuses NUL characters in text, so they never reach a query.
    return query[:MAX_QUERY_LENGTH].replace("\x00", "").split()[:MAX_WORDS]


def search(query):
    """[{"label", "results": [{"title", "url", "summary"}], "more"}] for kinds with a match."""
    words = words_of(query)
    if not words:
        return []
    groups = []
    for source in _sources:
        condition = reduce(
            and_,
            (
                reduce(or_, (Q(**{f"{field}__icontains": word}) for field in source.fields))
                for word in words
            ),
        )
        found = list(source.queryset().filter(condition)[: RESULTS_PER_KIND + 1])
        if found:
            groups.append(
                {
                    "label": source.label,
                    "results": [
                        {
                            "title": source.title(obj),
                            "url": obj.get_absolute_url(),
                            "summary": Truncator(source.summary(obj)).words(40),
                        }
                        for obj in found[:RESULTS_PER_KIND]
                    ],
                    "more": len(found) > RESULTS_PER_KIND,
                }
            )
    return groups
