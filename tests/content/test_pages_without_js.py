"""With JavaScript off, the pages whose content or layout changed with the network's own words
still show everything: their heading, their text and the footer's help links."""

import pytest
from playwright.sync_api import expect

from tests.accessibility.pages import ALL_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHANGED = [
    "home",
    "about: vision, mission and values",
    "about: structure",
    "about: roles",
    "workstreams",
    "workstream",
    "resources",
    "good practice",
    "good-practice item",
    "search results",
    "privacy notice",
    "accessibility statement",
    "training sessions",
    "training manage booking",
    "stories",
    "story",
]
PAGES = dict(ALL_PAGES)


def test_every_changed_page_is_in_the_accessibility_list():
    assert set(CHANGED) <= set(PAGES), set(CHANGED) - set(PAGES)


@pytest.mark.parametrize("name", CHANGED)
def test_the_page_reads_the_same_without_javascript(page_without_js, name):
    target = PAGES[name]
    response = page_without_js.goto(target() if callable(target) else target)
    assert response.status == 200
    assert page_without_js.locator("h1").count() == 1
    expect(page_without_js.locator("main p").first).to_be_visible()
    footer = page_without_js.get_by_role("contentinfo")
    for link in ["Raise a concern", "Domestic abuse support", "Resources", "Good practice"]:
        expect(footer.get_by_role("link", name=link, exact=True)).to_be_visible()
