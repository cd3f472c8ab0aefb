"""Site search across the portal's public content, best matches first.

Each kind of content is a SearchSource: what the public may see and which text fields to look in,
the first field (the title) weighing most, the second next, the rest least. Another app adds its
content by calling `register` from its AppConfig.ready(), for example qi_projects:

    search.register(search.SearchSource(
        label="QI project",
        queryset=lambda: Project.objects.published(),
        fields=("title", "aim", "results"),
        summary=lambda project: project.aim,
    ))

Objects need __str__ and get_absolute_url(). Pages that are not rows (raising a concern, the join
form) are STATIC_PAGES, found by their title and the words people use for them.

People search with their own words: admins keep lists of words that mean the same
(SearchSynonym: "IMG, international medical graduate"), and a query that uses one of them finds
content that uses any. Every other word must match. PostgreSQL ranks matches by full-text search
(English stemming, so "concerns" finds "concern"); the local demo's SQLite matches words anywhere
in the text instead, titles first.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, FloatField, Q, Value, When
from django.utils.text import Truncator

from .models import GoodPractice, Page, Resource, SearchSynonym, Workstream

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
MAX_RESULTS = 30
CONFIG = "english"
WEIGHTS = ("A", "B", "C")


@dataclass(frozen=True)
class SearchSource:
    label: str  # what one result is, shown beside it ("Workstream")
    queryset: Callable  # () -> QuerySet of what the public may see
    fields: tuple  # the title first, then a summary, then the rest
    summary: Callable  # (obj) -> str
    title: Callable = str  # (obj) -> str

    def vector(self):
        return reduce(
            lambda left, right: left + right,
            (
                SearchVector(field, weight=WEIGHTS[min(index, 2)], config=CONFIG)
                for index, field in enumerate(self.fields)
            ),
        )


@dataclass(frozen=True)
class StaticPage:
    title: str
    url: str
    summary: str
    keywords: str = ""  # the words people use for it, beyond its title and summary

    def get_absolute_url(self):
        return self.url

    def __str__(self):
        return self.title


STATIC_PAGES = [
    StaticPage(
        "Raise a concern",
        "/concerns/",
        "Tell the network about something related to a protected or non-protected "
        "characteristic, anonymously if you want.",
        "complaint discrimination racism bullying harassment undermining speak up report",
    ),
    StaticPage(
        "How to escalate a concern",
        "/concerns/guidance/",
        "Raising a concern with your employer, NHS England's local office, a Freedom to Speak "
        "Up guardian or the GMC, and what the network can and cannot do.",
        "complaint escalate freedom to speak up guardian gmc postgraduate dean",
    ),
    StaticPage(
        "You said, we did",
        "/concerns/you-said-we-did/",
        "Themes from concerns people raised, and what the network did about them.",
        "concerns complaint actions",
    ),
    StaticPage(
        "Domestic abuse support",
        "/support/domestic-abuse/",
        "Helplines by area and confidential support if you are experiencing domestic abuse "
        "and violence.",
        "helpline violence refuge coercive control",
    ),
    StaticPage(
        "Join the network",
        "/join/",
        "Apply to join the North West EDI Allyship Network for the academic year.",
        "apply application membership member oversight group",
    ),
    StaticPage(
        "Training sessions",
        "/training/",
        "Book a place on Active Bystander Training and other sessions.",
        "book booking course workshop bystander",
    ),
    StaticPage(
        "Request a training session",
        "/training/request/",
        "Ask for a session for your department or trust.",
        "book department trust bystander",
    ),
    StaticPage(
        "Peer support",
        "/peer-support/",
        "Find a trainee with similar experiences to talk to, or volunteer as a peer supporter.",
        "peer supporter volunteer talk",
    ),
    StaticPage(
        "QI projects",
        "/qi-projects/",
        "Quality improvement projects on equality, diversity and inclusion.",
        "quality improvement gallery poster",
    ),
    StaticPage(
        "Resources",
        "/resources/",
        "Useful documents and links, by category.",
        "documents links",
    ),
    StaticPage(
        "Good practice",
        "/good-practice/",
        "Examples of equality, diversity and inclusion good practice from across England.",
        "examples",
    ),
    StaticPage(
        "Privacy notice",
        "/privacy/",
        "What information we collect, why, and how long we keep it.",
        "data protection gdpr personal data",
    ),
    StaticPage(
        "Accessibility statement",
        "/accessibility/",
        "How accessible this website is, and how to report a problem.",
        "",
    ),
]

_sources = [
    SearchSource(
        label="Workstream",
        queryset=lambda: Workstream.objects.filter(is_active=True),
        fields=("name", "summary", "description", "how_to_get_involved"),
        summary=lambda workstream: workstream.summary,
    ),
    SearchSource(
        label="Page",
        queryset=lambda: Page.objects.all(),
        fields=("title", "summary", "body"),
        summary=lambda page: page.summary,
        title=lambda page: page.title,
    ),
    SearchSource(
        label="Resource",
        queryset=lambda: Resource.objects.filter(is_published=True),
        fields=("title", "description"),
        summary=lambda resource: f"{resource.get_category_display()}. {resource.description}",
    ),
    SearchSource(
        label="Good practice",
        queryset=lambda: GoodPractice.objects.filter(is_published=True),
        fields=("title", "summary", "organisation", "what_was_done", "benefits", "lessons_learned"),
        summary=lambda item: item.summary,
    ),
]


def register(source):
    _sources.append(source)


def words_of(text):
    # PostgreSQL refuses NUL characters in text, so they never reach a query.
    return re.findall(r"[\w'-]+", text[:MAX_QUERY_LENGTH].replace("\x00", "").lower())


def term_groups(query, synonyms):
    """The query as groups of alternatives, every group to match: [["img", "international
    medical graduate"], ["exams"]]. A phrase from a synonym list becomes its whole list."""
    words = words_of(query)[:MAX_WORDS]
    groups = []
    index = 0
    while index < len(words):
        for terms in synonyms:
            found = next(
                (
                    term
                    for term in terms
                    if words[index : index + len(term.split())] == term.split()
                ),
                None,
            )
            if found:
                groups.append(terms)
                index += len(found.split())
                break
        else:
            groups.append([words[index]])
            index += 1
    return groups


def search(query):
    """[{"title", "url", "summary", "label"}], best first, at most MAX_RESULTS."""
    groups = term_groups(query, SearchSynonym.term_lists())
    if not groups:
        return []
    scored = [(score, index, result) for index, (score, result) in enumerate(_static(groups))]
    match = _full_text if connection.vendor == "postgresql" else _anywhere
    for source in _sources:
        for score, obj in match(source, groups):
            result = {
                "title": source.title(obj),
                "url": obj.get_absolute_url(),
                "summary": Truncator(source.summary(obj)).words(40),
                "label": source.label,
            }
            scored.append((score, len(scored), result))
    scored.sort(key=lambda item: (-item[0], item[1]))
    # A page can be both a row and a static page (the domestic abuse page): list it once.
    best = {}
    for _score, _index, result in scored:
        best.setdefault(result["url"], result)
    return list(best.values())[:MAX_RESULTS]


def _contains(text, term):
    return re.search(rf"\b{re.escape(term)}", text) is not None


def _static(groups):
    """Static pages where every group has a term in the title, summary or keywords; a term in
    the title ranks like a title match in full-text search."""
    for page in STATIC_PAGES:
        title = page.title.lower()
        text = f"{title} {page.summary.lower()} {page.keywords}"
        if all(any(_contains(text, term) for term in terms) for terms in groups):
            in_title = sum(any(_contains(title, term) for term in terms) for terms in groups)
            score = 0.2 + 0.8 * in_title / len(groups)
            yield (
                score,
                {
                    "title": page.title,
                    "url": page.url,
                    "summary": page.summary,
                    "label": "Page",
                },
            )


def _full_text(source, groups):
    query = reduce(
        and_,
        (
            reduce(or_, (SearchQuery(term, search_type="plain", config=CONFIG) for term in terms))
            for terms in groups
        ),
    )
    vector = source.vector()
    rows = (
        source.queryset()
        .annotate(search_vector=vector)
        .filter(search_vector=query)
        .annotate(search_rank=SearchRank(vector, query))
        .order_by("-search_rank")[:MAX_RESULTS]
    )
    return [(row.search_rank, row) for row in rows]


def _anywhere(source, groups):
    """Without PostgreSQL: every group has a term somewhere in the fields; title matches first."""
    condition = reduce(
        and_,
        (
            reduce(
                or_,
                (Q(**{f"{field}__icontains": term}) for term in terms for field in source.fields),
            )
            for terms in groups
        ),
    )
    in_title = reduce(or_, (Q(**{f"{source.fields[0]}__icontains": t}) for g in groups for t in g))
    rows = (
        source.queryset()
        .filter(condition)
        .annotate(
            search_rank=Case(
                When(in_title, then=Value(0.6)), default=Value(0.1), output_field=FloatField()
            )
        )
        .order_by("-search_rank")[:MAX_RESULTS]
    )
    return [(row.search_rank, row) for row in rows]
