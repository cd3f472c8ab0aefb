"""Site search across the portal's public content, best matches first.

Each kind of content is a SearchSource: what the public may see and which text fields to look in,
most important first (the title weighs most: see edi_portal.fulltext). Another app adds its
content by calling `register` from its AppConfig.ready(), for example qi_projects:

    search.register(search.SearchSource(
        label="QI project",
        queryset=lambda: Project.objects.published(),
        fields=SEARCH_FIELDS,
        summary=lambda project: project.aim,
    ))

Objects need __str__ and get_absolute_url(), and their model keeps the fields' weighted vector
in a search_document column (edi_portal.fulltext): rows are matched and ranked from that stored
vector, without re-parsing their text. Pages that are not rows (raising a concern, the join
form) are STATIC_PAGES, found by their title and the words people use for them.

People search with their own words: admins keep lists of words that mean the same
(SearchSynonym: "IMG, international medical graduate"), and a query that uses one of them finds
content that uses any. The rest of the query is read as web-search syntax ("quoted phrases",
-excluded words, OR), every word to match. On PostgreSQL the newest CANDIDATES matches of each
kind are ranked by full-text relevance (English stemming: "concerns" finds "concern"), so a
common word costs no more than a rare one; the local demo's SQLite matches words anywhere in the
text instead, titles first.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.utils.text import Truncator

from edi_portal.fulltext import CONFIG, DOCUMENT

from .models import (
    GOOD_PRACTICE_SEARCH_FIELDS,
    PAGE_SEARCH_FIELDS,
    RESOURCE_SEARCH_FIELDS,
    WORKSTREAM_SEARCH_FIELDS,
    GoodPractice,
    Page,
    Resource,
    SearchSynonym,
    Workstream,
)

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
MAX_RESULTS = 30
# Matches of one kind ranked for relevance, newest first: enough for any real query to find its
# page, few enough that ranking them stays quick at national scale.
CANDIDATES = 200


@dataclass(frozen=True)
class SearchSource:
    label: str  # what one result is, shown beside it ("Workstream")
    queryset: Callable  # () -> QuerySet of what the public may see
    fields: tuple  # text fields, most important first (weighted so in edi_portal.fulltext)
    summary: Callable  # (obj) -> str
    title: Callable = str  # (obj) -> str


@dataclass(frozen=True)
class StaticPage:
    title: str
    url: str
    summary: str
    keywords: str = ""  # the words people use for it, beyond its title and summary


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
    StaticPage("Resources", "/resources/", "Useful documents and links, by category.", "links"),
    StaticPage(
        "Good practice",
        "/good-practice/",
        "Examples of equality, diversity and inclusion good practice from across England.",
        "examples",
    ),
    StaticPage(
        "Your network",
        "/your-network/",
        "Everything of yours in one place: membership, applications, bookings, projects.",
        "account my data download delete",
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
    ),
]

_sources = [
    SearchSource(
        label="Workstream",
        queryset=lambda: Workstream.objects.filter(is_active=True),
        fields=WORKSTREAM_SEARCH_FIELDS,
        summary=lambda workstream: workstream.summary,
    ),
    SearchSource(
        label="Page",
        queryset=lambda: Page.objects.all(),
        fields=PAGE_SEARCH_FIELDS,
        summary=lambda page: page.summary,
        title=lambda page: page.title,
    ),
    SearchSource(
        label="Resource",
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


@dataclass(frozen=True)
class ParsedQuery:
    synonym_groups: list  # [["img", "international medical graduate"], ...]: one of each
    text: str  # the rest of the query, in web-search syntax

    @property
    def words(self):
        return re.findall(r"[\w']+", self.text.lower())

    @property
    def groups(self):
        """Every group of alternatives that must match, the rest of the text a word a group."""
        plain = [word for word in self.words if word != "or"]
        return self.synonym_groups + [[word] for word in plain]


def parse(query, synonyms):
    """Take the synonym phrases out of the query; what is left is searched as typed."""
    # PostgreSQL refuses NUL characters in text, so they never reach a query.
    text = " ".join(query[:MAX_QUERY_LENGTH].replace("\x00", "").split()[:MAX_WORDS])
    groups = []
    for terms in synonyms:  # longest phrases first, so "raise a concern" before "concern"
        for term in terms:
            pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.IGNORECASE)
            if pattern.search(text):
                groups.append(terms)
                text = pattern.sub(" ", text)
                break
    return ParsedQuery(groups, " ".join(text.split()))


def search(query):
    """[{"title", "url", "summary", "label"}], best first, at most MAX_RESULTS."""
    parsed = parse(query, SearchSynonym.term_lists())
    if not parsed.groups:
        return []
    scored = list(_static(parsed))
    match = _ranked if connection.vendor == "postgresql" else _anywhere
    for source in _sources:
        for score, obj in match(source, parsed):
            result = {
                "title": source.title(obj),
                "url": obj.get_absolute_url(),
                "summary": Truncator(source.summary(obj)).words(40),
                "label": source.label,
            }
            scored.append((score, result))
    scored.sort(key=lambda item: -item[0])  # stable: equal scores keep their order
    # A page can be both a row and a static page (the domestic abuse page): list it once.
    best = {}
    for _score, result in scored:
        best.setdefault(result["url"], result)
    return list(best.values())[:MAX_RESULTS]


def _contains(text, term):
    return re.search(rf"\b{re.escape(term)}", text) is not None


def _static(parsed):
    """Static pages where every group has a term in the title, summary or keywords; a term in
    the title ranks like a title match in full-text search."""
    groups = parsed.groups
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


def _full_text_query(parsed):
    parts = [
        reduce(or_, (SearchQuery(term, search_type="phrase", config=CONFIG) for term in terms))
        for terms in parsed.synonym_groups
    ]
    if parsed.words:
        parts.append(SearchQuery(parsed.text, search_type="websearch", config=CONFIG))
    return reduce(and_, parts)


def _ranked(source, parsed):
    query = _full_text_query(parsed)
    queryset = source.queryset()
    # The newest candidates come from the search index (or, for a common word, by walking the
    # primary key until enough match); only they are ranked.
    candidates = queryset.filter(**{DOCUMENT: query}).order_by("-pk").values("pk")[:CANDIDATES]
    rows = (
        queryset.filter(pk__in=candidates)
        .annotate(search_rank=SearchRank(F(DOCUMENT), query))
        .order_by("-search_rank", "-pk")[:MAX_RESULTS]
    )
    return [(row.search_rank, row) for row in rows]


def _anywhere(source, parsed):
    """Without PostgreSQL: every group has a term somewhere in the fields; title matches first."""
    fields = source.fields

    def anywhere(terms):
        return reduce(or_, (Q(**{f"{field}__icontains": t}) for t in terms for field in fields))

    condition = reduce(and_, (anywhere(terms) for terms in parsed.groups))
    in_title = reduce(
        or_, (Q(**{f"{fields[0]}__icontains": t}) for terms in parsed.groups for t in terms)
    )
    rows = (
        source.queryset()
        .filter(condition)
        .annotate(
            search_rank=Case(
                When(in_title, then=Value(0.6)), default=Value(0.1), output_field=FloatField()
            )
        )
        .order_by("-search_rank", "-pk")[:MAX_RESULTS]
    )
    return [(row.search_rank, row) for row in rows]
