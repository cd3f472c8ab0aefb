"""In Chromium: the quick exit's Shift-three-times shortcut, and raising concerns."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from network.models import Concern
from tests.factories import StaffFactory

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


def fill_concern(page, *, details, email=None):
    page.goto("/concerns/")
    page.get_by_label("Undermining").check()
    page.get_by_label("Disability").check()
    page.get_by_label("Teaching").check()
    page.get_by_label("What happened?").fill(details)
    if email:
        page.get_by_label("Email address (optional)").fill(email)
    page.get_by_role("button", name="Send your concern").click()
    page.get_by_role("heading", name="Concern sent").wait_for()


def test_raising_an_anonymous_concern(page, axe):
    fill_concern(page, details="My reasonable adjustments were refused twice.")
    concern = Concern.objects.get()
    assert concern.email == "" and concern.characteristic == "disability"
    assert concern.reference in page.content()
    assert "cannot recover it" in page.content()
    axe(page)


def test_raising_a_concern_with_an_email(page):
    fill_concern(page, details="My reasonable adjustments were refused.", email="trainee@nhs.net")
    concern = Concern.objects.get()
    assert concern.email == "trainee@nhs.net"
    assert "We have also emailed this link to you" in page.content()
    acknowledgements = [m for m in mail.outbox if m.to == ["trainee@nhs.net"]]
    assert len(acknowledgements) == 1 and concern.reference in acknowledgements[0].subject


def test_a_concern_with_a_mistake_shows_the_error_summary(page, axe):
    page.goto("/concerns/")
    page.get_by_label("What happened?").fill("Something happened.")
    page.get_by_role("button", name="Send your concern").click()
    summary = page.locator(".nhsuk-error-summary")
    summary.wait_for()
    assert "Select what your concern is related to" in summary.inner_text()
    assert page.get_by_label("What happened?").input_value() == "Something happened."
    assert not Concern.objects.exists()
    axe(page)


def test_an_admin_without_the_permission_sees_neither_concern(page, live_server, client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    fill_concern(page, details="Anonymous: my adjustments were refused.")
    fill_concern(page, details="With email: my adjustments were refused.", email="t@nhs.net")
    references = list(Concern.objects.values_list("reference", flat=True))
    assert len(references) == 2

    def admin_page_as(user, path):
        client.force_login(user)
        page.context.clear_cookies()
        page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        return page.goto(path)

    nosy = StaffFactory(email="nosy@nhs.net")
    admin_page_as(nosy, "/admin/")
    assert "Concerns" not in page.content()
    assert admin_page_as(nosy, "/admin/network/concern/").status == 403

    reader = StaffFactory(email="reader@nhs.net")
    reader.user_permissions.add(Permission.objects.get(codename="view_concern"))
    admin_page_as(reader, "/admin/network/concern/")
    for reference in references:
        assert reference in page.content()
