"""allauth's rate limits, counted in the database cache (Redis is never needed for a request)."""

import pytest
from django.db import connection

from tests.factories import UserFactory

from .helpers import PASSWORD

pytestmark = pytest.mark.django_db


def cache_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_cache")
        return cursor.fetchone()[0]


def test_repeated_failed_sign_ins_are_refused_even_with_the_right_password(client, settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    user = UserFactory()
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": user.email, "password": "wrong-guess"})
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.content.decode()
    assert cache_rows() > 0

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in page
    assert 'class="nhsuk-error-summary"' in page
    assert not response.wsgi_request.user.is_authenticated


def test_too_many_sign_in_posts_from_one_address_get_the_429_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip"}
    for _ in range(3):
        client.post("/accounts/login/", {"login": "someone@nhs.net", "password": "wrong"})
    response = client.post("/accounts/login/", {"login": "someone@nhs.net", "password": "wrong"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "<h1>Too many attempts</h1>" in page
    assert "nhsuk-header" in page
