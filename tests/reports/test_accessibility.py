"""The reports pages pass axe in Chromium, and every chart has a text alternative.

The shared list in tests/accessibility/pages.py visits pages signed out; the reports need a
signed-in member of staff with the permissions and two-factor, so this test signs in itself.
"""

import pytest
from django.test import Client
from playwright.sync_api import expect

from .bulk import applications, qi_projects, sessions
from .conftest import grant, with_two_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_page(page, live_server):
    from tests.factories import StaffFactory

    user = with_two_factor(
        grant(StaffFactory(), "reports.view_reports", "network.view_equalitymonitoring")
    )
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def test_the_reports_pages_have_no_axe_violations_and_every_chart_a_text_alternative(
    staff_page, axe
):
    """The contents page and each section's page, reached by following the contents' links."""
    applications(60)
    applications(30, year="2025-26", start=1000)
    sessions(6, bookings_each=5)
    qi_projects(4)
    page = staff_page
    response = page.goto("/reports/?year=2026-27")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    axe(page)
    links = [link.get_attribute("href") for link in page.locator("main h2 a").all()]
    assert len(links) == 6  # every section but concerns, which needs its own permission
    charts_seen = 0
    for link in links:
        assert page.goto(link).status == 200
        assert page.locator("h1").count() == 1
        assert page.locator('[aria-current="page"]').count() == 1
        charts = page.locator("svg.app-chart")
        charts_seen += charts.count()
        for index in range(charts.count()):
            chart = charts.nth(index)
            assert chart.get_attribute("role") == "img"
            title_id, desc_id = chart.get_attribute("aria-labelledby").split()
            assert chart.locator(f"title#{title_id}").text_content().strip()
            assert chart.locator(f"desc#{desc_id}").text_content().strip()
        axe(page)
    assert charts_seen >= 25


def test_the_page_with_an_error_in_the_year_has_no_axe_violations(staff_page, axe):
    page = staff_page
    for address in ("/reports/?year=1999-00", "/reports/network/?year=1999-00"):
        page.goto(address)
        expect(page.get_by_text("There is a problem")).to_be_visible()
        axe(page)


def test_at_375_pixels_the_tables_scroll_in_their_own_region_and_the_page_does_not(staff_page, axe):
    """A phone's width: the page itself never scrolls sideways; a diversity table wider than the
    screen scrolls inside a labelled region that a keyboard can reach, and axe is still clean."""
    applications(60)
    page = staff_page
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.goto("/reports/?year=2026-27").status == 200
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe(page)
    assert page.goto("/reports/diversity/?year=2026-27").status == 200
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    region = page.locator("#diversity-ethnic-group .app-table-scroll")
    assert region.get_attribute("role") == "region"
    assert page.locator("#diversity-ethnic-group-title").text_content().startswith("Ethnic group")
    box = region.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    # The table is wider than its region, so the region scrolls it, by keyboard too.
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    region.focus()
    page.keyboard.press("ArrowRight")
    for _ in range(20):  # keyboard scrolling may be smooth: give it a moment
        if region.evaluate("el => el.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    assert region.evaluate("el => el.scrollLeft") > 0
    for table in page.locator(".app-report-table table").all():
        assert table.bounding_box()["width"] > 0
    axe(page)
