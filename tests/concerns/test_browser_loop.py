"""In Chromium, with JavaScript on and off: the person who raised a concern is told what
happened, can replace a lost link, and one submission makes one case."""

import contextlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from concerns import services as services_concerns
from concerns.models import Concern
from tests.accessibility.pages import _closed_concern_follow_up_path

from .test_concern_handling import raise_one, reader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTCOME_WORDS = "Your employer has changed how handovers are run on the ward."
ESCALATION_WORDS = "We passed your concern to the guardian, without your name."


@pytest.fixture(params=[True, False], ids=["javascript on", "javascript off"])
def any_page(request):
    page = request.getfixturevalue("page" if request.param else "page_without_js")
    page.javascript_on = request.param
    return page


def check_layout(page, axe):
    """axe and the reflow check run scripts in the page: only where JavaScript is on."""
    if page.javascript_on:
        axe(page)
        no_sideways_scrolling_at_320px(page)


def no_sideways_scrolling_at_320px(page):
    """The document is exactly as wide as a 320px viewport: nothing makes it scroll sideways."""
    page.wait_for_load_state("load")  # the stylesheet applied, not only the heading in place
    page.set_viewport_size({"width": 320, "height": 800})
    # NHS.UK frontend's header fits its navigation to the new width a moment after a resize.
    with contextlib.suppress(PlaywrightTimeoutError):  # measured and reported below
        page.wait_for_function(
            "() => document.documentElement.scrollWidth <= 320", timeout=2000, polling=100
        )
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(WIDER_THAN_THE_VIEWPORT) if width != 320 else []
    assert width == 320, f"{page.url} scrolls sideways: {width}px wide at 320px: {wide}"


# The elements that reach past the viewport's right edge, to say what to fix.
WIDER_THAN_THE_VIEWPORT = """() => [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 5)
    .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.getBoundingClientRect().right}px`)"""


LINK = re.compile(r"https?://\S+(/concerns/follow-up/[^/\s]+/)")


def link_emailed_to(address, template_subject):
    """The follow-up path in the last email to `address` whose subject has these words."""
    [message] = [m for m in mail.outbox if m.to == [address] and template_subject in m.subject][-1:]
    return LINK.search(message.body)[1]


def test_a_raiser_sees_an_escalation_and_then_the_outcome(any_page, axe):
    handler = reader()
    concern, token = raise_one(email="trainee@nhs.net")
    services_concerns.record_escalation(
        concern=concern,
        route="ftsu",
        escalated_on=timezone.localdate(),
        consent="given",
        for_raiser=ESCALATION_WORDS,
        by=handler,
    )
    any_page.goto(services_concerns.follow_up_path(token))
    escalation = any_page.locator("[data-escalation]")
    assert ESCALATION_WORDS in escalation.inner_text()
    assert "A Freedom to Speak Up guardian" in escalation.inner_text()

    services_concerns.change_status(
        concern=concern,
        status="closed",
        outcome="escalated",
        outcome_for_raiser=OUTCOME_WORDS,
        by=handler,
    )
    any_page.reload()
    assert OUTCOME_WORDS in any_page.locator("[data-outcome-for-raiser]").inner_text()
    text = any_page.locator("main").inner_text()
    assert "No messages yet" not in text and "raise a new concern" in text
    assert any_page.get_by_role("button", name="Send your message").count() == 0
    check_layout(any_page, axe)


def test_a_double_submit_makes_one_case(any_page, axe):
    page = any_page
    page.goto("/concerns/")
    page.get_by_label("Undermining").check()
    page.get_by_label("Disability").check()
    page.get_by_label("Teaching").check()
    page.get_by_label("What happened?").fill("My adjustments were refused.")
    # The first click's POST, whose answer the browser never shows: the same form, sent as is.
    form = {
        name: page.locator(f'[name="{name}"]').first.input_value()
        for name in ["csrfmiddlewaretoken", "submission_key", "details"]
    }
    form.update(recorded_as="undermining", characteristic="disability", setting="teaching")
    first = page.request.post("/concerns/", form=form, max_redirects=0)
    assert first.status == 302
    page.get_by_role("button", name="Send your concern").click()
    page.get_by_role("heading", name="Concern sent").wait_for()
    concern = Concern.objects.get()
    link = page.locator("[data-follow-up-link]").inner_text()
    assert services_concerns.concern_for_token(link.rstrip("/").rsplit("/", 1)[-1]) == concern
    check_layout(page, axe)


def raise_through_the_form(page, email=""):
    page.goto("/concerns/")
    page.get_by_label("Undermining").check()
    page.get_by_label("Disability").check()
    page.get_by_label("Teaching").check()
    page.get_by_label("What happened?").fill("My adjustments were refused.")
    if email:
        page.get_by_label("Email address (optional)").fill(email)
    page.get_by_role("button", name="Send your concern").click()
    page.get_by_role("heading", name="Concern sent").wait_for()


def test_a_named_raiser_replaces_a_lost_link_and_the_old_one_stops(any_page, axe):
    page = any_page
    raise_through_the_form(page, email="trainee@nhs.net")
    concern = Concern.objects.get()
    old = link_emailed_to("trainee@nhs.net", "We have received your concern")
    assert page.locator("[data-follow-up-link]").inner_text().endswith(old)
    check_layout(page, axe)  # the sent page, with its private link, at 320px

    page.goto(old)
    page.get_by_role("link", name="ask for a new one").click()
    page.get_by_role("heading", name="Get a new private link").wait_for()
    check_layout(page, axe)
    page.get_by_label("Your reference or your email address").fill(concern.reference.lower())
    page.get_by_role("button", name="Email me a new link").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    check_layout(page, axe)

    new = link_emailed_to("trainee@nhs.net", "Your new private link")
    assert new != old
    assert page.goto(old).status == 404
    assert page.goto(new).status == 200
    page.get_by_role("heading", name="Your concern").wait_for()
    assert concern.reference in page.locator("main").inner_text()


def test_an_anonymous_raiser_is_told_before_sending(any_page, axe):
    page = any_page
    page.goto("/concerns/")
    warning = page.locator("[data-if-anonymous]").inner_text()
    assert "If you do not give an email address" in warning
    assert "nobody can recover it or send you a new one" in warning
    assert "We may escalate it" in warning and "without asking you" in warning
    check_layout(page, axe)
    raise_through_the_form(page)
    text = page.locator("main").inner_text()
    assert "cannot recover it if you lose it" in text
    assert "browser's history keeps this page and your private link" in text
    check_layout(page, axe)


def test_the_sent_page_warns_about_shared_computers_and_offers_to_print(any_page):
    page = any_page
    raise_through_the_form(page, email="trainee@nhs.net")
    shared = page.locator("[data-shared-computer]").inner_text()
    assert "If you are using a shared computer" in shared
    assert "The link is in the email we sent you" in shared
    assert "print this page" in page.locator("main").inner_text()
    button = page.get_by_role("button", name="Print this page")
    # The button only works with JavaScript, so only then is it there; its module may run
    # after the form's navigation has returned, so the check waits for it.
    if not page.javascript_on:
        assert not button.is_visible()
    else:
        expect(button).to_be_visible()
        page.evaluate("() => { window.printed = 0; window.print = () => window.printed++; }")
        button.click()
        assert page.evaluate("window.printed") == 1
        page.emulate_media(media="print")
        assert not button.is_visible() and not page.locator(".nhsuk-header").is_visible()
        expect(page.locator("[data-follow-up-link]")).to_be_visible()


def test_a_deleted_concerns_link_says_so(any_page, axe, settings):
    page = any_page
    settings.CONCERN_RETENTION_DAYS = 30
    concern, token = raise_one(email="trainee@nhs.net")
    Concern.objects.filter(pk=concern.pk).update(created_at=timezone.now() - timedelta(days=31))
    services_concerns.delete_expired_concerns()
    response = page.goto(services_concerns.follow_up_path(token))
    assert response.status == 410
    page.get_by_role("heading", name="This concern has been deleted").wait_for()
    page.get_by_role("link", name="raise a new concern").click()
    page.get_by_role("heading", name="Raise a concern", exact=True).wait_for()
    page.go_back()
    check_layout(page, axe)


def test_no_concern_page_scrolls_sideways_at_320px(page, axe, settings):
    """Every concern page, with the longest things people meet on them: a private link, long
    addresses in messages, outcomes and escalations."""
    long_url = "https://www.example.nhs.uk/" + "a-very-long-address-without-spaces-" * 20
    handler = reader()
    concern, token = raise_one(email="trainee@nhs.net")
    services_concerns.reply_to_raiser(concern=concern, text=f"Read {long_url}", by=handler)
    services_concerns.raiser_reply(concern=concern, text=f"I read {long_url} twice.")
    services_concerns.record_escalation(
        concern=concern,
        route="ftsu",
        escalated_on=timezone.localdate(),
        consent="given",
        for_raiser=f"We passed it to the guardian: {long_url}",
        by=handler,
    )
    settings.CONCERN_RETENTION_DAYS = 30
    gone, gone_token = raise_one()
    Concern.objects.filter(pk=gone.pk).update(created_at=timezone.now() - timedelta(days=31))
    services_concerns.delete_expired_concerns()
    paths = [
        "/concerns/",
        "/concerns/guidance/",
        "/concerns/you-said-we-did/",
        "/concerns/new-link/",
        "/concerns/new-link/sent/",
        services_concerns.follow_up_path(token),
        _closed_concern_follow_up_path(),
        services_concerns.follow_up_path(gone_token),
    ]
    page.set_viewport_size({"width": 320, "height": 800})
    for path in paths:
        page.goto(path)
        no_sideways_scrolling_at_320px(page)
    raise_through_the_form(page)  # the sent page, with its private link
    no_sideways_scrolling_at_320px(page)
    axe(page)
