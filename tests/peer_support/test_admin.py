"""The admin: approval queue with a bulk approve, topics, and requests with the message guarded."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from peer_support.models import Topic, VolunteerProfile
from tests.factories import StaffFactory, give_authenticator

from .factories import ContactRequestFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db


def admin_client(client, *permissions):
    """A staff user with two-factor authentication set up (the admin requires it)."""
    staff = StaffFactory()
    give_authenticator(staff)
    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label="peer_support", codename__in=permissions)
    )
    client.force_login(staff)
    return client


def test_approval_queue_filters_by_status(client):
    waiting = VolunteerProfileFactory(
        status=VolunteerProfile.Status.PENDING, display_name="Waiting"
    )
    VolunteerProfileFactory(display_name="Listed")
    client = admin_client(client, "view_volunteerprofile", "change_volunteerprofile")
    response = client.get("/admin/peer_support/volunteerprofile/?status__exact=pending")
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [waiting]


def test_bulk_approve_lists_the_profiles_and_emails_the_volunteers(
    client, django_capture_on_commit_callbacks
):
    first = VolunteerProfileFactory(status=VolunteerProfile.Status.PENDING)
    second = VolunteerProfileFactory(status=VolunteerProfile.Status.PENDING)
    client = admin_client(client, "view_volunteerprofile", "change_volunteerprofile")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/peer_support/volunteerprofile/",
            {"action": "approve", "_selected_action": [first.pk, second.pk], "confirmed": "yes"},
            follow=True,
        )
    assert "2 profile(s) approved and listed." in response.content.decode()
    assert set(VolunteerProfile.objects.listed()) == {first, second}
    assert {m.to[0] for m in mail.outbox} == {first.user.email, second.user.email}


def test_approving_needs_the_change_permission(client):
    profile = VolunteerProfileFactory(status=VolunteerProfile.Status.PENDING)
    client = admin_client(client, "view_volunteerprofile")
    client.post(
        "/admin/peer_support/volunteerprofile/",
        {"action": "approve", "_selected_action": [profile.pk], "confirmed": "yes"},
    )
    profile.refresh_from_db()
    assert profile.status == VolunteerProfile.Status.PENDING


def test_admin_without_two_factor_is_sent_to_set_it_up(client):
    client.force_login(StaffFactory(is_superuser=True))
    response = client.get("/admin/peer_support/volunteerprofile/")
    assert response.status_code == 302
    assert "/accounts/2fa/" in response.url


def test_topics_are_managed_in_admin(client):
    client = admin_client(client, "add_topic", "view_topic", "change_topic")
    response = client.post("/admin/peer_support/topic/add/", {"name": "Carers", "slug": "carers"})
    assert response.status_code == 302
    assert Topic.objects.filter(slug="carers").exists()


def test_requests_list_shows_who_and_when_but_not_the_message(client):
    request = ContactRequestFactory(message="A very private message")
    client = admin_client(client, "view_contactrequest")
    listing = client.get("/admin/peer_support/contactrequest/").content.decode()
    assert request.requester.email in listing
    assert request.profile.display_name in listing
    detail = client.get(f"/admin/peer_support/contactrequest/{request.pk}/change/")
    assert detail.status_code == 200
    assert "A very private message" not in detail.content.decode()


def test_requests_message_shows_with_the_permission(client):
    request = ContactRequestFactory(message="A very private message")
    client = admin_client(client, "view_contactrequest", "view_request_message")
    detail = client.get(f"/admin/peer_support/contactrequest/{request.pk}/change/")
    assert "A very private message" in detail.content.decode()
