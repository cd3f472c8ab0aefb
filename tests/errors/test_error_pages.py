"""The portal's own error pages: the NHS.UK layout, a way home, the network's address, and the
right status code. The 500 page renders with the database out of reach.

Each is asked for as a browser asks after one page of the portal: holding the CSRF cookie, with
the check on, and by a form's POST as well as by a link (tests/browser_client.py)."""

import re

import pytest
from django.test import Client
from django.utils.crypto import get_random_string

from tests.accessibility.pages import ERROR_PAGES
from tests.browser_client import BrowserClient
from tests.factories import UserFactory

HEADINGS = {
    400: "Sorry, there is a problem with your request",
    403: "You cannot see this page",
    404: "Page not found",
    500: "Sorry, there is a problem with the service",
}


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.errors.urls"


def assert_error_page(response, status, heading, settings):
    page = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", page) == [heading]
    assert 'class="nhsuk-header"' in page and 'class="nhsuk-footer"' in page
    assert '<a href="/">Go to the homepage</a>' in page
    assert f'href="mailto:{settings.NETWORK_CONTACT_EMAIL}"' in page


def browser(user=None):
    """A browser after one page: it holds the CSRF cookie (and is signed in as `user`)."""
    client = BrowserClient(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    client.csrf_token("/concerns/")
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(("path", "status"), [(path, status) for _, path, status in ERROR_PAGES])
def test_each_error_page_has_its_status_and_the_portal_layout(
    failing_urls, settings, path, status, method
):
    client = browser()
    if method == "GET":
        response = client.get(path)
    else:
        response = client.post(path, {"csrfmiddlewaretoken": client.csrf_token("/concerns/")})
    assert_error_page(response, status, HEADINGS[status], settings)


@pytest.mark.django_db
def test_a_tampered_email_link_shows_the_portal_404_page(settings):
    response = browser().get("/training/bookings/not-a-signed-token/")
    assert_error_page(response, 404, "Page not found", settings)
    assert "the link may have expired" in response.content.decode()


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_the_portal_page(settings):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/concerns/", {"details": "Sent from a page left open for a day"})
    assert_error_page(response, 403, "Sorry, we could not send your form", settings)
    assert "reload the page and try again" in response.content.decode()


@pytest.mark.django_db
def test_a_form_sent_with_the_cookie_but_no_token_gets_the_portal_page(settings):
    response = browser().post("/concerns/", {"csrfmiddlewaretoken": "", "details": "Sent"})
    assert_error_page(response, 403, "Sorry, we could not send your form", settings)


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_signed_in_people_get_the_500_page_too(failing_urls, settings, method):
    client = browser(UserFactory())
    if method == "GET":
        response = client.get("/test-errors/500/")
    else:
        response = client.post("/test-errors/500/", {"details": "A form"})
    assert_error_page(response, 500, HEADINGS[500], settings)


@pytest.mark.parametrize("has_session", [False, True], ids=["signed-out", "with-a-session"])
def test_the_500_page_renders_with_the_database_out_of_reach(
    settings, django_db_blocker, has_session
):
    """No django_db mark, and the blocker held: any query while rendering would fail the test.
    With a session cookie, reading the session or the user would query."""
    client = BrowserClient(raise_request_exception=False)
    # The CSRF cookie a browser has from an earlier page (no page opens without the database).
    client.cookies[settings.CSRF_COOKIE_NAME] = get_random_string(32)
    if has_session:
        client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-key"
    with django_db_blocker.block():
        response = client.get("/")
    assert_error_page(response, 500, HEADINGS[500], settings)
