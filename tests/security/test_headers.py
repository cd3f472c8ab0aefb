"""Production responses carry HSTS, secure cookies, a strict CSP and the other security headers.

`make test` runs with DEBUG off and the production security settings, except the redirect to
HTTPS (the test client speaks HTTP); these tests switch it back on and request over HTTPS.
"""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    assert settings.DEBUG is False
    settings.SECURE_SSL_REDIRECT = True
    return settings


def directives(policy):
    parsed = {}
    for directive in policy.split(";"):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


def test_plain_http_is_redirected_to_https(production, client):
    response = client.get("/about/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/about/"


def test_health_check_answers_plain_http_for_load_balancers(production, client):
    assert client.get("/healthz").status_code == 200


def test_pages_carry_the_security_headers(production, client):
    response = client.get("/", secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_content_security_policy_forbids_inline_script(production, client):
    policy = directives(client.get("/", secure=True)["Content-Security-Policy"])

    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    for values in policy.values():
        assert "'unsafe-inline'" not in values
        assert "'unsafe-eval'" not in values


def test_session_and_csrf_cookies_are_secure(production, client):
    user = UserFactory()

    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": "correct-horse-battery"},
        secure=True,
    )

    assert response.status_code == 302
    session, csrf = response.cookies["sessionid"], response.cookies["csrftoken"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert csrf["secure"] is True
