"""Searches are counted for editors by their words only: what found nothing, what nobody
followed. The counts are on a staff page, and kept pages of results are counted too."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from edi_portal import page_cache
from tests.factories import StaffFactory, UserFactory
from tests.reports.conftest import grant, with_two_factor
from workstreams.models import SearchRecord

pytestmark = pytest.mark.django_db


def record(words):
    return SearchRecord.objects.values("searches", "found_nothing", "followed").get(
        day=timezone.localdate(), words=words
    )


def test_only_the_day_the_words_and_counts_are_kept():
    fields = {field.name for field in SearchRecord._meta.get_fields()}
    assert fields == {"id", "day", "words", "searches", "found_nothing", "followed"}


def test_a_search_is_counted_by_its_words_and_whether_it_found_anything(seeded):
    Client().get("/search/", {"q": "Bystander, training!"})
    Client().get("/search/", {"q": "xqzvvk"})
    assert record("bystander training") == {"searches": 1, "found_nothing": 0, "followed": 0}
    assert record("xqzvvk") == {"searches": 1, "found_nothing": 1, "followed": 0}


def test_a_kept_page_of_results_is_counted_too(seeded):
    Client().get("/search/", {"q": "xqzvvk"})
    assert page_cache.kept_pages.contents()
    Client().get("/search/", {"q": "xqzvvk"})  # served from the kept page
    assert record("xqzvvk") == {"searches": 2, "found_nothing": 2, "followed": 0}


def test_searches_of_more_than_60_characters_and_staff_searches_are_not_counted(seeded):
    sixty = "a" * 28 + " " + "b" * 31
    Client().get("/search/", {"q": sixty})
    Client().get("/search/", {"q": sixty + "c"})
    staff = Client()
    staff.force_login(StaffFactory())
    staff.get("/search/", {"q": "bystander"})
    assert list(SearchRecord.objects.values_list("words", flat=True)) == [sixty]


def test_following_a_result_counts_it_and_goes_to_the_page(seeded):
    html = Client().get("/search/", {"q": "bystander"}).text
    link = re.search(r'<a href="(/search/result/[^"]+)" rel="nofollow">', html)[1]
    response = Client().get(link)
    assert response.status_code == 302
    assert response["Location"] == "/workstreams/active-bystander-training/"
    assert record("bystander") == {"searches": 1, "found_nothing": 0, "followed": 1}


def test_a_made_up_result_link_is_not_found(seeded):
    assert Client().get("/search/result/bm90LWEtdG9rZW4/?to=/").status_code == 404
    assert Client().get("/search/result/W10:abc:def/?to=/").status_code == 404
    html = Client().get("/search/", {"q": "bystander"}).text
    link = re.search(r'<a href="(/search/result/[^"?]+)\?to=[^"]+" rel="nofollow">', html)[1]
    # A result leads only to a page of this website, whatever the link is made to say.
    for elsewhere in ("https://example.com/", "//example.com/", "/\\example.com/", "", "x"):
        assert Client().get(link, {"to": elsewhere}).status_code == 404, elsewhere
    assert record("bystander") == {"searches": 1, "found_nothing": 0, "followed": 0}


def editor():
    client = Client()
    client.force_login(with_two_factor(grant(StaffFactory(), "workstreams.view_searchrecord")))
    return client


def test_editors_see_searches_that_found_nothing_and_those_nobody_followed():
    today = timezone.localdate()
    SearchRecord.objects.create(day=today, words="rota gaps", searches=3, found_nothing=3)
    SearchRecord.objects.create(
        day=today - timedelta(days=1), words="rota gaps", searches=2, found_nothing=2
    )
    SearchRecord.objects.create(day=today, words="bystander", searches=5, followed=4)
    SearchRecord.objects.create(day=today, words="exams", searches=4)
    html = editor().get("/search/to-improve/").text
    found_nothing, not_followed = html.split("Searches with results nobody opened")
    assert re.search(r"rota gaps</a></td>\s*<td[^>]*>5</td>", found_nothing)
    assert re.search(r"exams</a></td>\s*<td[^>]*>4</td>", not_followed)
    assert "bystander" not in html
    assert "rota gaps" not in not_followed


def test_only_staff_with_the_permission_and_two_factor_see_the_searches():
    assert Client().get("/search/to-improve/").status_code == 302  # to sign in
    trainee = Client()
    trainee.force_login(UserFactory())
    assert trainee.get("/search/to-improve/").status_code == 403
    staff = Client()
    staff.force_login(with_two_factor(StaffFactory()))
    assert staff.get("/search/to-improve/").status_code == 403
    without_two_factor = Client()
    without_two_factor.force_login(grant(StaffFactory(), "workstreams.view_searchrecord"))
    assert (
        without_two_factor.get("/search/to-improve/")["Location"] == "/accounts/2fa/totp/activate/"
    )
    assert editor().get("/search/to-improve/").status_code == 200


def test_the_no_results_page_leads_to_help():
    html = Client().get("/search/", {"q": "xqzvvk"}).text
    assert 'id="no-results"' in html
    for link in ["/peer-support/", "/concerns/", "/support/domestic-abuse/", "mailto:"]:
        assert f'href="{link}' in html
