"""Addresses people have bookmarked or been emailed stay where they were when code moves
between apps: each named page is at its old path, and the old admin addresses of models that
moved to an app of their own lead to their new ones."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import resolve, reverse

from tests.concerns.factories import ConcernFactory
from tests.factories import StaffFactory

# (URL name, arguments, the address it has always had)
ADDRESSES = [
    ("home", {}, "/"),
    ("network:join", {}, "/join/"),
    ("network:join_check", {}, "/join/check/"),
    ("network:status", {"token": "abc"}, "/join/status/abc/"),
    ("network:withdraw", {"token": "abc"}, "/join/status/abc/withdraw/"),
    ("concerns:concern", {}, "/concerns/"),
    ("concerns:concern_sent", {}, "/concerns/sent/"),
    ("concerns:concern_guidance", {}, "/concerns/guidance/"),
    ("concerns:concern_follow_up", {"token": "abc"}, "/concerns/follow-up/abc/"),
    ("concerns:concern_you_said_we_did", {}, "/concerns/you-said-we-did/"),
    ("accounts:your_network", {}, "/your-network/"),
    ("accounts:your_data", {}, "/your-network/data/"),
    ("accounts:delete_account", {}, "/your-network/delete/"),
]


@pytest.mark.parametrize(("name", "kwargs", "path"), ADDRESSES)
def test_each_page_keeps_its_address(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path
    assert resolve(path).view_name == name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/network/concern/", "/admin/concerns/concern/"),
        ("/admin/network/concern/?overdue=response", "/admin/concerns/concern/?overdue=response"),
        ("/admin/network/concern/{pk}/change/", "/admin/concerns/concern/{pk}/change/"),
        ("/admin/network/yousaidwedid/add/", "/admin/concerns/yousaidwedid/add/"),
        ("/admin/network/erasurerecord/", "/admin/accounts/erasurerecord/"),
        (
            "/admin/network/erasurerecord/subject-access/",
            "/admin/accounts/erasurerecord/subject-access/",
        ),
    ],
)
def test_old_admin_addresses_of_moved_models_lead_to_the_new_ones(client, settings, old, new):
    """A handler following the link in a concern email sent before the move reaches the page."""
    settings.ADMIN_REQUIRE_2FA = False
    staff = StaffFactory()
    staff.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "view_concern",
                "change_concern",
                "add_yousaidwedid",
                "view_erasurerecord",
                "answer_subject_access_request",
            ]
        )
    )
    client.force_login(staff)
    pk = ConcernFactory().pk
    response = client.get(old.format(pk=pk))
    assert response.status_code == 301
    assert response["Location"] == new.format(pk=pk)
    assert client.get(response["Location"]).status_code == 200


def test_the_moved_admin_pages_are_named_for_their_apps():
    assert reverse("admin:concerns_concern_changelist") == "/admin/concerns/concern/"
    assert reverse("admin:accounts_subject_access") == (
        "/admin/accounts/erasurerecord/subject-access/"
    )
