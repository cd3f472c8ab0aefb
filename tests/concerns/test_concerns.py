"""Raising a concern: stored, routed only to readers with the permission, emails with no
details, rate limited, bad input refused, deleted after the retention period."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from concerns import services as services_concerns
from concerns.models import Concern
from edi_portal.models import OutboundEmail
from tests.factories import StaffFactory, UserFactory

from .factories import ConcernFactory

pytestmark = pytest.mark.django_db

SECRET_TEXT = "The registrar on ward 7 mocked my accent in front of patients on Tuesday"


def view_concern_permission():
    return Permission.objects.get(content_type__app_label="concerns", codename="view_concern")


@pytest.fixture
def readers():
    """One reader with the permission directly, one through a group, and a staff member without."""
    direct = StaffFactory(email="dean@nhs.net")
    direct.user_permissions.add(view_concern_permission())
    group = Group.objects.create(name="Concern readers")
    group.permissions.add(view_concern_permission())
    via_group = StaffFactory(email="fellow@nhs.net")
    via_group.groups.add(group)
    StaffFactory(email="coordinator@nhs.net")  # staff, but may not read concerns
    UserFactory(email="inactive@nhs.net", is_active=False).user_permissions.add(
        view_concern_permission()
    )
    return direct, via_group


def post_concern(client, **data):
    payload = {
        "recorded_as": "discrimination",
        "characteristic": "race",
        "setting": "placement",
        "details": SECRET_TEXT,
        "email": "",
    }
    payload.update(data)
    return client.post("/concerns/", payload)


def test_the_page_explains_the_escalation_routes(client):
    html = client.get("/concerns/").content.decode()
    for route in ["Your employer", "The local office", "The network"]:
        assert route in html
    assert 'name="characteristic"' in html and 'value="other"' in html


def test_an_anonymous_concern_is_stored_and_readers_are_told_without_details(
    client, readers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_concern(client)
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.details == SECRET_TEXT and concern.email == ""
    sent = client.get(response["Location"]).content.decode()
    assert concern.reference in sent
    assert "you did not give an email address" in sent.lower()

    assert sorted(message.to[0] for message in mail.outbox) == ["dean@nhs.net", "fellow@nhs.net"]
    words = set(SECRET_TEXT.lower().split()) - {"on", "in", "of", "the", "my"}
    for email in OutboundEmail.objects.all():
        body = f"{email.subject}\n{email.text_body}\n{email.html_body}".lower()
        assert SECRET_TEXT.lower() not in body
        assert not {word for word in words if f" {word} " in f" {body} "}, body
    for message in mail.outbox:
        assert f"/admin/concerns/concern/{concern.pk}/change/" in message.body


def test_a_concern_with_an_email_gets_a_reference_and_an_acknowledgement(
    client, readers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_concern(
            client,
            characteristic="other",
            characteristic_other="Being a carer",
            email="trainee@nhs.net",
        )
    concern = Concern.objects.get()
    assert concern.characteristic_other == "Being a carer"
    acknowledgement = [m for m in mail.outbox if m.to == ["trainee@nhs.net"]]
    assert len(acknowledgement) == 1
    assert concern.reference in acknowledgement[0].subject
    assert SECRET_TEXT not in acknowledgement[0].body
    assert (
        "We have also emailed this link to you" in client.get(response["Location"]).content.decode()
    )


def test_with_no_readers_the_network_inbox_is_told(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services_concerns.raise_concern(
            characteristic="age", details=SECRET_TEXT, recorded_as="not-sure", setting="teaching"
        )
    assert [m.to for m in mail.outbox] == [[settings.NETWORK_CONTACT_EMAIL]]
    assert SECRET_TEXT not in mail.outbox[0].body


def test_the_sent_page_needs_a_concern_first(client):
    response = client.get("/concerns/sent/")
    assert response.status_code == 302 and response["Location"] == "/concerns/"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"details": "x" * 5001}, "What happened must be 5,000 characters or fewer"),
        ({"details": ""}, "Tell us what happened"),
        ({"characteristic": "star-sign"}, "Select what your concern is related to from the list"),
        ({"characteristic": ""}, "Select what your concern is related to"),
        ({"characteristic": "other"}, "Tell us what your concern is related to"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"email": "a@" + ".".join(["b" * 60] * 5) + ".nhs.net"}, "254 characters or fewer"),
        ({"details": "nul\x00byte"}, "Null characters are not allowed"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, readers, data, message):
    response = post_concern(client, **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html.replace("&#x27;", "'")
    assert "<script>alert" not in html
    assert not Concern.objects.exists()
    assert not OutboundEmail.objects.exists()


@pytest.mark.parametrize(
    "details",
    [
        "Waits < two weeks were promised",
        "He wrote <redacted> in my ARCP form",
        "<script>alert('x')</script> it happened",
    ],
)
def test_text_that_looks_like_markup_is_kept_as_typed_and_shown_escaped(client, details):
    response = post_concern(client, details=details)
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.details == details
    sent = client.get(response["Location"]).content.decode()
    follow_up = re.search(r"/concerns/follow-up/[\w-]+/", sent)[0]
    client.post(follow_up, {"text": details})
    page = client.get(follow_up).content.decode()
    assert escape(details) in page
    assert details not in page


def test_what_was_typed_is_kept_when_the_form_is_shown_again(client):
    html = post_concern(client, characteristic="").content.decode()
    assert SECRET_TEXT in html


def test_a_flood_from_one_address_is_refused(client, readers):
    for _ in range(5):
        assert post_concern(client).status_code == 302
    response = post_concern(client, details="One more concern")
    assert response.status_code == 429
    assert "too many times" in response.content.decode()
    assert Concern.objects.count() == 5
    assert not Concern.objects.filter(details="One more concern").exists()


def test_admin_without_the_permission_sees_no_concerns(client, readers, admin_without_two_factor):
    concern = ConcernFactory(details=SECRET_TEXT)
    client.force_login(StaffFactory(email="nosy@nhs.net"))
    index = client.get("/admin/")
    assert index.status_code == 200
    assert "/admin/concerns/concern/" not in index.content.decode()
    assert client.get("/admin/concerns/concern/").status_code == 403
    assert client.get(f"/admin/concerns/concern/{concern.pk}/change/").status_code == 403

    # change_concern alone is not enough to read them.
    nosy = StaffFactory(email="editor@nhs.net")
    nosy.user_permissions.add(Permission.objects.get(codename="change_concern"))
    client.force_login(nosy)
    assert client.get("/admin/concerns/concern/").status_code == 403


def test_readers_see_concerns_in_admin_directly_or_through_a_group(
    client, readers, admin_without_two_factor
):
    concern = ConcernFactory(details=SECRET_TEXT)
    for reader in readers:
        client.force_login(reader)
        assert "/admin/concerns/concern/" in client.get("/admin/").content.decode()
        listing = client.get("/admin/concerns/concern/").content.decode()
        assert concern.reference in listing
        detail = client.get(f"/admin/concerns/concern/{concern.pk}/change/")
        assert detail.status_code == 200
        assert SECRET_TEXT in detail.content.decode()
        assert client.get("/admin/concerns/concern/add/").status_code == 403


def test_concerns_past_the_retention_period_are_deleted(settings):
    settings.CONCERN_RETENTION_DAYS = 30
    old = ConcernFactory()
    Concern.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = ConcernFactory()
    from edi_portal.tasks import delete_expired_records

    assert delete_expired_records.delay().get()["Concerns, with their messages and history"] == 1
    assert list(Concern.objects.all()) == [recent]
    # Running it again changes nothing.
    assert delete_expired_records.delay().get()["Concerns, with their messages and history"] == 0


def test_the_retention_task_is_scheduled(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["delete-expired-records"]
    assert entry["task"] == "edi_portal.tasks.delete_expired_records"
