"""Closing the loop for the person who raised a concern: they are told what happened, in words
chosen for them, and a named person is emailed that there is an update (never what)."""

from datetime import date

import pytest
from django.core import mail

from concerns import services as services_concerns
from edi_portal.models import OutboundEmail

from .test_concern_handling import assert_no_content, raise_one, reader

pytestmark = pytest.mark.django_db

OUTCOME_WORDS = "Your employer has changed how handovers are run on the ward."
ESCALATION_WORDS = "We passed your concern to the guardian, without your name."


def updates_to(address):
    return OutboundEmail.objects.filter(to=address, template="concern_update")


def test_an_outcome_is_shown_in_words_for_the_raiser_and_they_are_emailed_once(
    client, django_capture_on_commit_callbacks
):
    handler = reader()
    concern, token = raise_one(email="trainee@nhs.net")
    services_concerns.add_note(concern=concern, text="Internal: spoke to the TPD", by=handler)
    with django_capture_on_commit_callbacks(execute=True):
        services_concerns.change_status(
            concern=concern,
            status="closed",
            outcome="resolved",
            outcome_for_raiser=OUTCOME_WORDS,
            by=handler,
        )
    page = client.get(f"/concerns/follow-up/{token}/").content.decode()
    assert OUTCOME_WORDS in page and "Resolved with the network" in page
    assert "Internal: spoke to the TPD" not in page
    assert "No messages yet" not in page and "We will reply here" not in page
    assert "This concern is closed" in page
    [update] = updates_to("trainee@nhs.net")
    assert_no_content(update)
    assert OUTCOME_WORDS not in update.text_body + update.html_body + update.subject
    [sent] = [message for message in mail.outbox if message.to == ["trainee@nhs.net"]]
    assert concern.reference in sent.subject and OUTCOME_WORDS not in sent.body


def test_an_escalation_is_shown_in_words_for_the_raiser_not_staff_details(
    client, django_capture_on_commit_callbacks
):
    handler = reader()
    concern, token = raise_one(email="trainee@nhs.net")
    with django_capture_on_commit_callbacks(execute=True):
        services_concerns.record_escalation(
            concern=concern,
            route="ftsu",
            route_detail="Dr Guardian at the trust",
            escalated_on=date(2026, 3, 2),
            consent="given",
            for_raiser=ESCALATION_WORDS,
            by=handler,
        )
    page = client.get(f"/concerns/follow-up/{token}/").content.decode()
    assert ESCALATION_WORDS in page and "A Freedom to Speak Up guardian, 2 March 2026" in page
    assert "Dr Guardian" not in page
    [update] = updates_to("trainee@nhs.net")
    assert ESCALATION_WORDS not in update.text_body + update.html_body
    assert_no_content(update)


def test_an_anonymous_raiser_sees_an_escalation_and_gets_no_email(client):
    handler = reader()
    concern, token = raise_one()
    services_concerns.record_escalation(
        concern=concern,
        route="employer",
        escalated_on=date(2026, 3, 2),
        consent="anonymous",
        for_raiser=ESCALATION_WORDS,
        by=handler,
    )
    assert ESCALATION_WORDS in client.get(f"/concerns/follow-up/{token}/").content.decode()
    assert not OutboundEmail.objects.filter(template="concern_update").exists()


def test_words_typed_as_html_are_shown_as_typed(client):
    handler = reader()
    concern, token = raise_one()
    services_concerns.change_status(
        concern=concern,
        status="closed",
        outcome="theme",
        outcome_for_raiser="<b>Thank you</b>",
        by=handler,
    )
    page = client.get(f"/concerns/follow-up/{token}/").content.decode()
    assert "&lt;b&gt;Thank you&lt;/b&gt;" in page and "<b>Thank you" not in page


def test_closing_or_escalating_without_words_for_the_raiser_is_refused():
    handler = reader()
    concern, _token = raise_one()
    with pytest.raises(services_concerns.WordsForRaiserRequired):
        services_concerns.change_status(
            concern=concern, status="closed", outcome="resolved", by=handler
        )
    with pytest.raises(services_concerns.WordsForRaiserRequired):
        services_concerns.record_escalation(
            concern=concern,
            route="employer",
            escalated_on=date(2026, 3, 2),
            consent="anonymous",
            for_raiser="  ",
            by=handler,
        )
    concern.refresh_from_db()
    assert concern.is_open and not concern.escalations.exists()


def test_the_admin_page_asks_for_words_for_the_raiser(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    handler = reader()
    client.force_login(handler)
    concern, token = raise_one()
    url = f"/admin/concerns/concern/{concern.pk}/change/"
    base = {
        "handler": "",
        "status": "closed",
        "outcome": "resolved",
        "reply": "",
        "note": "",
        "escalation_route": "",
        "escalation_detail": "",
        "escalated_on": "",
        "outcome_for_raiser": "",
    }
    refused = client.post(url, base)
    assert refused.status_code == 200
    assert "Write what to tell the person who raised it" in refused.content.decode()
    done = client.post(url, {**base, "outcome_for_raiser": OUTCOME_WORDS})
    assert done.status_code == 302
    assert OUTCOME_WORDS in client.get(f"/concerns/follow-up/{token}/").content.decode()
