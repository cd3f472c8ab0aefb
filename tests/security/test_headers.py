"""Production responses carry HSTS, secure cookies, a strict CSP and the other security headers.

`make test` runs with DEBUG off and the production security settings, except the redirect to
HTTPS (the test client speaks HTTP); these tests switch it back on and request over HTTPS.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from network import services as network_services
from tests.factories import UserFactory
from tests.network.factories import ApplicationFactory, CohortFactory
from tests.network.journey import ABOUT_YOU
from tests.training.factories import BookingFactory, SessionFactory

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


def test_every_response_carries_a_permissions_policy(client):
    for response in [client.get("/"), client.get("/no-such-page/")]:
        policy = dict(part.strip().split("=") for part in response["Permissions-Policy"].split(","))
        assert policy["camera"] == policy["microphone"] == policy["geolocation"] == "()"


def assert_not_stored(response):
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_pages_reached_by_a_signed_link_are_never_stored(client):
    application = ApplicationFactory()
    booking = BookingFactory(session=SessionFactory(starts_at=timezone.now() - timedelta(days=2)))
    paths = [
        network_services.status_url(application),
        booking.get_manage_url(),
        booking.get_feedback_url(),
    ]
    for path in paths:
        assert_not_stored(client.get(path))


def test_signed_in_pages_are_never_stored(client):
    client.force_login(UserFactory())
    for path in ["/", "/accounts/email/", "/qi-projects/mine/"]:
        assert_not_stored(client.get(path))


def test_an_application_in_progress_is_never_stored(client):
    CohortFactory()
    client.post("/join/about-you/", ABOUT_YOU)
    assert_not_stored(client.get("/join/about-you/"))


def test_public_pages_for_visitors_may_be_cached(client):
    response = client.get("/training/")
    assert "no-store" not in response.get("Cache-Control", "")
