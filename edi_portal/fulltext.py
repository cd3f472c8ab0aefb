"""Full-text search: weighted vectors with GIN indexes on PostgreSQL, a plain match elsewhere.

A searchable model names the text fields it is found by, most important first, in one tuple
(for example Resource.SEARCH_FIELDS), and keeps their weighted vector in a `search_document`
column (search_document_field()): a PostgreSQL trigger (KeepSearchDocument) writes it whenever a
row is saved, so matching and ranking read it instead of re-parsing every row's text.
`search_index()` in its Meta.indexes is the GIN index on that column, for tables of any size.
Words are stemmed in English ("mentors" finds "mentoring") and the visitor's text is read as
web-search syntax: "quoted phrases", -excluded words and OR.

Other databases (the local demo's SQLite) have neither, so there every word must appear, in
any case, somewhere in the fields.
"""

import operator
from functools import reduce

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connections, migrations, models
from django.db.backends.ddl_references import Statement
from django.db.models import Q
from django.db.models.functions import Upper

CONFIG = "english"
# The first field (a title) weighs most, the second next, every other field least.
WEIGHTS = ("A", "B", "C")
DOCUMENT = "search_document"


def search_document_field():
    """The stored, weighted vector of a model's search fields. Only PostgreSQL fills it (see
    KeepSearchDocument); elsewhere it stays empty and matching() reads the fields. It is derived
    from the fields, so personal data exports (serializers) leave it out."""
    return SearchVectorField(null=True, editable=False, serialize=False)


class SearchableManager(models.Manager):
    """Leaves search_document out of the rows it loads: only search reads it, inside SQL, and
    it is the widest value in the row (carrying it made the QI gallery's sort spill to disk)."""

    def get_queryset(self):
        return super().get_queryset().defer(DOCUMENT)


def weighted_vector(fields):
    """The weighted vector of `fields` computed in the query, as the trigger stores it: for a
    model without a search_document column (a few rows), or fields of related rows."""
    return reduce(
        operator.add,
        (
            SearchVector(field, weight=WEIGHTS[min(index, len(WEIGHTS) - 1)], config=CONFIG)
            for index, field in enumerate(fields)
        ),
    )


def search_index(*, name):
    """The GIN index on the search_document column; add it with AddSearchIndex."""
    return GinIndex(fields=[DOCUMENT], name=name)


def matching(queryset, fields, text):
    """`queryset` narrowed to the rows whose `fields` match the visitor's `text`."""
    if connections[queryset.db].vendor == "postgresql":
        return queryset.filter(
            **{DOCUMENT: SearchQuery(text, search_type="websearch", config=CONFIG)}
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


class PostgreSQLOnly:
    """A migration operation run on PostgreSQL only, since other databases have no GIN indexes or
    to_tsvector (matching() does without them there); the model state changes everywhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class AddSearchIndex(PostgreSQLOnly, migrations.AddIndex):
    pass


class RemoveSearchIndex(PostgreSQLOnly, migrations.RemoveIndex):
    pass


class KeepSearchDocument(migrations.operations.base.Operation):
    """A trigger that writes the weighted vector of `fields` into the model's search_document
    column on every insert (bulk_create included) and on every update of those fields, and the
    column filled once for the rows already there. PostgreSQL only, like AddSearchIndex. Each
    field weighs by its place in `fields` (WEIGHTS), unless `weights` gives one per field."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name, fields, weights=None):
        self.model_name = model_name
        self.fields = tuple(fields)
        self.weights = tuple(weights) if weights else None

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "fields": self.fields}
        if self.weights:
            kwargs["weights"] = self.weights
        return self.__class__.__name__, [], kwargs

    def _weight(self, index):
        return self.weights[index] if self.weights else WEIGHTS[min(index, len(WEIGHTS) - 1)]

    def state_forwards(self, app_label, state):
        pass

    def describe(self):
        return f"Keep {self.model_name}.{DOCUMENT} up to date with a trigger"

    def _names(self, app_label, state, schema_editor):
        model = state.apps.get_model(app_label, self.model_name)
        quote = schema_editor.quote_name
        columns = [quote(model._meta.get_field(field).column) for field in self.fields]
        table = model._meta.db_table
        return quote(table), quote(f"{table}_{DOCUMENT}"), columns, quote(DOCUMENT)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        table, function, columns, column = self._names(app_label, to_state, schema_editor)

        # Each field's words, stemmed and weighted: a missing one adds none.
        def vector(row):
            return " || ".join(
                f"setweight(to_tsvector('{CONFIG}'::regconfig, COALESCE({row}{name}::text, '')),"
                f" '{self._weight(index)}')"
                for index, name in enumerate(columns)
            )

        schema_editor.execute(
            f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN NEW.{column} := {vector('NEW.')}; RETURN NEW; END $$"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {DOCUMENT} BEFORE INSERT OR UPDATE OF {', '.join(columns)} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
        schema_editor.execute(
            f"UPDATE {table} SET {column} = {vector('')}"  # noqa: S608 (the model's own names)
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        table, function, _columns, _column = self._names(app_label, from_state, schema_editor)
        schema_editor.execute(f"DROP TRIGGER {DOCUMENT} ON {table}")
        schema_editor.execute(f"DROP FUNCTION {function}()")


class SearchIndex(GinIndex):
    """A GIN index on PostgreSQL and nothing elsewhere: the local demo's SQLite has no GIN, and
    rebuilds a whole table (indexes included) when a later migration changes it."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("SELECT 1")
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("SELECT 1")
        return super().remove_sql(model, schema_editor, **kwargs)


def admin_search_index(field, *, name):
    """A trigram index (pg_trgm) for the admin's search on one column. Django's search is
    UPPER(column) LIKE '%WORD%', which no b-tree serves: with this index PostgreSQL finds the
    rows that contain the word's three-letter sequences instead of reading (and counting) every
    row. Added by AddSearchIndex, so on PostgreSQL only; words of one or two letters still read
    every row."""
    return SearchIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=name)
