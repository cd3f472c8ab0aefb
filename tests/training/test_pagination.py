import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger

from training.models import Session
from training.pagination import OneQueryPaginator

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_a_page_and_the_count_come_from_one_query(django_assert_num_queries):
    SessionFactory.create_batch(12)
    paginator = OneQueryPaginator(Session.objects.order_by("starts_at", "pk"), 10)
    with django_assert_num_queries(1):
        page = paginator.page(2)
        assert (paginator.count, paginator.num_pages, len(page)) == (12, 2, 2)
    assert list(page) == list(Session.objects.order_by("starts_at", "pk")[10:])


def test_pages_without_rows_are_left_to_the_usual_paginator():
    assert len(OneQueryPaginator(Session.objects.order_by("pk"), 10).page(1)) == 0
    SessionFactory()
    with pytest.raises(EmptyPage):
        OneQueryPaginator(Session.objects.order_by("pk"), 10).page(2)
    with pytest.raises(EmptyPage):
        OneQueryPaginator(Session.objects.order_by("pk"), 10).page(0)
    with pytest.raises(PageNotAnInteger):
        OneQueryPaginator(Session.objects.order_by("pk"), 10).page("x")
