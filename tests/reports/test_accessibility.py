"""The reports page passes axe in Chromium, and every chart has a text alternative.

The shared list in tests/accessibility/pages.py visits pages signed out; the reports need a
signed-in member of staff with the permissions and two-factor, so this test signs in itself.
"""

import pytest
from django.test import Client

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


def test_the_reports_page_has_no_axe_violations_and_every_chart_a_text_alternative(staff_page, axe):
    applications(60)
    applications(30, year="2025-26", start=1000)
    sessions(6, bookings_each=5)
    qi_projects(4)
    page = staff_page
    response = page.goto("/reports/?year=2026-27")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    charts = page.locator("svg.app-chart")
    assert charts.count() >= 25
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.get_attribute("role") == "img"
        title_id, desc_id = chart.get_attribute("aria-labelledby").split()
        assert chart.locator(f"title#{title_id}").text_content().strip()
        assert chart.locator(f"desc#{desc_id}").text_content().strip()
    axe(page)


def test_the_page_with_an_error_in_the_year_has_no_axe_violations(staff_page, axe):
    page = staff_page
    page.goto("/reports/?year=1999-00")
    assert page.get_by_text("There is a problem").is_visible()
    axe(page)
