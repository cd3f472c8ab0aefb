"""allauth's pages render in the portal's NHS.UK layout, with no inline script."""

import re

import pytest

from tests.factories import UserFactory

from .helpers import PASSWORD, activate_totp, reauthenticate, sign_in

pytestmark = pytest.mark.django_db

SIGNED_OUT_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/login/code/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
]
SIGNED_IN_PAGES = [
    "/accounts/email/",
    "/accounts/logout/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
]


def assert_portal_page(response):
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="nhsuk-header"' in page
    assert len(re.findall(r"<h1[\s>]", page)) == 1
    for script in re.findall(r"<script\b[^>]*>", page):
        assert "src=" in script or 'type="application/json"' in script, script
    assert not re.search(r"<[^>]*\son[a-z]+=", page), "no inline event handlers"
    return page


@pytest.mark.parametrize("path", SIGNED_OUT_PAGES)
def test_signed_out_pages(client, path):
    assert_portal_page(client.get(path))


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_pages(client, path):
    sign_in(client, UserFactory())
    assert_portal_page(client.get(path))


def test_two_factor_pages(client):
    sign_in(client, UserFactory())
    reauthenticate(client)
    page = assert_portal_page(client.get("/accounts/2fa/totp/activate/"))
    secret = client.session["mfa.totp.secret"]
    assert re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="QR code', page)
    assert f'value="{secret}"' in page
    activate_totp(client)
    assert_portal_page(client.get("/accounts/2fa/recovery-codes/"))
    assert_portal_page(client.get("/accounts/2fa/totp/deactivate/"))


def test_invalid_sign_up_shows_the_error_summary_and_inline_errors(client):
    response = client.post(
        "/accounts/signup/", {"email": "not-an-email", "password1": "short", "password2": "other"}
    )
    page = assert_portal_page(response)
    summary = page[page.index('class="nhsuk-error-summary"') : page.index("<h1")]
    assert 'href="#id_email"' in summary
    assert 'class="nhsuk-form-group nhsuk-form-group--error"' in page
    assert 'id="id_email-error"' in page
    assert re.search(
        r'<input [^>]*class="nhsuk-input nhsuk-input--error" aria-describedby="id_email-error"'
        r'[^>]*id="id_email"',
        page,
    )
    assert 'value="not-an-email"' in page


def test_wrong_password_error_is_in_the_summary_and_above_the_form(client):
    user = UserFactory()
    page = assert_portal_page(
        client.post("/accounts/login/", {"login": user.email, "password": "wrong-guess"})
    )
    assert 'href="#form-errors"' in page
    assert 'id="form-errors"' in page
    assert "<title>Error: " in page


def test_header_offers_sign_in_when_signed_out(client):
    page = client.get("/").content.decode()
    header = page[page.index('class="nhsuk-header__account"') : page.index("</nav>")]
    assert 'href="/accounts/login/"' in header
    assert "Sign out" not in header


def test_header_shows_the_email_and_a_sign_out_button_that_posts(client):
    user = UserFactory()
    sign_in(client, user)
    page = client.get("/").content.decode()
    header = page[page.index('class="nhsuk-header__account"') : page.index("</nav>")]
    assert user.email in header
    assert 'action="/accounts/logout/" method="post"' in header
    assert "csrfmiddlewaretoken" in header

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_sign_out_by_get_only_asks_to_confirm(client):
    sign_in(client, UserFactory())
    page = assert_portal_page(client.get("/accounts/logout/"))
    assert "Are you sure you want to sign out?" in page
    assert client.get("/").wsgi_request.user.is_authenticated


def test_the_password_is_needed_again_before_two_factor_changes(client):
    sign_in(client, UserFactory())
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
