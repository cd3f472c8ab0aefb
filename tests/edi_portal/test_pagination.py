import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger

from edi_portal.pagination import OneQueryPaginator
from tests.training.factories import SessionFactory
from training.models import Session

pytestmark = pytest.mark.django_db


def test_a_page_and_the_count_come_from_one_query(django_assert_num_queries):
    SessionFactory.create_batch(12)
    paginator = OneQueryPaginator(Session.objects.order_by("starts_at", "pk"), 10)
    with django_assert_num_queries(1):
        page = paginator.page(2)
        assert (paginator.count, paginator.num_pages, len(page)) == (12, 2, 2)
    assert list(page) == list(Session.objects.order_by("starts_at", "pk")[10:])


def test_values_rows_and_other_rows(django_assert_num_queries):
    SessionFactory.create_batch(3)
    rows = Session.objects.order_by("pk")
    last = rows.last().pk
    paginator = OneQueryPaginator(rows.values("pk"), 2)
    with django_assert_num_queries(1):
        assert [row["pk"] for row in paginator.page(2)] == [last]
        assert paginator.count == 3
    # Tuples carry no count of their own: counted first, as Paginator does.
    paginator = OneQueryPaginator(rows.values_list("pk", flat=True), 2)
    with django_assert_num_queries(2):
        assert list(paginator.page(2)) == [last]
        assert paginator.count == 3


def test_pages_without_rows_are_left_to_the_usual_paginator():
    assert len(OneQueryPaginator(Session.objects.order_by("pk"), 10).page(1)) == 0
    SessionFactory()
    with pytest.raises(EmptyPage):
        OneQueryPaginator(Session.objects.order_by("pk"), 10).page(2)
    with pytest.raises(EmptyPage):
        OneQueryPaginator(Session.objects.order_by("pk"), 10).page(0)
    with pytest.raises(PageNotAnInteger):
        OneQueryPaginator(Session.objects.order_by("pk"), 10).page("x")
