"""Site search across the portal's public content, one query per kind of content.

Each kind is a SearchSource: what the public may see and which text fields to look in. Another
app adds its content by calling `register` from its AppConfig.ready(), for example qi_projects:

    search.register(search.SearchSource(
        label="QI projects",
        queryset=lambda: Project.objects.published(),
        fields=SEARCH_FIELDS,
        summary=lambda project: project.aim,
    ))

Objects need __str__ and get_absolute_url(). Matching is edi_portal.fulltext's: full-text search
on PostgreSQL (English stemming, web-search syntax), read from a GIN index when the model has
search_index(fields) for the same fields, most important first; every word, case-insensitively,
on the local demo's SQLite. Each kind's results come newest first.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.text import Truncator

from edi_portal.fulltext import matching

from .models import (
    GOOD_PRACTICE_SEARCH_FIELDS,
    RESOURCE_SEARCH_FIELDS,
    GoodPractice,
    Page,
    Resource,
    Workstream,
)

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
RESULTS_PER_KIND = 20


@dataclass(frozen=True)
class SearchSource:
    label: str
    queryset: Callable  # () -> QuerySet of what the public may see
    fields: tuple  # text fields, most important first (weighted so in edi_portal.fulltext)
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
        fields=RESOURCE_SEARCH_FIELDS,
        summary=lambda resource: f"{resource.get_category_display()}. {resource.description}",
    ),
    SearchSource(
        label="Good practice",
        queryset=lambda: GoodPractice.objects.filter(is_published=True),
        fields=GOOD_PRACTICE_SEARCH_FIELDS,
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
        # Newest first, by primary key: for a common word PostgreSQL walks that index and stops
        # at the 21st match, instead of matching every row to sort them; a rare word is looked
        # up in the search index.
        matches = matching(source.queryset(), source.fields, " ".join(words)).order_by("-pk")
        found = list(matches[: RESULTS_PER_KIND + 1])
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
