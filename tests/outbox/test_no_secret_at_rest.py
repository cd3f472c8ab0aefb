"""No secret at rest in readable form: once an email has gone, the outbox's copy opens nothing,
and neither export (a trainee's own download, staff answering a subject access request) ever
holds a link that does, not even an unsent email's.

The guard test sends every kind of email the portal sends (tests/outbox/every_email.py finds the
kinds by walking the templates, so a new kind fails here until it is sent too), reads the outbox
and both exports for every recipient, collects every URL in them and requests each one signed
out and signed in as someone else: none may open a password reset, an email confirmation, a
booking, an application's status, a concern or a mentoring match. The links the people received
are requested too, and must open those pages: so the check knows each page it looks for.
"""

import html
import json
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import Resolver404, resolve

from edi_portal.models import OutboundEmail
from network.models import User
from tests.accounts.helpers import code_in, reauthenticate
from tests.factories import StaffFactory, UserFactory
from tests.reports.conftest import grant, with_two_factor

from .every_email import EMAIL_KINDS, REPLACED_LINKS, TRAINEE, send_every_email

pytestmark = pytest.mark.django_db

# The main heading of each page a private link opens (its end: a caption may come first). A page
# with one of these headings is a secret action, unless it says the link no longer works.
SECRET_PAGES = [
    "Change your password",
    "Confirm your email address",
    "Your application to join the network",
    "Your concern",
    "Your booking",
    "Tell us what you thought",
    "Your match",
    "How did it go?",
    "Withdraw your consent",
    "Your EDI training record",
]
LINK_NO_LONGER_WORKS = ["expired or is invalid", "Bad Token"]
# Route parameters that carry a secret: the portal's tokens, allauth's keys (not allauth's
# uidb36, an account's id).
SECRET_PARAMETERS = {"token", "key"}
URL = re.compile(r"https?://[^\s<>\"'()\[\]]+")
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)


def opens_secret_action(client, path):
    """The page `path` leads to (after redirects), if it is a secret action; else None."""
    response = client.get(path, follow=True)
    if response.status_code != 200:
        return None
    page = response.content.decode()
    if (h1 := H1.search(page)) is None:
        return None
    heading = " ".join(re.sub(r"<[^>]+>", " ", h1[1]).split())
    if any(heading.endswith(name) for name in SECRET_PAGES) and not any(
        words in page for words in LINK_NO_LONGER_WORKS
    ):
        return heading
    return None


def urls_in(text):
    """Every URL in a text or HTML (character references read, calendar lines unfolded), without
    trailing punctuation."""
    text = html.unescape(text.replace("\r\n ", "").replace("\r\n\t", ""))
    return {url.rstrip(".,;:!?") for url in URL.findall(text)}


def strings_in(value):
    """Every string anywhere in a JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def stored_texts():
    """Everything the outbox keeps of a sent email that could hold a link: its subject, bodies
    and attachments. (An unsent email keeps what it needs to be sent.)"""
    for email in OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT):
        yield from (email.subject, email.text_body, email.html_body)
        yield from (attachment["content"] for attachment in email.attachments)


def portal_path(url):
    """The path (and query) of a URL into the portal; None for a URL elsewhere."""
    return url.removeprefix(settings.SITE_URL) if url.startswith(settings.SITE_URL) else None


def secret_in(path):
    """The secret parts of a link into the portal (its token or key), or none."""
    try:
        match = resolve(path.split("?")[0])
    except Resolver404:
        return []
    return [value for name, value in match.kwargs.items() if name in SECRET_PARAMETERS]


def received(email):
    """What the person received for a sent outbox row: the message with its Message-ID."""
    [message] = [m for m in mail.outbox if m.extra_headers["Message-ID"] == email.message_id]
    texts = [message.body, *(content for content, _mimetype in message.alternatives)]
    return texts + [content for _name, content, _mimetype in message.attachments]


def test_no_stored_email_or_export_holds_a_link_that_opens_a_secret_action(
    django_capture_on_commit_callbacks,
):
    trainee_client = Client()
    trainee = UserFactory(email=TRAINEE, first_name="Amara", last_name="Okafor")
    trainee_client.force_login(trainee)
    reauthenticate(trainee_client)  # downloading their data asks for the password again
    with django_capture_on_commit_callbacks(execute=True):
        send_every_email(trainee, trainee_client)
    # One more reset link, still in the outbox (unsent): exports must not carry it either.
    Client().post("/accounts/password/reset/", {"email": TRAINEE})

    # Every kind went through the outbox, and every message sent came from an outbox row.
    sent = list(OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT))
    missing = EMAIL_KINDS - {email.template for email in sent}
    assert not missing, f"kinds of email never sent by every_email.py: {sorted(missing)}"
    assert sorted(m.extra_headers.get("Message-ID", "") for m in mail.outbox) == sorted(
        email.message_id for email in sent
    ), "a message was sent without going through the outbox"

    # The secrets the people were given: every token or key in their links, and sign-in codes.
    given = {}  # path: the row it came from
    for email in OutboundEmail.objects.all():
        texts = received(email) if email.status == OutboundEmail.Status.SENT else [email.text_body]
        for url in set().union(*map(urls_in, texts)):
            path = portal_path(url)
            if path and secret_in(path):
                given[path] = email
    secrets = {secret for path in given for secret in secret_in(path)}
    secrets |= {
        code_in(email)
        for email in OutboundEmail.objects.filter(template="account/email/login_code")
    }

    # Both exports, for everyone emailed.
    officer = Client()
    officer.force_login(
        with_two_factor(grant(StaffFactory(), "accounts.answer_subject_access_request"))
    )
    exports = []
    for address in set(OutboundEmail.objects.values_list("to", flat=True)):
        response = officer.post(
            "/admin/accounts/erasurerecord/subject-access/", {"email": address, "action": "export"}
        )
        assert response["Content-Type"] == "application/json", address
        exports.append(json.loads(response.content))
    own = trainee_client.post("/your-network/data/")
    assert own["Content-Type"] == "application/json"
    exports.append(json.loads(own.content))
    assert any(export["records"]["edi_portal.outboundemail"] for export in exports)

    texts = list(stored_texts()) + [text for export in exports for text in strings_in(export)]
    stranger = Client()
    stranger.force_login(UserFactory())
    opened = []
    for url in sorted(set().union(*map(urls_in, texts))):
        path = portal_path(url)
        for who, client in (("signed out", Client()), ("someone else", stranger)):
            if path is not None and (page := opens_secret_action(client, path)):
                opened.append(f"{url} opens {page!r} for {who}")
    assert not opened, "\n".join(opened)
    leaked = {secret for secret in secrets for text in texts if secret in text}
    assert not leaked, f"secrets kept readable: {sorted(leaked)}"

    # The check knows every page a link in these emails opens: each works for its recipient.
    for path, email in given.items():
        if path in REPLACED_LINKS:  # a newer link replaced it: it opens nothing for anyone
            assert Client().get(path).status_code == 404, path
            continue
        recipient = trainee_client if email.to == TRAINEE else Client()
        if email.to != TRAINEE and (account := User.objects.filter(email=email.to).first()):
            recipient.force_login(account)
        assert opens_secret_action(Client(), path) or opens_secret_action(recipient, path), (
            f"{email.template}: {path} opens no page in SECRET_PAGES for {email.to}"
        )
