"""Who gets the directory: only signed-in users with a verified address on an allowed domain."""

import pytest
from django.core import mail

from peer_support.models import ContactRequest
from tests.factories import UserFactory

from .factories import MemberFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db

CONTACT = {"message": "Hello", "contact_method": "email", "contact_details": ""}


@pytest.fixture
def profile():
    # A name no page says otherwise: a random first name can be "Sam", as in "Samaritans".
    return VolunteerProfileFactory(display_name="Dr Chidi Eze")


def directory_paths(profile):
    return ["/peer-support/", f"/peer-support/{profile.pk}/"]


def test_anonymous_visitors_are_sent_to_sign_in(client, profile):
    for path in directory_paths(profile):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == f"/accounts/login/?next={path}"
    response = client.post(f"/peer-support/{profile.pk}/", CONTACT)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize(
    "user_factory",
    [
        pytest.param(lambda: UserFactory(verified=False), id="unverified-email"),
        pytest.param(lambda: UserFactory(email="someone@gmail.com"), id="domain-not-allowed"),
        pytest.param(lambda: UserFactory(email="someone@notnhs.net"), id="lookalike-domain"),
    ],
)
def test_users_without_a_verified_trainee_address_get_a_page_saying_who_can_use_it(
    client, profile, user_factory
):
    client.force_login(user_factory())
    for path in directory_paths(profile):
        response = client.get(path)
        assert response.status_code == 403
        content = response.content.decode()
        assert "Who can use the peer support directory" in content
        assert "nhs.net" in content
        assert profile.display_name not in content
    response = client.post(f"/peer-support/{profile.pk}/", CONTACT)
    assert response.status_code == 403
    assert not ContactRequest.objects.exists()
    assert not mail.outbox


def test_a_verified_trainee_on_a_subdomain_of_an_allowed_domain_gets_in(client, profile):
    client.force_login(UserFactory(email="a.trainee@mft.nhs.uk"))
    assert client.get("/peer-support/").status_code == 200


def test_volunteer_pages_need_a_signed_in_member(client):
    paths = [
        "/peer-support/volunteer/",
        "/peer-support/volunteer/create/",
        "/peer-support/volunteer/edit/",
        "/peer-support/volunteer/delete/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
    client.force_login(UserFactory())  # a verified trainee, but not a member
    for path in paths:
        response = client.get(path)
        assert response.status_code == 403
        assert "Only members of the network can volunteer" in response.content.decode()


def test_volunteer_actions_are_post_only(client):
    profile = VolunteerProfileFactory()
    client.force_login(profile.user)
    for action in ["pause", "resume", "renew"]:
        assert client.get(f"/peer-support/volunteer/{action}/").status_code == 405
    assert client.get(f"/peer-support/{profile.pk}/").status_code == 200


def test_member_without_a_profile_gets_404_for_actions_on_a_profile(client):
    client.force_login(MemberFactory())
    for path in ["/peer-support/volunteer/edit/", "/peer-support/volunteer/delete/"]:
        assert client.get(path).status_code == 404
    for action in ["pause", "resume", "renew", "delete"]:
        assert client.post(f"/peer-support/volunteer/{action}/").status_code == 404


def test_directory_pages_are_never_cached(client, profile):
    client.force_login(UserFactory())
    for path in directory_paths(profile):
        cache_control = client.get(path)["Cache-Control"]
        assert "no-store" in cache_control
        assert "private" in cache_control
