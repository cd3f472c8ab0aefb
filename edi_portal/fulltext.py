"""Full-text search: weighted vectors with GIN indexes on PostgreSQL, a plain match elsewhere.

A searchable model names the text fields it is found by, most important first, in one tuple
(for example Resource.SEARCH_FIELDS). `search_index(fields)` in its Meta.indexes and `matching()`
build the same expression from that tuple, so PostgreSQL answers from the index instead of
reading every row. Words are stemmed in English ("mentors" finds "mentoring") and the visitor's
text is read as web-search syntax: "quoted phrases", -excluded words and OR.

Other databases (the local demo's SQLite) have neither, so there every word must appear, in
any case, somewhere in the fields.
"""

import operator
from functools import reduce

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections, migrations
from django.db.models import Q

CONFIG = "english"
# The first field (a title) weighs most, the second next, every other field least.
WEIGHTS = ("A", "B", "C")


def search_vector(fields):
    return reduce(
        operator.add,
        (
            SearchVector(field, weight=WEIGHTS[min(index, len(WEIGHTS) - 1)], config=CONFIG)
            for index, field in enumerate(fields)
        ),
    )


def search_index(fields, *, name):
    """The GIN index matching() uses on PostgreSQL; add it with AddSearchIndex."""
    return GinIndex(search_vector(fields), name=name)


def matching(queryset, fields, text):
    """`queryset` narrowed to the rows whose `fields` match the visitor's `text`."""
    if connections[queryset.db].vendor == "postgresql":
        return queryset.annotate(search_vector=search_vector(fields)).filter(
            search_vector=SearchQuery(text, search_type="websearch", config=CONFIG)
        )
    return queryset.filter(
        reduce(
            operator.and_,
            (
                reduce(operator.or_, (Q(**{f"{field}__icontains": word}) for field in fields))
                for word in text.split()
            ),
        )
    )


class AddSearchIndex(migrations.AddIndex):
    """AddIndex for a search_index(): created on PostgreSQL only, since other databases have no
    GIN indexes or to_tsvector (matching() does without it there)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
