"""In Chromium: a search that finds nothing leads on to help; a result followed is counted; the
editors' page of searches to improve."""

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import StaffFactory
from tests.reports.conftest import grant, with_two_factor
from workstreams.models import SearchRecord

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def search_from_the_header(page, words):
    page.goto("/")
    page.get_by_label("Search the network's website").fill(words)
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url("**/search/?q=*")


def test_a_search_that_finds_nothing_leads_on_to_help(page, axe):
    search_from_the_header(page, "xqzvvk")
    expect(page.get_by_role("heading", name="No results for “xqzvvk”")).to_be_visible()
    axe(page)
    page.get_by_role("main").get_by_role("link", name="Raise a concern").click()
    page.wait_for_url("**/concerns/")
    search_from_the_header(page, "xqzvvk")
    page.get_by_role("main").get_by_role("link", name="Domestic abuse support").click()
    page.wait_for_url("**/support/domestic-abuse/")
    record = SearchRecord.objects.get(words="xqzvvk")
    assert (record.searches, record.found_nothing, record.followed) == (2, 2, 0)


def test_a_result_followed_opens_its_page_and_is_counted(page, seeded_transactional):
    search_from_the_header(page, "browsing safely")
    page.get_by_role("link", name="Browsing safely").click()
    page.wait_for_url("**/support/domestic-abuse/browsing-safely/")
    record = SearchRecord.objects.get(words="browsing safely")
    assert (record.searches, record.found_nothing, record.followed) == (1, 0, 1)


def test_editors_read_the_searches_to_improve_and_try_one(page, live_server, axe):
    today = timezone.localdate()
    SearchRecord.objects.create(day=today, words="rota gaps", searches=3, found_nothing=3)
    SearchRecord.objects.create(day=today, words="exams", searches=4)
    client = Client()
    client.force_login(with_two_factor(grant(StaffFactory(), "workstreams.view_searchrecord")))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto("/search/to-improve/")
    found_nothing = page.get_by_role("table").first
    assert found_nothing.get_by_role("row").nth(1).inner_text().split() == ["rota", "gaps", "3"]
    assert page.get_by_role("table").last.get_by_role("row").nth(1).inner_text().split() == [
        "exams",
        "4",
    ]
    axe(page)
    page.get_by_role("link", name="rota gaps").click()
    page.wait_for_url("**/search/?q=rota*gaps")
    assert page.get_by_role("heading", level=2).first.inner_text().endswith("“rota gaps”")
    # An editor trying a search out is not counted.
    assert SearchRecord.objects.get(words="rota gaps").searches == 3
