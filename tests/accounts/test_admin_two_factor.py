"""Staff reach /admin/ only once they have set up two-factor authentication (TOTP)."""

import pytest
from allauth.mfa.models import Authenticator

from tests.factories import StaffFactory, UserFactory

from .helpers import activate_totp, sign_in

pytestmark = pytest.mark.django_db

ADMIN_PATHS = [
    "/admin/",
    "/admin/network/user/",
    "/admin/edi_portal/outboundemail/",
    "/admin/network/user/add/",
    "/admin/password_change/",
]


@pytest.fixture
def admin_user():
    return StaffFactory(is_superuser=True)


@pytest.mark.parametrize("path", ADMIN_PATHS)
def test_staff_without_two_factor_are_sent_to_set_it_up(client, admin_user, path):
    sign_in(client, admin_user)
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"
    page = client.get(response.url, follow=True)
    assert "Set up two-factor authentication to use the admin pages." in page.content.decode()


def test_staff_without_two_factor_cannot_post_to_the_admin(client, admin_user):
    sign_in(client, admin_user)
    response = client.post("/admin/network/user/add/", {"email": "someone@nhs.net"})
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"
    assert not admin_user._meta.model.objects.filter(email="someone@nhs.net").exists()


def test_after_setting_up_totp_the_admin_opens(client, admin_user):
    sign_in(client, admin_user)
    activate_totp(client)
    assert Authenticator.objects.filter(user=admin_user, type=Authenticator.Type.TOTP).exists()
    for path in ADMIN_PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Site administration" in client.get("/admin/").content.decode()


def test_admin_login_is_allauths_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response.url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_signed_in_non_staff_cannot_open_the_admin(client):
    user = UserFactory()
    sign_in(client, user)
    response = client.get("/admin/", follow=True)
    assert "Site administration" not in response.content.decode()


def test_setting_may_turn_two_factor_off_for_the_demo(client, admin_user, settings):
    settings.ADMIN_REQUIRE_2FA = False
    sign_in(client, admin_user)
    assert client.get("/admin/").status_code == 200
