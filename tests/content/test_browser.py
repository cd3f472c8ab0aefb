"""In Chromium: the quick exit's Shift-three-times shortcut."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXIT_URL = "https://www.bbc.co.uk/weather"


@pytest.fixture
def exit_site(page, settings):
    """Stands in for the neutral site (no network in tests) and records the requests to it."""
    settings.QUICK_EXIT_URL = EXIT_URL
    requests = []

    def fulfil(route):
        requests.append(route.request)
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>Weather")

    page.route(re.compile(r"^https://www\.bbc\.co\.uk/.*"), fulfil)
    return requests


def test_shift_three_times_leaves_and_back_does_not_return(page, exit_site, seeded_transactional):
    page.goto("/about/")
    page.goto("/support/domestic-abuse/")
    page.locator("[data-quick-exit-hint]").wait_for(state="visible")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    assert "referer" not in exit_site[0].headers
    page.go_back()
    page.wait_for_load_state()
    assert page.url.endswith("/about/"), page.url


def test_typing_capital_letters_is_not_the_shortcut(page, exit_site, seeded_transactional):
    page.goto("/support/domestic-abuse/")
    page.locator("[data-quick-exit-hint]").wait_for(state="visible")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.endswith("/support/domestic-abuse/")
    assert not exit_site


def test_the_exit_button_replaces_the_page_in_history(page, exit_site, seeded_transactional):
    page.goto("/about/")
    page.goto("/support/domestic-abuse/browsing-safely/")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(EXIT_URL)
    assert "referer" not in exit_site[0].headers
    page.go_back()
    page.wait_for_load_state()
    assert page.url.endswith("/about/"), page.url


def test_without_javascript_the_exit_button_is_a_link(page_without_js, seeded_transactional):
    page_without_js.goto("/support/domestic-abuse/")
    button = page_without_js.get_by_role("button", name="Emergency Exit this page")
    assert button.get_attribute("href") == "https://www.bbc.co.uk/weather"
    assert page_without_js.locator("[data-quick-exit-hint]").is_hidden()
