"""Closing the loop for the person who raised a concern: they are told what happened, in words
chosen for them, and a named person is emailed that there is an update (never what)."""

import copy
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from concerns import services as services_concerns
from concerns.models import Concern
from edi_portal.models import OutboundEmail

from .test_concern_handling import SECRET_TEXT, assert_no_content, raise_one, reader

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
            escalated_on=timezone.localdate(),
            consent="given",
            for_raiser=ESCALATION_WORDS,
            by=handler,
        )
    page = client.get(f"/concerns/follow-up/{token}/").content.decode()
    assert (
        ESCALATION_WORDS in page
        and f"A Freedom to Speak Up guardian, {timezone.localdate():%-d %B %Y}" in page
    )
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
        escalated_on=timezone.localdate(),
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
            escalated_on=timezone.localdate(),
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


# One submission, one case ------------------------------------------------------------------


def concern_form(client):
    """The form as a browser gets it: its one-time key and the CSRF cookie."""
    page = client.get("/concerns/").content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return {
        "csrfmiddlewaretoken": token,
        "submission_key": key,
        "recorded_as": "discrimination",
        "characteristic": "race",
        "setting": "placement",
        "details": SECRET_TEXT,
        "email": "trainee@nhs.net",
    }


def test_the_same_form_sent_twice_makes_one_concern_and_shows_the_same_link(
    django_capture_on_commit_callbacks,
):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    data = concern_form(first)
    # The same browser, whose first answer (with its session cookie) never arrived.
    second.cookies = copy.deepcopy(first.cookies)
    with django_capture_on_commit_callbacks(execute=True):
        assert first.post("/concerns/", data).status_code == 302
        assert second.post("/concerns/", data).status_code == 302
    concern = Concern.objects.get()
    links = [
        re.search(r"data-follow-up-link>([^<]+)<", c.get("/concerns/sent/").content.decode())[1]
        for c in (first, second)
    ]
    assert (
        links[0] == links[1]
        and services_concerns.concern_for_token(links[0].rsplit("/", 2)[-2]) == concern
    )
    assert OutboundEmail.objects.filter(to="trainee@nhs.net").count() == 1
    assert len([m for m in mail.outbox if m.to == ["trainee@nhs.net"]]) == 1


def test_a_new_form_makes_a_new_concern(client):
    client.post("/concerns/", concern_form(client))
    client.post("/concerns/", concern_form(client))
    assert Concern.objects.count() == 2


def test_the_same_form_sent_much_later_does_not_show_the_link_again(client, time_machine):
    data = concern_form(client)
    client.post("/concerns/", data)
    client.get("/concerns/sent/")
    time_machine.move_to(timezone.now() + timedelta(minutes=16))
    client.post("/concerns/", data)
    page = client.get("/concerns/sent/").content.decode()
    assert Concern.objects.count() == 1
    assert "data-follow-up-link" not in page and Concern.objects.get().reference in page


def test_a_reply_to_a_closed_concern_is_refused_kindly_with_a_route_to_a_new_one(client):
    handler = reader()
    concern, token = raise_one()
    services_concerns.change_status(
        concern=concern,
        status="closed",
        outcome="resolved",
        outcome_for_raiser=OUTCOME_WORDS,
        by=handler,
    )
    response = client.post(f"/concerns/follow-up/{token}/", {"text": "It happened again."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "this concern is now closed" in page and 'href="/concerns/"' in page
    assert not concern.messages.exists()
