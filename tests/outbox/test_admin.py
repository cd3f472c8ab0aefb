"""Admins see every email's metadata (never its subject or body), read-only, filter by status
and send chosen ones again."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from edi_portal.models import OutboundEmail
from tests.factories import StaffFactory
from tests.outbox.factories import OutboundEmailFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/edi_portal/outboundemail/"


@pytest.fixture
def admin_client(client):
    admin = StaffFactory(is_superuser=True)
    TOTP.activate(admin, generate_totp_secret())  # /admin/ opens only with two-factor set up
    client.force_login(admin)
    return client


def test_list_filters_by_status(admin_client):
    OutboundEmailFactory(to="waiting@nhs.net")
    OutboundEmailFactory(to="gone@nhs.net", status=OutboundEmail.Status.SENT)

    everything = admin_client.get(CHANGELIST)
    sent_only = admin_client.get(CHANGELIST, {"status__exact": "sent"})

    assert everything.status_code == 200
    assert b"waiting@nhs.net" in everything.content
    assert b"gone@nhs.net" in everything.content
    assert b"gone@nhs.net" in sent_only.content
    assert b"waiting@nhs.net" not in sent_only.content


def test_list_query_count_does_not_grow_with_emails(admin_client):
    def queries_for_list():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(CHANGELIST).status_code == 200
        return len(queries)

    OutboundEmailFactory.create_batch(2)
    few = queries_for_list()
    OutboundEmailFactory.create_batch(30)
    assert queries_for_list() == few


def test_emails_are_read_only(admin_client):
    email = OutboundEmailFactory(subject="Your booking")
    change_url = f"{CHANGELIST}{email.pk}/change/"

    page = admin_client.get(change_url)
    assert page.status_code == 200
    assert email.to.encode() in page.content
    assert b'name="_save"' not in page.content

    assert admin_client.post(change_url, {"subject": "Changed"}).status_code == 403
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403
    assert admin_client.post(f"{CHANGELIST}{email.pk}/delete/", {"post": "yes"}).status_code == 403
    email.refresh_from_db()
    assert email.subject == "Your booking"


def test_resend_action_sends_the_chosen_emails_again(
    admin_client, django_capture_on_commit_callbacks
):
    failed = OutboundEmailFactory(
        to="trainee@nhs.net", status=OutboundEmail.Status.FAILED, attempts=6, last_error="Boom"
    )
    OutboundEmailFactory(to="other@nhs.net", status=OutboundEmail.Status.FAILED)

    assert b'value="resend"' in admin_client.get(CHANGELIST).content
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST,
            {"action": "resend", "_selected_action": [failed.pk], "confirmed": "yes"},
            follow=True,
        )

    assert b"1 email(s) queued to send again." in response.content
    assert [message.to for message in mail.outbox] == [["trainee@nhs.net"]]
    failed.refresh_from_db()
    assert failed.status == OutboundEmail.Status.SENT
    assert failed.attempts == 1
    assert failed.last_error == ""


def test_resend_leaves_a_sent_email_alone_as_its_links_are_gone(
    admin_client, django_capture_on_commit_callbacks
):
    sent = OutboundEmailFactory(
        status=OutboundEmail.Status.SENT, attempts=1, text_body="Reset: [link removed]\n"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST, {"action": "resend", "_selected_action": [sent.pk]}, follow=True
        )

    page = response.content.decode()
    assert "0 email(s) queued to send again." in page
    assert "Emails already sent were not sent again. Their links were removed once sent." in page
    assert mail.outbox == []
    sent.refresh_from_db()
    assert sent.status == OutboundEmail.Status.SENT and sent.attempts == 1


def test_no_one_sees_a_subject_or_body_not_even_a_superuser(admin_client):
    admin_client.post("/accounts/password/reset/", {"email": StaffFactory().email})
    email = OutboundEmail.objects.get(template="account/email/password_reset_key")
    reset_path = re.search(r"/accounts/password/reset/key/\S+", email.text_body)[0]
    email.subject = "Your reset link is inside"
    email.save()

    pages = [
        admin_client.get(CHANGELIST).content.decode(),
        admin_client.get(f"{CHANGELIST}{email.pk}/change/").content.decode(),
    ]

    for page in pages:
        assert email.to in page
        assert "account/email/password_reset_key" in page
        assert reset_path not in page
        assert "Your reset link is inside" not in page
        assert "asked to reset the password" not in page
    searched = admin_client.get(CHANGELIST, {"q": "reset link"}).content.decode()
    assert "0 results" in searched  # subjects are not searchable either
