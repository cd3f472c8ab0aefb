"""The portal's own error pages: the NHS.UK layout, a way home, the network's address, and the
right status code. The 500 page renders with the database out of reach."""

import re

import pytest
from django.test import Client

from tests.accessibility.pages import ERROR_PAGES
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


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "status"), [(path, status) for _, path, status in ERROR_PAGES])
def test_each_error_page_has_its_status_and_the_portal_layout(failing_urls, settings, path, status):
    response = Client(raise_request_exception=False).get(path)
    assert_error_page(response, status, HEADINGS[status], settings)


@pytest.mark.django_db
def test_a_tampered_email_link_shows_the_portal_404_page(settings):
    response = Client().get("/training/bookings/not-a-signed-token/")
    assert_error_page(response, 404, "Page not found", settings)
    assert "the link may have expired" in response.content.decode()


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_the_portal_page(settings):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/concerns/", {"details": "Sent from a page left open for a day"})
    assert_error_page(response, 403, "Sorry, we could not send your form", settings)
    assert "reload the page and try again" in response.content.decode()


@pytest.mark.django_db
def test_signed_in_people_get_the_500_page_too(failing_urls, settings, client):
    client.force_login(UserFactory())
    client.raise_request_exception = False
    response = client.get("/test-errors/500/")
    assert_error_page(response, 500, HEADINGS[500], settings)


@pytest.mark.parametrize("has_session", [False, True], ids=["signed-out", "with-a-session"])
def test_the_500_page_renders_with_the_database_out_of_reach(
    settings, django_db_blocker, has_session
):
    """No django_db mark, and the blocker held: any query while rendering would fail the test.
    With a session cookie, reading the session or the user would query."""
    client = Client(raise_request_exception=False)
    if has_session:
        client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-key"
    with django_db_blocker.block():
        response = client.get("/")
    assert_error_page(response, 500, HEADINGS[500], settings)
