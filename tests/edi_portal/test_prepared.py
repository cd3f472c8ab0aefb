from datetime import timedelta

import pytest
import time_machine
from django.db.models import BigIntegerField, DateTimeField
from django.http import Http404
from django.urls import get_resolver
from django.utils import timezone

from edi_portal import prepared
from edi_portal.prepared import Param, Prepared
from tests.training.factories import BookingFactory, CourseFactory, SessionFactory
from training.models import Session

pytestmark = pytest.mark.django_db


def test_every_prepared_query_is_built_the_same_whenever_it_is_built():
    """A prepared query is compiled once per process: a time or anything else read while it is
    built would stay as it was at the first visit. Every value that changes must be a Param."""
    assert get_resolver().url_patterns  # every view's module, and so every prepared query, imported
    from training.views import SESSION_PAGE

    assert SESSION_PAGE in prepared.all_prepared
    for query in prepared.all_prepared:
        _compiler, sql, params, _rows = query.compile()
        with time_machine.travel(timezone.now() + timedelta(days=1, seconds=7), tick=False):
            _compiler, sql_later, params_later, _rows = query.compile()
        assert (sql_later, params_later) == (sql, params), query.build.__code__


def test_rows_come_as_the_queryset_gives_them(django_assert_num_queries):
    course = CourseFactory(name="Active Bystander Training")
    sessions = SessionFactory.create_batch(3, course=course, capacity=5)
    BookingFactory(session=sessions[1])

    def sessions_from(first):
        return (
            Session.objects.with_confirmed_count()
            .select_related("course")
            .defer("address")
            .filter(pk__gte=first)
            .order_by("pk")
        )

    def kinds(queryset):
        return [
            queryset,
            queryset.values("pk", "course__name", "confirmed_count"),
            queryset.values_list("pk", "confirmed_count"),
            queryset.values_list("course__name", flat=True),
        ]

    built = kinds(sessions_from(Param("from", BigIntegerField())))
    expected = kinds(sessions_from(sessions[1].pk))
    for queryset, plain in zip(built, expected, strict=True):
        query = Prepared(lambda queryset=queryset: queryset)
        with django_assert_num_queries(1):
            rows = query.run(**{"from": sessions[1].pk})
        assert rows == list(plain), queryset._iterable_class
    instances = Prepared(lambda: built[0]).run(**{"from": sessions[1].pk})
    with django_assert_num_queries(0):  # the course came with the session, and the count too
        assert [(s.course.name, s.confirmed_count) for s in instances] == [
            ("Active Bystander Training", 1),
            ("Active Bystander Training", 0),
        ]
    with django_assert_num_queries(1):  # a deferred field is read when asked for, as usual
        assert instances[0].address == "3 Piccadilly Place, Manchester M1 3BN"


def test_each_run_reads_the_database_afresh():
    upcoming = Prepared(
        lambda: Session.objects.filter(starts_at__gt=Param("now", DateTimeField())).values_list(
            "pk", flat=True
        )
    )
    session = SessionFactory(starts_at=timezone.now() + timedelta(days=2))
    assert upcoming.run(now=timezone.now()) == [session.pk]
    assert upcoming.run(now=timezone.now() + timedelta(days=3)) == []
    later = timezone.now() + timedelta(days=9)
    Session.objects.filter(pk=session.pk).update(
        starts_at=later, ends_at=later + timedelta(hours=3)
    )
    assert upcoming.run(now=timezone.now() + timedelta(days=3)) == [session.pk]


def test_a_query_that_can_match_nothing_asks_nothing(django_assert_num_queries):
    nothing = Prepared(lambda: Session.objects.filter(pk__in=[]))
    with django_assert_num_queries(0):
        assert nothing.run() == []


def test_a_number_no_column_holds_finds_nothing(django_assert_num_queries):
    session = Prepared(lambda: Session.objects.filter(pk=Param("pk", BigIntegerField())))
    with django_assert_num_queries(0):
        assert session.run(pk=2**63) == []
        assert session.run(pk=-(2**63) - 1) == []
    found = SessionFactory()
    assert session.first_or_404(pk=found.pk) == found
    with pytest.raises(Http404):
        session.first_or_404(pk=2**63)


def test_a_prefetch_is_refused():
    with pytest.raises(TypeError, match="prefetch"):
        Prepared(lambda: Session.objects.prefetch_related("bookings")).run()
