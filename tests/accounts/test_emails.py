"""allauth's emails go through the outbox, with a text and an NHS-styled HTML body."""

import pytest
from django.conf import settings
from django.core import mail

from edi_portal.adapters import html_with_links
from edi_portal.models import OutboundEmail
from tests.factories import UserFactory

from .helpers import PASSWORD, code_in, latest_email, link_in

pytestmark = pytest.mark.django_db


def assert_both_bodies(email):
    assert email.text_body.strip()
    assert email.html_body.startswith("<!DOCTYPE html>") or "<html" in email.html_body
    assert "<p>" in email.html_body


def test_sign_up_sends_the_verification_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {"email": "new.trainee@nhs.net", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    email = latest_email("new.trainee@nhs.net")
    assert_both_bodies(email)
    path = link_in(email, "/accounts/confirm-email/")
    assert [message.to for message in mail.outbox] == [["new.trainee@nhs.net"]]
    html, mimetype = mail.outbox[0].alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{settings.SITE_URL}{path}"' in html
    assert path not in email.text_body + email.html_body, "the outbox's copy, once sent"


def test_sign_in_code_is_emailed(client):
    user = UserFactory()
    client.post("/accounts/login/code/", {"email": user.email})
    email = latest_email(user.email)
    assert_both_bodies(email)
    assert code_in(email) in email.html_body


def test_password_reset_link_is_emailed(client):
    user = UserFactory()
    client.post("/accounts/password/reset/", {"email": user.email})
    email = latest_email(user.email)
    assert_both_bodies(email)
    link_in(email, "/accounts/password/reset/key/")


def test_every_allauth_email_has_its_own_outbox_row(client):
    user = UserFactory()
    client.post("/accounts/login/code/", {"email": user.email})
    client.post("/accounts/password/reset/", {"email": user.email})
    assert OutboundEmail.objects.filter(to=user.email).count() == 2


@pytest.mark.parametrize(
    ("url", "data", "path"),
    [
        ("/accounts/password/reset/", {"email": "existing"}, "/accounts/password/reset/key/"),
        (
            "/accounts/signup/",
            {"email": "new.trainee@nhs.net", "password1": PASSWORD, "password2": PASSWORD},
            "/accounts/confirm-email/",
        ),
    ],
)
def test_links_in_account_emails_are_on_site_url_whatever_host_the_request_named(
    client, settings, url, data, path
):
    settings.SITE_URL = "https://portal.example.nhs.uk"
    if data["email"] == "existing":
        data = {"email": UserFactory().email}

    client.post(url, data, HTTP_HOST="localhost:6666")

    email = latest_email(data["email"])
    link = "https://portal.example.nhs.uk" + link_in(email, path)
    assert link in email.text_body
    assert f'<a href="{link}">' in email.html_body
    assert "6666" not in email.text_body + email.html_body


def test_only_the_portals_own_links_are_links_in_account_emails():
    html = html_with_links(
        "Hello <b>https://evil.example/x</b>\n\nReset: https://portal.example.nhs.uk/r/",
        ["https://portal.example.nhs.uk/r/"],
    )

    assert html.count("<a ") == 1
    assert '<a href="https://portal.example.nhs.uk/r/">' in html
    assert "&lt;b&gt;https://evil.example/x&lt;/b&gt;" in html
