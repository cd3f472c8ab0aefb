"""A lost private link: a named person gets a new one by email (asked for on the website, or
issued by staff from admin), the old one stops at once, and nobody learns from the form whether a
concern exists. After retention deletes a concern, its link says so (410) from a hash alone."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from concerns import services as services_concerns
from concerns.models import Concern, ConcernEvent, GoneFollowUpLink
from edi_portal.admin import CONFIRMED
from edi_portal.models import OutboundEmail

from .test_concern_handling import SECRET_TEXT, assert_no_content, raise_one, reader

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/concerns/follow-up/([^/\s]+)/")


def new_links_to(address):
    return OutboundEmail.objects.filter(to=address, template="concern_new_link")


def token_in(email):
    [token] = LINK.findall(email.text_body)
    return token


def ask(client, typed):
    return client.post("/concerns/new-link/", {"reference_or_email": typed}, follow=True)


@pytest.mark.parametrize(
    "typed",
    ["{reference}", " {lower} ", "{bare}", "Trainee@NHS.net"],
    ids=["reference", "reference in lower case", "reference without C-", "address"],
)
def test_a_named_raiser_gets_a_new_link_and_the_old_one_stops(client, typed):
    concern, old_token = raise_one(email="trainee@nhs.net")
    reference = concern.reference
    typed = typed.format(
        reference=reference, lower=reference.lower(), bare=reference.removeprefix("C-")
    )
    assert client.get(services_concerns.follow_up_path(old_token)).status_code == 200

    page = ask(client, typed)

    assert page.status_code == 200 and "Check your email" in page.content.decode()
    [email] = new_links_to("trainee@nhs.net")
    assert_no_content(email)
    assert reference in email.subject
    new_token = token_in(email)
    assert client.get(services_concerns.follow_up_path(old_token)).status_code == 404
    opened = client.get(services_concerns.follow_up_path(new_token))
    assert opened.status_code == 200 and reference in opened.content.decode()
    assert ConcernEvent.objects.filter(
        concern=concern, description__startswith="Private link replaced"
    ).exists()


def test_the_page_says_the_same_whether_or_not_a_case_matched(client, settings):
    settings.RATELIMIT_ENABLE = False
    named, _ = raise_one(email="trainee@nhs.net")
    anonymous, _ = raise_one()
    pages = {
        typed: " ".join(ask(Client(), typed).content.decode().split())
        for typed in [
            named.reference,
            anonymous.reference,
            "C-NOTHERE2",
            "nobody@nhs.net",
            "trainee@nhs.net",
            "not a reference at all",
        ]
    }
    # Only the CSRF token in the page differs; the words are the same.
    words = {re.sub(r'value="[^"]*"', "", page) for page in pages.values()}
    assert len(words) == 1
    assert new_links_to("trainee@nhs.net").count() == 2
    assert OutboundEmail.objects.filter(template="concern_new_link").count() == 2


def test_the_link_goes_only_to_the_address_on_the_case(client):
    concern, _ = raise_one(email="trainee@nhs.net")
    ask(client, f"{concern.reference} attacker@example.com")
    ask(client, "attacker@example.com")
    assert not OutboundEmail.objects.filter(to="attacker@example.com").exists()
    ask(client, concern.reference)
    assert set(
        OutboundEmail.objects.filter(template="concern_new_link").values_list("to", flat=True)
    ) == {"trainee@nhs.net"}


def test_an_anonymous_concern_keeps_its_link_and_the_service_refuses(client):
    concern, token = raise_one()
    ask(client, concern.reference)
    assert client.get(services_concerns.follow_up_path(token)).status_code == 200
    with pytest.raises(services_concerns.NoAddressForNewLink):
        services_concerns.replace_follow_up_link(concern=concern)
    assert not OutboundEmail.objects.filter(template="concern_new_link").exists()


def test_the_form_is_plain_and_says_so_about_anonymous_concerns(client):
    page = client.get("/concerns/new-link/").content.decode()
    assert "raised your concern anonymously, we cannot send you a new link" in page
    empty = client.post("/concerns/new-link/", {"reference_or_email": ""})
    assert empty.status_code == 200
    assert "Enter your reference or your email address" in empty.content.decode()


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(max_size=300))
def test_anything_typed_never_gives_a_500(client, settings, typed):
    settings.RATELIMIT_ENABLE = False
    response = client.post("/concerns/new-link/", {"reference_or_email": typed})
    assert response.status_code in (200, 302)


def test_a_resent_form_no_longer_shows_a_replaced_link(client):
    form = {
        "recorded_as": "undermining",
        "characteristic": "disability",
        "setting": "teaching",
        "details": SECRET_TEXT,
        "email": "trainee@nhs.net",
        "submission_key": "k" * 43,
    }
    client.post("/concerns/", form)
    client.get("/concerns/sent/")
    concern = Concern.objects.get()
    services_concerns.send_new_links(reference_or_email=concern.reference)
    again = Client()
    again.post("/concerns/", form)
    page = again.get("/concerns/sent/").content.decode()
    assert "data-follow-up-link" not in page and Concern.objects.count() == 1


def test_the_update_email_says_how_to_get_a_new_link():
    handler = reader()
    concern, _ = raise_one(email="trainee@nhs.net")
    services_concerns.reply_to_raiser(concern=concern, text="We are on it.", by=handler)
    [update] = OutboundEmail.objects.filter(template="concern_update")
    assert "/concerns/new-link/" in update.text_body


# Staff issue a new link from admin -----------------------------------------------------------


def test_staff_issue_a_new_link_from_admin_after_confirming(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    handler = reader()
    client.force_login(handler)
    named, old_token = raise_one(email="trainee@nhs.net")
    anonymous, anonymous_token = raise_one()
    chosen = {"action": "issue_new_link", "_selected_action": [named.pk, anonymous.pk]}

    asked = client.post("/admin/concerns/concern/", chosen)
    page = " ".join(asked.content.decode().split())
    assert asked.status_code == 200 and "1 person will be emailed" in page
    assert "old link stops working at once" in page
    assert not new_links_to("trainee@nhs.net").exists()

    done = client.post("/admin/concerns/concern/", {**chosen, CONFIRMED: "yes"}, follow=True)
    assert "New private links emailed for 1 concern" in done.content.decode()
    [email] = new_links_to("trainee@nhs.net")
    assert "has sent you a new private link" in email.text_body
    visitor = Client()
    assert visitor.get(services_concerns.follow_up_path(old_token)).status_code == 404
    assert visitor.get(services_concerns.follow_up_path(token_in(email))).status_code == 200
    assert visitor.get(services_concerns.follow_up_path(anonymous_token)).status_code == 200
    event = ConcernEvent.objects.get(concern=named, description__startswith="Private link")
    assert event.by == handler


# After retention ------------------------------------------------------------------------------


def test_a_deleted_concerns_link_says_it_was_deleted_and_keeps_only_a_hash(client, settings):
    settings.CONCERN_RETENTION_DAYS = 30
    concern, token = raise_one(email="trainee@nhs.net")
    Concern.objects.filter(pk=concern.pk).update(created_at=timezone.now() - timedelta(days=31))
    assert services_concerns.delete_expired_concerns() == 1

    [gone] = GoneFollowUpLink.objects.values()
    assert set(gone) == {"id", "token_hash", "deleted_on"}
    assert gone["token_hash"] == services_concerns.hash_token(token)
    assert gone["deleted_on"] == timezone.localdate()

    response = client.get(services_concerns.follow_up_path(token))
    page = " ".join(response.content.decode().split())
    assert response.status_code == 410
    assert "This concern has been deleted" in page and "raise a new concern" in page
    assert "30 days after it was raised" in page
    assert concern.reference not in page
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )
    # A deleted concern's link is not a guess: visiting it never counts against the limit.
    for _ in range(40):
        assert client.get(services_concerns.follow_up_path(token)).status_code == 410


def test_the_note_of_a_deleted_link_goes_after_its_own_time(client, settings):
    settings.CONCERN_RETENTION_DAYS = 30
    settings.CONCERN_GONE_LINK_RETENTION_DAYS = 10
    concern, token = raise_one()
    Concern.objects.filter(pk=concern.pk).update(created_at=timezone.now() - timedelta(days=31))
    services_concerns.delete_expired_concerns()
    assert services_concerns.delete_expired_gone_links() == 0
    later = timezone.now() + timedelta(days=11)
    assert services_concerns.delete_expired_gone_links(now=later) == 1
    assert client.get(services_concerns.follow_up_path(token)).status_code == 404


def test_the_privacy_notice_says_what_is_kept_of_a_deleted_concern(client, settings):
    settings.CONCERN_GONE_LINK_RETENTION_DAYS = 123
    notice = " ".join(client.get("/privacy/").content.decode().split())
    section = notice.split('<h3 id="raising-a-concern">')[1].split("<h3")[0]
    assert "only the scrambled form of its private link and the date we deleted it" in section
    assert "123 days" in section
