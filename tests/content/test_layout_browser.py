"""In Chromium: NHS.UK's typeface on every kind of page, and help linked from every footer."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/about/", "/training/", "/join/", "/concerns/", "/search/?q=bystander"]
NHS_FONT_STACK = '"Frutiger W01", arial, sans-serif'
FOOTER_HELP = {
    "Raise a concern": "/concerns/",
    "Domestic abuse support": "/support/domestic-abuse/",
    "Resources": "/resources/",
    "Good practice": "/good-practice/",
}


def computed_font(page, selector):
    return page.locator(selector).first.evaluate("node => getComputedStyle(node).fontFamily")


@pytest.mark.parametrize("path", PAGES)
def test_body_text_and_headings_use_the_nhs_font_stack(page, seeded_transactional, path):
    page.goto(path)
    assert computed_font(page, "h1") == NHS_FONT_STACK
    assert computed_font(page, "main p") == NHS_FONT_STACK
    assert computed_font(page, "footer a") == NHS_FONT_STACK


@pytest.mark.parametrize("path", PAGES)
def test_the_footer_links_help_on_every_page(page, seeded_transactional, path):
    page.goto(path)
    footer = page.get_by_role("contentinfo")
    for text, href in FOOTER_HELP.items():
        link = footer.get_by_role("link", name=text, exact=True)
        assert link.get_attribute("href") == href
    # Waits for the navigation, not the address: on /concerns/ the link opens the same address.
    with page.expect_navigation(url="**/concerns/"):
        footer.get_by_role("link", name="Raise a concern", exact=True).click()
    assert page.locator("h1").inner_text()
