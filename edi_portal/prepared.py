"""Queries built and compiled once per process, then run with each request's values.

Building a queryset and compiling it to SQL costs Django about a millisecond for a public page's
query with a join or a count, more than PostgreSQL takes to answer it (a session's page: 1.6 ms
in all, 0.45 ms of it the database). A query that a page runs on every visit is therefore
written once, as a function that builds the queryset with Param() where the request's values go
(the page's key, the time now):

    SESSION = Prepared(lambda: Session.objects.filter(pk=Param("pk", BigIntegerField())))
    sessions = SESSION.run(pk=42)  # a list, as list(queryset) would be

It is built and compiled on first use, in each process for each database, and then only run.
So everything else in it must be fixed: no timezone.now() or setting read while building. Every
Prepared is listed in `all_prepared`, and a test (tests/edi_portal/test_prepared.py) builds each one
twice, a day apart, and fails if the SQL or any fixed value differs.

Rows come as the queryset would give them: model instances (select_related and annotations
included, fields deferred as it defers them) or values()/values_list() rows. Not for a queryset
that prefetches: the prefetch would be a query of its own, not prepared.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Expression, Field, IntegerField
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.http import Http404

# Every Prepared made, for the test that each one is built the same whenever it is built.
all_prepared = []


@dataclass(frozen=True)
class Slot:
    """Where a named value goes in a compiled query's parameters; given a field, the value is
    made ready for the database as that field would make it (a time for SQLite's text)."""

    name: str
    field: Field = dataclass_field(default=None, compare=False)


class Param(Expression):
    """A value given when a prepared query runs: Param("pk", BigIntegerField())."""

    def __init__(self, name, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [Slot(self.name, self.output_field)]


class OutOfRange(Exception):
    """A Param's integer that its column cannot hold: no row has it."""


def bound(params, values, connection=None):
    """The compiled parameters with each Slot replaced by its value (OutOfRange for an integer
    its column cannot hold)."""
    return [
        _ready(param, values[param.name], connection) if isinstance(param, Slot) else param
        for param in params
    ]


def _ready(slot, value, connection):
    if slot.field is None or connection is None:
        return value
    value = slot.field.get_db_prep_value(value, connection)
    if isinstance(slot.field, IntegerField) and value is not None:
        # As Django's integer lookups treat them (SQLite would raise on them).
        low, high = connection.ops.integer_field_range(slot.field.get_internal_type())
        if (low is not None and value < low) or (high is not None and value > high):
            raise OutOfRange(slot.name)
    return value


class Prepared:
    def __init__(self, build):
        self.build = build  # () -> QuerySet, with Param() for what each run gives
        self._compiled = {}  # database alias -> (compiler, sql, params, rows)
        all_prepared.append(self)

    def compile(self, using="default"):
        """(compiler, sql, params, rows) of the built queryset: `sql` is None when it can match
        nothing (EmptyResultSet); rows(compiler, fetched) gives the queryset's kind of row."""
        queryset = self.build()
        if queryset._prefetch_related_lookups:
            raise TypeError("A prepared query cannot prefetch: the prefetch is another query.")
        compiler = queryset.query.get_compiler(using=using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            sql, params = None, ()
        return compiler, sql, tuple(params), _row_maker(queryset)

    def run(self, *, using="default", **values):
        """The rows of the query with these values, as a list."""
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self.compile(using)
        compiler, sql, params, rows = compiled
        if sql is None:
            return []
        connection = connections[using]
        try:
            arguments = bound(params, values, connection)
        except OutOfRange:  # Params are for equal-to filters: a value no column holds matches none
            return []
        with connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            return rows(compiler, cursor.fetchall())

    def first_or_404(self, **values):
        """The first row with these values (a page's object), or Http404 as get_object_or_404
        gives when there is none."""
        found = self.run(**values)
        if not found:
            raise Http404("No such page.")
        return found[0]


def _row_maker(queryset):
    """rows(compiler, fetched): the queryset's kind of row, as Django 5.2's iterables make them."""
    iterable = queryset._iterable_class
    if iterable is ModelIterable:
        return lambda compiler, fetched: list(instances(compiler, fetched))
    if iterable is FlatValuesListIterable:
        return lambda compiler, fetched: [row[0] for row in _converted(compiler, fetched)]
    if iterable is ValuesListIterable:
        return lambda compiler, fetched: list(_converted(compiler, fetched))
    if iterable is ValuesIterable:
        query = queryset.query
        names = list(
            query.selected or [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        return lambda compiler, fetched: [
            dict(zip(names, row, strict=True)) for row in _converted(compiler, fetched)
        ]
    raise TypeError(f"A prepared query cannot give {iterable.__name__} rows.")


def _converted(compiler, fetched):
    """Rows as tuples, each value converted from the database as the queryset would (without
    the columns Django adds to order a DISTINCT query by)."""
    if compiler.has_extra_select:
        fetched = [row[: compiler.col_count] for row in fetched]
    return compiler.results_iter([fetched], tuple_expected=True)


def instances(compiler, fetched):
    """Model instances of a compiled query's rows, as QuerySet's ModelIterable makes them."""
    klass_info, select = compiler.klass_info, compiler.select
    model_fields = slice(klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1)
    init_list = [column[0].target.attname for column in select[model_fields]]
    related_populators = get_related_populators(klass_info, select, compiler.using)
    for row in compiler.results_iter([fetched]):
        obj = klass_info["model"].from_db(compiler.using, init_list, row[model_fields])
        for populator in related_populators:
            populator.populate(row, obj)
        for name, position in compiler.annotation_col_map.items():
            setattr(obj, name, row[position])
        yield obj
