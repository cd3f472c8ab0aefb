"""Site search across the portal's public content, best matches first.

Sources. Each kind of content is a SearchSource: what the public may see, which text fields to
look in (most important first: the title weighs most, see edi_portal.fulltext), how a result is
shown and where it leads. This app's own kinds are below; another app adds its kinds by calling
`register` from its AppConfig.ready(), for example qi_projects:

    search.register(search.SearchSource(
        label="QI project",
        queryset=lambda: Project.objects.published(),
        fields=SEARCH_FIELDS,
        summary=lambda project: project.aim,
    ))

A model keeps its fields' weighted vector in a search_document column, written by a trigger
(edi_portal.fulltext), so rows are matched without re-parsing their text; a source of a few rows
computes it instead (`stored=False`), and a source found by a related row's title adds that
row's stored title to its own (`related_titles`: a session by its course's name). The website's
own pages (forms, lists, guidance) are BuiltInPage rows, written after every migrate from
BUILT_IN_PAGES with the words of each page's template.

Entries. What the public may see of every kind is copied into one table, SearchEntry (kind, key,
weighted vector, place in the kind's order), from the source's own queryset, so one index finds
the matches of every kind. A kind's entries are written again by the first search after a
statement changed any table its query reads (a trigger on each of those tables adds a
SearchChange row in that statement's own transaction, however the change was made) or after
its query changed; when only the time in it moved on (upcoming sessions'), only if its rows now
differ from its entries (a session started). After a write, the new entries are merged into
the search index (not left in its pending list for a vacuum), and if the planner's count of
entries is far from the truth, the table is analysed. A result's title, summary and address are
read from its row, through the same queryset, the first time a search shows it, and kept with
its entry (SearchShown) until the entry is written again.

Matching. People type sentences, abbreviations and misspellings, so a page need not have every
word. The query is split into groups: a phrase of a synonym list (SearchSynonym: "IMG,
international medical graduate") is a group that any phrase of that list matches, a "quoted
phrase" is a group, and so is every other word. A row is found if any group matches it, and
ranked by how many groups match, how rare each group's words are (a word on a few pages tells
more than one on most) and where they are (title, then summary, then the rest). Every word is
stemmed in English ("mentors" finds "mentoring"), finds the longer words it begins ("discrim"
finds "discrimination") and, if no page uses it, also the most similar words pages use
(pg_trgm's trigram similarity over SearchWord): "harrasment" finds "harassment".

Speed. Of each kind only the first CANDIDATES entries in its order that match any group, and the
first that match every group, are scored, so a common word costs little more than a rare one at
national scale. One short statement ranks every kind, and reads the results kept as shown; the
rows of results not yet kept are loaded together, every kind's in one round trip. So a search
makes the same few queries however many kinds are registered and however many rows they have.

The local demo's SQLite has none of this: a group matches a row that contains one of its phrases
anywhere in the fields, and rows with it in the title come first.
"""

import hashlib
import math
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial, reduce
from operator import add, or_

from django import forms
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, connections, transaction
from django.db.models import Case, F, FloatField, Func, Q, Value, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.template import loader
from django.urls import resolve
from django.utils.html import strip_tags
from django.utils.text import Truncator

from edi_portal.fulltext import CONFIG, DOCUMENT, weighted_vector
from edi_portal.page_cache import TABLE_IN_SQL, replace_triggers
from edi_portal.prepared import Slot, bound, instances

from .models import (
    BUILT_IN_PAGE_SEARCH_FIELDS,
    GOOD_PRACTICE_SEARCH_FIELDS,
    PAGE_SEARCH_FIELDS,
    RESOURCE_SEARCH_FIELDS,
    WORKSTREAM_SEARCH_FIELDS,
    BuiltInPage,
    GoodPractice,
    Page,
    Resource,
    SearchChange,
    SearchEntry,
    SearchKind,
    SearchShown,
    SearchSynonym,
    SearchWord,
    Workstream,
)

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
MAX_RESULTS = 30
# Entries of one kind scored: the first in its order that match any group, and the first that
# match every one. At national scale the everyday searches of tests/content/test_search_relevance.py
# find their page in the first three as often with 20 as with 30, 40 or 100 (70, 70, 69, 69 of 81).
CANDIDATES = 20
# Ranked rows read, best first: the results shown, and more for pages found twice.
RANKED = 2 * MAX_RESULTS
# A typed word of this many letters (stemmed) or more also finds the longer words it begins.
PREFIX_FROM = 4
# A typed word (stemmed) of this many letters or more that no page uses is read as the words
# pages use that share enough of its three-letter sequences (pg_trgm's similarity threshold,
# which its index finds) and are one letter added, removed or changed away, or two from a word
# of TWO_EDITS_FROM letters ("harrasment" is "harras", "harassment" "harass"): the closest
# CORRECTIONS of them.
CORRECT_FROM = 4
TWO_EDITS_FROM = 6
CORRECTIONS = 2
# ... and as the longest word of this many letters or more that pages use and that begins it
# ("mentorship" is read as "mentor" too, where no page says "mentorship").
BEGINNING_FROM = 5
# How much a group counts by where it matches: the title (weight A), the summary (B), the rest.
WHERE = (("A", 2.0), ("AB", 1.4), ("", 1.0))
# ... and as a share of that, when a typed word is only the beginning of a longer word there.
LOOSE = 0.5


@dataclass(frozen=True)
class SearchSource:
    label: str  # what one result is, shown beside it ("Workstream")
    queryset: Callable  # () -> QuerySet of what the public may see
    fields: tuple  # text fields, most important first (weighted so in edi_portal.fulltext)
    summary: Callable  # (obj) -> str
    title: Callable = str  # (obj) -> str
    url: Callable = lambda obj: obj.get_absolute_url()  # (obj) -> where the result leads
    stored: bool = True  # the model keeps the fields' vector in its search_document column
    # What every result of the kind is about ("training session"), weighing as a summary.
    words: str = ""
    # Foreign keys to rows with a stored vector whose title (its weight A) this kind's rows are
    # also found by, weighing as a summary: a session by its course's name.
    related_titles: tuple = ()
    order: tuple = ("-pk",)  # which matches are ranked first when there are many, and ties
    most: int = MAX_RESULTS  # at most this many results of this kind

    def document(self):
        parts = [F(DOCUMENT) if self.stored else weighted_vector(self.fields)]
        parts += [
            Func(
                F(f"{name}__{DOCUMENT}"),
                template="setweight(ts_filter(%(expressions)s, '{a}'), 'B')",
                output_field=SearchVectorField(),
            )
            for name in self.related_titles
        ]
        if self.words:
            parts.append(SearchVector(Value(self.words), weight="B", config=CONFIG))
        if len(parts) == 1:
            return parts[0]
        return Func(
            *parts,
            template="(%(expressions)s)",
            arg_joiner=" || ",
            output_field=SearchVectorField(),
        )


@dataclass(frozen=True)
class BuiltIn:
    """A page of the website's own, found by its title, summary and the words of its template
    (the view's template_name, or `template`)."""

    title: str
    url: str
    summary: str
    template: str = ""


BUILT_IN_PAGES = [
    BuiltIn(
        "Raise a concern",
        "/concerns/",
        "Tell the network about racism, discrimination, bullying, harassment or anything else "
        "related to a protected or non-protected characteristic, anonymously if you want.",
    ),
    BuiltIn(
        "How to escalate a concern",
        "/concerns/guidance/",
        "Raising a concern with your employer, NHS England's local office, a Freedom to Speak "
        "Up guardian or the GMC, and what the network can and cannot do.",
    ),
    BuiltIn(
        "You said, we did",
        "/concerns/you-said-we-did/",
        "Themes from concerns people raised, and what the network did about them.",
    ),
    BuiltIn(
        "Domestic abuse support",
        "/support/domestic-abuse/",
        "Helplines by area and confidential support if you are experiencing domestic abuse "
        "and violence.",
    ),
    BuiltIn(
        "Join the network",
        "/join/",
        "Apply to join the North West EDI Allyship Network for the academic year.",
    ),
    BuiltIn("Workstreams", "/workstreams/", "The network's workstreams and what each one does."),
    BuiltIn(
        "Training sessions",
        "/training/",
        "Book a place on Active Bystander Training and other sessions.",
    ),
    BuiltIn(
        "Request a training session",
        "/training/request/",
        "Ask for a session for your department or trust.",
    ),
    BuiltIn(
        "Peer support",
        "/peer-support/",
        "Find a trainee with similar experiences to talk to, or volunteer as a peer supporter.",
    ),
    BuiltIn(
        "Volunteer as a peer supporter",
        "/peer-support/volunteer/",
        "Members of the network can list themselves so other trainees can contact them.",
    ),
    BuiltIn(
        "Mentoring and buddy schemes",
        "/mentoring/",
        "Mentoring, reciprocal mentoring and buddy schemes you can sign up to.",
    ),
    BuiltIn(
        "QI projects",
        "/qi-projects/",
        "Quality improvement projects on equality, diversity and inclusion.",
    ),
    BuiltIn(
        "QI conference",
        "/qi-projects/conference/",
        "The annual conference where trainees present their QI projects.",
    ),
    BuiltIn("Resources", "/resources/", "Useful documents and links, by category."),
    BuiltIn(
        "Good practice",
        "/good-practice/",
        "Examples of equality, diversity and inclusion good practice from across England.",
    ),
    BuiltIn(
        "Your network",
        "/your-network/",
        "Everything of yours in one place: membership, applications, bookings, projects.",
    ),
    BuiltIn(
        "Privacy notice",
        "/privacy/",
        "What information we collect, why, and how long we keep it.",
    ),
    BuiltIn(
        "Accessibility statement",
        "/accessibility/",
        "How accessible this website is, and how to report a problem.",
    ),
]

_sources = [
    SearchSource(
        label="Page",
        queryset=lambda: BuiltInPage.objects.all(),
        fields=BUILT_IN_PAGE_SEARCH_FIELDS,
        summary=lambda page: page.summary,
    ),
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
    if kind_of(source) in {kind_of(known) for known in _sources}:
        raise ValueError(
            f"A search source of the same model and label is registered already: {source}"
        )
    _sources.append(source)


# The website's own pages: their words.


def template_text(name):
    """The words a template writes itself: no template tags, variables or HTML."""
    source = loader.get_template(name).template.source
    source = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", source, flags=re.DOTALL)
    source = re.sub(r"{[%{#].*?[%}#]}", " ", source, flags=re.DOTALL)
    return " ".join(strip_tags(source).split())


def form_text(form_class):
    """The words of a form's questions: labels, hints and fixed answers to choose from."""
    words = []
    for field in form_class.base_fields.values():
        words += [str(field.label or ""), str(field.help_text or "")]
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            words += [str(label) for _value, label in field.choices if not isinstance(label, list)]
    return " ".join(" ".join(words).split())


def built_in_page_text(page):
    """The words of the page's template and, on a form's page, of its questions."""
    view = resolve(page.url).func.view_class
    text = template_text(page.template or view.template_name)
    form_class = getattr(view, "form_class", None)
    return f"{text} {form_text(form_class)}" if form_class else text


def sync_built_in_pages(*, using="default"):
    """Write BUILT_IN_PAGES to BuiltInPage (after every migrate), and remove pages gone from it."""
    pages = BuiltInPage.objects.using(using)
    with transaction.atomic(using=using):
        for page in BUILT_IN_PAGES:
            pages.update_or_create(
                url=page.url,
                defaults={
                    "title": page.title,
                    "summary": page.summary,
                    "body": built_in_page_text(page),
                },
            )
        pages.exclude(url__in=[page.url for page in BUILT_IN_PAGES]).delete()


# The query.


@dataclass(frozen=True)
class Group:
    """A part of the query: any of its phrases matches (a typed word, or a synonym list)."""

    phrases: tuple
    typed: bool  # a word as the visitor typed it: it may begin a longer word, or be misspelt


@dataclass(frozen=True)
class ParsedQuery:
    groups: list

    @property
    def phrases(self):
        return sorted({phrase for group in self.groups for phrase in group.phrases})


WORD = re.compile(r"\w+(?:['’-]\w+)*")


def parse(query, synonyms):
    """The query's groups: synonym phrases it uses, "quoted phrases", then every other word."""
    # PostgreSQL refuses NUL characters in text, so they never reach a query.
    text = " ".join(query[:MAX_QUERY_LENGTH].replace("\x00", "").split()[:MAX_WORDS])
    groups = []
    for terms in synonyms:  # longest phrases first, so "raise a concern" before "concern"
        for term in terms:
            pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.IGNORECASE)
            if pattern.search(text):
                groups.append(Group(tuple(terms), typed=False))
                text = pattern.sub(" ", text)
                break
    for quoted in re.findall(r'"([^"]*)"', text):
        if WORD.search(quoted):
            groups.append(Group((" ".join(WORD.findall(quoted.lower())),), typed=False))
    text = re.sub(r'"[^"]*"', " ", text)
    for word in WORD.findall(text.lower()):
        group = Group((word,), typed=True)
        if group not in groups:
            groups.append(group)
    return ParsedQuery(groups)


def search(query, *, refreshed=False):
    """[{"title", "url", "summary", "label"}], best first, at most MAX_RESULTS. `refreshed`: the
    caller has just called refresh_entries()."""
    parsed = parse(query, SearchSynonym.term_lists())
    if not parsed.groups:
        return []
    if connection.vendor == "postgresql":
        groups = analyse(parsed)
        if not groups:  # only words too common to search for ("the", "from")
            return []
        if not refreshed:
            refresh_entries()
        ranked = _ranked(groups)
        pages = (
            _shown(ranked[start : start + MAX_RESULTS])
            for start in range(0, len(ranked), MAX_RESULTS)
        )
    else:
        pages = [[_result(source, row) for source, row in _anywhere(parsed.groups)]]
    # A page can be both a row and a built-in page (the domestic abuse page): list it once.
    # The next page's worth is shown only when pages found twice leave fewer than a page.
    best = {}
    for page in pages:
        for result in page:
            best.setdefault(result["url"], result)
        if len(best) >= MAX_RESULTS:
            break
    return list(best.values())[:MAX_RESULTS]


def _result(source, row):
    return {
        "title": source.title(row),
        "url": source.url(row),
        "summary": Truncator(source.summary(row)).words(40),
        "label": source.label,
    }


# PostgreSQL: the groups as tsqueries, then each source's rows ranked by them.


def quote(lexeme):
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def token(lexeme, weights, prefix=False):
    label = ("*" if prefix else "") + weights
    return quote(lexeme) + (f":{label}" if label else "")


@dataclass(frozen=True)
class Lexeme:
    word: str
    positions: tuple
    documents: int  # how many public rows use it (SearchWord)
    similar: tuple  # ((word, documents), ...): words pages use, for a word none does


@dataclass(frozen=True)
class AnalysedGroup:
    exact: tuple  # (weights) -> tsquery text: each phrase, or typed word as stemmed or corrected
    loose: tuple  # (weights) -> tsquery text: the longer words a typed word begins
    documents: int  # about how many rows its commonest phrase or word matches

    def query(self, weights="", *, loose=False):
        alternatives = self.exact + self.loose if loose else self.exact
        return " | ".join(f"({alternative(weights)})" for alternative in alternatives)

    @property
    def counts(self):
        """How much a match counts for: more for a rarer group."""
        return 1 + 2 / (1 + math.log1p(self.documents))


def analyse(parsed):
    """The groups as tsqueries, from one query: each phrase's English stems (stop words gone),
    how many rows use each, and for a typed word no row uses, the most similar words rows use."""
    lexemes = defaultdict(list)
    similar = defaultdict(list)
    words = connection.ops.quote_name(SearchWord._meta.db_table)
    phrases = parsed.phrases
    # Only a word as typed may be misspelt: a synonym list's phrases are spelt as editors wrote.
    typed = {phrase for group in parsed.groups if group.typed for phrase in group.phrases}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT phrase.text, lexeme.lexeme, lexeme.positions,
                   COALESCE(known.documents, 0), close.word, close.documents
            FROM unnest(%s::text[], %s::boolean[]) AS phrase(text, typed)
            CROSS JOIN LATERAL unnest(to_tsvector(%s::regconfig, phrase.text)) AS lexeme
            -- A look-up by key for each of the few stems (not a pass over every word).
            LEFT JOIN LATERAL (
                SELECT word, documents FROM {words} WHERE word = lexeme.lexeme LIMIT 1
            ) AS known ON true
            LEFT JOIN LATERAL (
                (
                    SELECT word, documents FROM {words}
                    WHERE known.word IS NULL AND typed AND length(lexeme.lexeme) >= %s
                        AND lower(word) %% lexeme.lexeme
                        AND levenshtein(word, lexeme.lexeme)
                            <= CASE WHEN length(lexeme.lexeme) >= %s THEN 2 ELSE 1 END
                    ORDER BY levenshtein(word, lexeme.lexeme), similarity(word, lexeme.lexeme) DESC,
                        documents DESC, word
                    LIMIT %s
                ) UNION (
                    SELECT word, documents FROM {words}
                    WHERE known.word IS NULL AND typed AND word = ANY(ARRAY(
                        SELECT left(lexeme.lexeme, letters)
                        FROM generate_series(%s, length(lexeme.lexeme) - 1) AS letters
                    ))
                    ORDER BY length(word) DESC
                    LIMIT 1
                )
            ) AS close ON true
            """,  # noqa: S608 (the model's own table name)
            [
                phrases,
                [phrase in typed for phrase in phrases],
                CONFIG,
                CORRECT_FROM,
                TWO_EDITS_FROM,
                CORRECTIONS,
                BEGINNING_FROM,
            ],
        )
        for text, word, positions, documents, similar_word, similar_documents in cursor:
            lexeme = (text, word, tuple(positions), documents)
            if lexeme not in lexemes[text]:
                lexemes[text].append(lexeme)
            if similar_word is not None:
                similar[(text, word)].append((similar_word, similar_documents))
    analysed = []
    for group in parsed.groups:
        exact, loose, documents = [], [], []
        found_of = {
            phrase: [
                Lexeme(word, positions, count, tuple(similar[(phrase, word)]))
                for _text, word, positions, count in lexemes[phrase]
            ]
            for phrase in group.phrases
        }
        # A phrase that uses a word the group also has alone matches nothing more than that
        # word ("active bystander" beside "bystander"), and costs most to match: left out.
        alone = {found[0].word for found in found_of.values() if _one_word(found)}
        for found in found_of.values():
            if not found or (len(found) > 1 and alone & {lexeme.word for lexeme in found}):
                continue
            if group.typed and _one_word(found):
                word = found[0]
                exact.append(_word(word))
                if len(word.word) >= PREFIX_FROM:
                    loose.append(_beginning(word))
                documents.append(max([word.documents, *(n for _w, n in word.similar)]))
            else:
                exact.append(_phrase(found))
                documents.append(min(lexeme.documents for lexeme in found))
        if exact:
            analysed.append(AnalysedGroup(tuple(exact), tuple(loose), max(documents)))
    return analysed


def _one_word(found):
    return len(found) == 1 and len(found[0].positions) == 1


def _word(lexeme):
    """A typed word: its stem, or the words it may misspell."""

    def query(weights):
        return " | ".join(
            token(word, weights) for word in [lexeme.word, *(word for word, _n in lexeme.similar)]
        )

    return query


def _beginning(lexeme):
    """The longer words a typed word begins."""
    return lambda weights: token(lexeme.word, weights, prefix=True)


def _phrase(lexemes):
    """Stems in the order and at the distances the phrase has them."""
    at = defaultdict(list)
    for lexeme in lexemes:
        for position in lexeme.positions:
            at[position].append(lexeme.word)

    def query(weights):
        parts, previous = [], None
        for position in sorted(at):
            words = [token(word, weights) for word in at[position]]
            if previous is not None:
                parts.append("<->" if position - previous == 1 else f"<{position - previous}>")
            parts.append(words[0] if len(words) == 1 else f"({' | '.join(words)})")
            previous = position
        return " ".join(parts)

    return query


# Entries: what the public may see of every kind, in one table (SearchEntry), so one index
# finds the matches of every kind. A kind's entries are written again, all at once, by the
# first search after a statement changed one of the tables its query reads (a trigger adds a
# SearchChange row in that statement's own transaction) or after its query changed (it holds
# the time, for a kind like upcoming sessions, so that changes once a minute).

CHANGED = "workstreams_search_changed"


@cache
def kind_of(source):
    """The kind's name in SearchEntry: its model and its label ("training.session Training
    session"), which no two sources share (register() makes sure)."""
    return f"{source.queryset().model._meta.label_lower} {source.label}"


SQL_DIGEST = 32  # hex digits of the digest of a kind's SQL, and then of its values


@dataclass(frozen=True)
class Entries:
    """A kind's query of what the public may see, as entries: (key, document, position)."""

    sql: str
    params: tuple
    tables: frozenset  # every table it reads
    # Of the SQL (its first SQL_DIGEST characters), then of its values: it differs when what
    # the public may see does; only in its values part when only the time in the query moved on.
    digest: str

    @classmethod
    def of(cls, source, queryset):
        order = [F(name[1:]).desc() if name[0] == "-" else F(name).asc() for name in source.order]
        rows = (
            queryset.order_by()
            .annotate(entry_document=source.document())
            .annotate(entry_position=Window(RowNumber(), order_by=order))
            .values_list("pk", "entry_document", "entry_position")
        )
        sql, params = rows.query.sql_with_params()
        digest = "".join(
            hashlib.sha256(repr(part).encode()).hexdigest()[:SQL_DIGEST] for part in (sql, params)
        )
        return cls(sql, tuple(params), frozenset(TABLE_IN_SQL.findall(sql)), digest)


def _entries():
    """{kind: (source, Entries)} of every source, as of now."""
    return {
        kind_of(source): (source, _compiled_once(source, "entries", partial(Entries.of, source)))
        for source in _sources
    }


def change_triggers():
    """The statements creating the trigger function and a trigger on every table a kind reads:
    each statement that changes one of those tables adds a SearchChange row."""
    changes = connection.ops.quote_name(SearchChange._meta.db_table)
    function = f"""
        CREATE OR REPLACE FUNCTION {CHANGED}() RETURNS trigger AS $$
        BEGIN
            INSERT INTO {changes} ("table") VALUES (TG_TABLE_NAME);
            RETURN NULL;
        END
        $$ LANGUAGE plpgsql
    """  # noqa: S608 (the model's own table name)
    tables = sorted({table for _source, entries in _entries().values() for table in entries.tables})
    return [function] + [
        f"CREATE TRIGGER {CHANGED} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
        f"{connection.ops.quote_name(table)} FOR EACH STATEMENT EXECUTE FUNCTION {CHANGED}()"
        for table in tables
    ]


def _stale(cursor, entries):
    """From the cursor's rows of the state query: the kinds to write again (their tables
    changed, or they were never written), the kinds whose query changed with nothing in their
    tables (the time in it moved on: written again only if their rows differ), the SearchChange
    rows seen and the kinds written that no source has now."""
    written, changed, seen = {}, set(), []
    for kind, written_from, change in cursor.fetchall():
        if change is None:
            written[kind] = written_from
        else:
            changed.add(written_from)
            seen.append(change)
    stale, moved = set(), set()
    for kind, (_source, query) in entries.items():
        same_sql = written.get(kind, "")[:SQL_DIGEST] == query.digest[:SQL_DIGEST]
        if not same_sql or query.tables & changed:
            stale.add(kind)
        elif written[kind] != query.digest:
            moved.add(kind)
    return stale, moved, seen, set(written) - set(entries)


def _rows_differ(cursor, entries, kinds):
    """Of these kinds, those whose query now gives other rows, or the same in another order,
    than their entries (one statement for them all). A session that starts leaves upcoming
    sessions, but most minutes none does, and their entries need not be written again."""
    parts, params = [], []
    for kind in kinds:
        query = entries[kind][1]
        parts.append(
            "SELECT %s WHERE (SELECT array_agg(rows.key::bigint ORDER BY rows.position) "  # noqa: S608
            f"FROM ({query.sql}) AS rows(key, document, position)) IS DISTINCT FROM "
            f"(SELECT array_agg(key ORDER BY position) FROM {_quoted(SearchEntry)} "
            "WHERE kind = %s)"
        )
        params += [kind, *query.params, kind]
    cursor.execute(" UNION ALL ".join(parts), params)
    return {kind for (kind,) in cursor.fetchall()}


def refresh_entries(*, every=False, using="default", first=None):
    """Write again the entries of every kind whose tables or query changed (every kind's, with
    `every`), before a search ranks them. One round trip when nothing changed; otherwise one
    process at a time writes them (the others wait, then find them written), in a few round
    trips however many kinds changed. `first`: (SQL, values) of a statement to send in the same
    first round trip (a search's count), so it costs no round trip of its own."""
    with connections[using].cursor() as cursor:
        if connections[using].vendor != "postgresql":
            if first:
                cursor.execute(*first)
            return
        entries = _entries()
        state = (
            f"SELECT kind, written_from, NULL FROM {_quoted(SearchKind)} "  # noqa: S608
            f'UNION ALL SELECT NULL, "table", id FROM {_quoted(SearchChange)}'
        )
        if first:
            cursor.execute(f"{first[0]}; {state}", [*first[1]])
            while cursor.description is None and cursor.nextset():
                pass  # past the first statement's results, to the state's rows
        else:
            cursor.execute(state)
        if not (every or any(_stale(cursor, entries))):
            return
        with transaction.atomic(using=using):
            cursor.execute(f"SELECT pg_advisory_xact_lock(hashtext(%s)); {state}", [CHANGED])
            cursor.nextset()
            stale, moved, seen, gone = _stale(cursor, entries)
            if every:
                stale, moved = set(entries), set()
            elif moved:
                stale |= _rows_differ(cursor, entries, sorted(moved))
            statements = [
                f"DELETE FROM {_quoted(SearchChange)} WHERE id = ANY(%s)",  # noqa: S608
                f"DELETE FROM {_quoted(SearchEntry)} WHERE kind = ANY(%s)",  # noqa: S608
                f"DELETE FROM {_quoted(SearchKind)} WHERE kind = ANY(%s)",  # noqa: S608
                # The results shown of entries gone (and any kept as an entry went).
                f"DELETE FROM {_quoted(SearchShown)} AS shown WHERE NOT EXISTS "  # noqa: S608
                f"(SELECT FROM {_quoted(SearchEntry)} AS entry WHERE entry.id = shown.entry)",
            ]
            params = [seen, [*gone, *stale], list(gone)]
            for kind in sorted(stale | moved):
                query = entries[kind][1]
                if kind in stale:
                    statements.append(
                        f"INSERT INTO {_quoted(SearchEntry)} (kind, key, document, position) "  # noqa: S608
                        f"SELECT %s, rows.* FROM ({query.sql}) AS rows"
                    )
                    params += [kind, *query.params]
                statements.append(
                    f"INSERT INTO {_quoted(SearchKind)} (kind, written_from) VALUES (%s, %s) "  # noqa: S608
                    "ON CONFLICT (kind) DO UPDATE SET written_from = EXCLUDED.written_from"
                )
                params += [kind, query.digest]
            cursor.execute("; ".join(statements), params)
            if stale:
                # One statement, so that writing entries takes the same round trips whether
                # or not their statistics are far off.
                cursor.execute("; ".join([*_merging(SearchEntry), _analysing_if_far_off()]))


def _merging(model):
    """Statements moving the rows just written into the body of the model's search indexes (GIN).
    PostgreSQL first keeps them in the index's pending list, which every search through the
    index reads in full until (auto)vacuum merges it: written in bulk, the entries filled it
    (6,827 of 6,845 at national scale) and ranking "racist comment from a patient" took 5.6 ms,
    1.0 ms once merged. A merge costs about 40 ms for every entry, a few for one kind's. Only
    the index's owner may merge (the user that ran migrate); another leaves it to vacuum."""
    return [
        "SELECT gin_clean_pending_list(oid) FROM pg_class "  # noqa: S608 (the model's own index)
        f"WHERE oid = '{connection.ops.quote_name(index.name)}'::regclass "
        "AND pg_has_role(relowner, 'USAGE')"
        for index in model._meta.indexes
        if isinstance(index, GinIndex)
    ]


def _analysing_if_far_off():
    """A statement giving the entries fresh statistics when the planner's count of them is far
    from the truth (after a migrate, or content loaded in bulk), as autovacuum would, whether or
    not it runs: its plans for a table it believes tiny cost more (at national scale, ranking
    "bystander" took 10.6 ms with 18 entries believed, 7.1 ms after ANALYZE). The threshold is
    autovacuum's own, by default: 50 rows and a fifth."""
    table = _quoted(SearchEntry)
    return f"""DO $$ BEGIN
        IF (SELECT abs(reltuples - entries.rows) > 50 + entries.rows / 5.0
            FROM pg_class, (SELECT count(*) AS rows FROM {table}) AS entries
            WHERE pg_class.oid = '{table}'::regclass) THEN
            ANALYZE {table};
        END IF;
    END $$"""  # noqa: S608 (the model's own table name)


def _quoted(model):
    return connection.ops.quote_name(model._meta.db_table)


# How well a row matches (SCORE, one term a group): for each group that matches, how much it
# counts by where it matches, less for a typed word found only as the beginning of a longer one;
# plus a fraction that orders rows that score alike (the share of the title that matches, by
# its length, and of the whole text, by the log of its length).
#
# Of each kind only the first CANDIDATES entries in its order that match any group, and the
# first that match every group, are scored; then at most the kind's `most`, best first.
RANKING = """
WITH search (any_group, every_group, kinds, most) AS (
    SELECT %s::tsquery, %s::tsquery, %s::text[], %s::integer[]
), matched AS (
    {firsts}
), scored AS (
    SELECT entry.kind, entry.key, entry.id, shown.title, shown.summary, shown.url,
        entry.position,
        {score}
        + ts_rank(ts_filter(entry.document, '{{a}}'), search.any_group, 2) / 10
        + ts_rank(entry.document, search.any_group, 1) / 100 AS score
    FROM matched CROSS JOIN search
    -- One entry at a time by its key (OFFSET 0 keeps PostgreSQL from reading them all instead).
    CROSS JOIN LATERAL (SELECT * FROM {entries} WHERE id = matched.id OFFSET 0) AS entry
    LEFT JOIN LATERAL (SELECT * FROM {shown} WHERE entry = entry.id OFFSET 0) AS shown ON true
), placed AS (
    SELECT kind, key, id, title, summary, url, score,
        row_number() OVER (PARTITION BY kind ORDER BY score DESC, position) AS place
    FROM scored
)
SELECT placed.kind, placed.key, placed.id, placed.title, placed.summary, placed.url
FROM placed CROSS JOIN search
WHERE placed.place <= search.most[array_position(search.kinds, placed.kind)]
ORDER BY placed.score DESC, array_position(search.kinds, placed.kind), placed.place
LIMIT %s
"""
# Each kind's first CANDIDATES entries in its order that match a group's tsquery (any group; and
# every group, when there are several). For a tsquery that many entries match (COMMON or more,
# by SearchWord's counts), one part a kind, the kind and the tsquery written into it so that
# PostgreSQL walks the kind's order and stops at CANDIDATES; for one that few match, one look in
# the search index for every kind at once.
COMMON = 1500
FIRST_OF_KIND = """(SELECT entry.id FROM {entries} AS entry
    WHERE entry.kind = %s AND entry.document @@ %s::tsquery
    ORDER BY entry.position LIMIT {candidates})"""
FIRST_OF_EVERY_KIND = """SELECT id FROM (
    SELECT entry.id, row_number() OVER (PARTITION BY entry.kind ORDER BY entry.position) AS nth
    FROM {entries} AS entry CROSS JOIN search WHERE entry.document @@ search.{tsquery}
) AS firsts WHERE nth <= {candidates}"""


# A group's points: those of the first of its tsqueries (best first) that matches.
SCORE = "CASE {whens} ELSE 0 END"
SCORE_WHEN = "WHEN entry.document @@ %s::tsquery THEN %s::float8"


def ranking_sql(kinds, tsqueries, scores):
    """The ranking statement and the values of its parts: `tsqueries` is [(name in the search
    row, tsquery, how many entries it may match)], `scores` each group's [(points, tsquery)],
    best first."""
    names = {"entries": _quoted(SearchEntry), "candidates": int(CANDIDATES)}
    parts, values = [], []
    for name, tsquery, matches in tsqueries:
        if matches >= COMMON:
            parts += [FIRST_OF_KIND.format(**names)] * len(kinds)
            values += [value for kind in kinds for value in (kind, tsquery)]
        else:
            parts.append(FIRST_OF_EVERY_KIND.format(tsquery=name, **names))
    score = " + ".join(SCORE.format(whens=" ".join([SCORE_WHEN] * len(group))) for group in scores)
    values += [
        value for group in scores for points, tsquery in group for value in (tsquery, points)
    ]
    sql = RANKING.format(
        entries=_quoted(SearchEntry),
        shown=_quoted(SearchShown),
        firsts=" UNION ".join(parts),
        score=score,
    )
    return sql, values


def scoring(groups):
    """The ranking's values for these groups: each group's [(points, tsquery)], best first."""
    scores = []
    for group in groups:
        tiers = [(False, 1.0)] + ([(True, LOOSE)] if group.loose else [])
        entries = [
            (where * factor * group.counts, group.query(weights, loose=loose))
            for loose, factor in tiers
            for weights, where in WHERE
        ]
        scores.append(sorted(entries, key=lambda entry: -entry[0]))
    return {
        "scores": scores,
        "any_group": " | ".join(f"({group.query(loose=True)})" for group in groups),
        # With one group, the first CANDIDATES that match any are those that match every one.
        "every_group": (
            " & ".join(f"({group.query(loose=True)})" for group in groups)
            if len(groups) > 1
            else None
        ),
    }


# (source, what for) -> (the second it was last checked, what the public may see of the
# source then, its compiled query)
_compiled = {}


def _compiled_once(source, purpose, compile_query):
    """compile_query(source.queryset()), once per process, and again only when what the public
    may see of the source changes (a filter on the time, like upcoming sessions', changes with
    the time in it). That is checked at most once a second: building a source's queryset costs
    about as much as ranking a kind."""
    second = int(time.time())
    kept = _compiled.get((source, purpose))
    if kept is not None and kept[0] == second:
        return kept[2]
    queryset = source.queryset()
    visible = (queryset.query.where, queryset.query.annotations)
    compiled = kept[2] if kept is not None and kept[1] == visible else compile_query(queryset)
    _compiled[(source, purpose)] = (second, visible, compiled)
    return compiled


def _ranked(groups):
    """[Ranked], best first: every kind ranked in one statement, ties in the sources' order and
    then each kind's own."""
    values = scoring(groups)
    sources = {kind_of(source): source for source in _sources}
    tsqueries = [("any_group", values["any_group"], sum(group.documents for group in groups))]
    if len(groups) > 1:  # far fewer entries match every group
        tsqueries.append(("every_group", values["every_group"], 0))
    sql, parts = ranking_sql(list(sources), tsqueries, values["scores"])
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                values["any_group"],
                values["every_group"],
                list(sources),
                [source.most for source in sources.values()],
                *parts,
                RANKED,
            ],
        )
        return [
            Ranked(sources[kind], pk, entry, None if url is None else (title, summary, url))
            for kind, pk, entry, title, summary, url in cursor.fetchall()
        ]


@dataclass(frozen=True)
class Ranked:
    source: SearchSource
    pk: int
    entry: int  # the SearchEntry's id
    shown: tuple  # (title, summary, url) kept with the entry, or None


def _shown(ranked):
    """The results of these ranked rows, in order. A result's title, summary and address are
    kept with its entry the first time it is shown, read from its row through its kind's
    queryset (what the public may see), so a row missing now is left out. Written again,
    its entry starts without them."""
    missing = defaultdict(list)
    for row in ranked:
        if row.shown is None:
            missing[row.source].append(row.pk)
    loaded = _fetch_together(missing) if missing else {}
    results, kept = [], []
    for row in ranked:
        if row.shown is not None:
            title, summary, url = row.shown
            results.append(
                {"title": title, "url": url, "summary": summary, "label": row.source.label}
            )
        elif row.pk in loaded[row.source]:  # not deleted since it was ranked
            results.append(_result(row.source, loaded[row.source][row.pk]))
            kept.append((row.entry, results[-1]))
    if kept:
        _keep(kept)
    return results


def _keep(shown):
    """Keep each result with its entry (SearchShown). An entry written again meanwhile has a
    new id: its result is then kept for an id no search ranks, and cleared when entries are
    next written."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_quoted(SearchShown)} (entry, title, summary, url) "  # noqa: S608
            "SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) "
            "ON CONFLICT (entry) DO NOTHING",
            [
                [entry for entry, _result in shown],
                [result["title"] for _entry, result in shown],
                [result["summary"] for _entry, result in shown],
                [result["url"] for _entry, result in shown],
            ],
        )


def _rows_by_pk(queryset):
    """The compiled query of the queryset's rows whose pks the Slot "pks" lists."""
    rows = queryset.filter(pk__in=RawSQL("SELECT unnest(%s)", (Slot("pks"),)))
    compiler = rows.query.get_compiler(using=rows.db)
    return compiler, *compiler.as_sql()  # as_sql() sets up the compiler's select too


def _fetch_together(pks):
    """{source: {pk: row}} of the rows of each source with these pks, built as its queryset
    would (select_related included), all fetched in one round trip: the statements are sent
    as one, which psycopg's client-side parameters (Django's default) allow."""
    compiled = {source: _compiled_once(source, "rows", _rows_by_pk) for source in pks}
    with connection.cursor() as cursor:
        cursor.execute(
            "; ".join(sql for _compiler, sql, _params in compiled.values()),
            [
                param
                for source, (_compiler, _sql, params) in compiled.items()
                for param in bound(params, {"pks": pks[source]})
            ],
        )
        found = {}
        for source, (compiler, _sql, _params) in compiled.items():
            found[source] = {row.pk: row for row in instances(compiler, cursor.fetchall())}
            cursor.nextset()
    return found


def _anywhere(groups):
    """Without PostgreSQL: [(source, row)], best first, of rows with any group's phrase in the
    fields, title matches first."""
    scored = [
        (row.search_score, source, row)
        for source in _sources
        for row in _kind_anywhere(source, groups)
    ]
    scored.sort(key=lambda item: -item[0])  # stable: equal scores keep the sources' order
    return [(source, row) for _score, source, row in scored]


def _kind_anywhere(source, groups):
    fields = source.fields

    def contains(group, in_fields):
        return reduce(or_, (Q(**{f"{f}__icontains": p}) for p in group.phrases for f in in_fields))

    found = reduce(or_, (contains(group, fields) for group in groups))
    points = reduce(
        add,
        (
            Case(
                When(contains(group, fields[:1]), then=Value(2.0)),
                When(contains(group, fields), then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for group in groups
        ),
    )
    return list(
        source.queryset()
        .filter(found)
        .annotate(search_score=points)
        .order_by("-search_score", *source.order)[: source.most]
    )


def index(*, using="default"):
    """After every migrate: the website's own pages as search reads them, the triggers that
    mark changes, every kind's entries and the words they use."""
    sync_built_in_pages(using=using)
    if connections[using].vendor == "postgresql":
        replace_triggers(CHANGED, change_triggers(), using=using)
        refresh_entries(every=True, using=using)
        refresh_words(using=using)


def refresh_words(*, using="default"):
    """Rebuild SearchWord from the entries (what the public may see of every source): new words
    in, words no longer used out, counts updated (rows that stay the same are not written, so
    kept pages that read it stay kept). PostgreSQL only; run after migrate and by a periodic
    task."""
    refresh_entries(using=using)
    table = _quoted(SearchWord)
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"""
            WITH used AS (
                SELECT word, count(*) AS documents
                FROM {_quoted(SearchEntry)}, unnest(tsvector_to_array(document)) AS word
                WHERE length(word) <= 100
                GROUP BY word
            ), unused AS (
                DELETE FROM {table} WHERE word NOT IN (SELECT word FROM used)
            )
            INSERT INTO {table} (word, documents) SELECT word, documents FROM used
            ON CONFLICT (word) DO UPDATE SET documents = EXCLUDED.documents
            WHERE {table}.documents <> EXCLUDED.documents
            """  # noqa: S608 (the models' own names)
        )
        # Merged into the trigram index, and fresh statistics, so the planner looks a word up by
        # its key from the start.
        cursor.execute("; ".join([*_merging(SearchWord), f"ANALYZE {table}"]))
