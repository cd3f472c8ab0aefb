"""Opportunities in a real browser, JavaScript on and off, at 320 px: a trainee finds an
opportunity, expresses interest, staff shortlist them from admin with a message, and "Your
network" shows them shortlisted. axe runs on each page (where JavaScript is on)."""

import pytest
from playwright.sync_api import expect

from edi_portal.models import OutboundEmail
from opportunities.models import Interest
from tests.accounts.helpers import sign_in_in_browser
from tests.factories import StaffFactory, UserFactory, give_authenticator

from .factories import OpportunityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scrolling(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} scrolls sideways: {width}px wide at 320px"


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_a_trainee_expresses_interest_and_is_shortlisted(browser, live_server, axe, javascript):
    opportunity = OpportunityFactory(title="EDI Strategic Oversight Group: new members")
    user = UserFactory()
    staff = StaffFactory(is_superuser=True)
    secret = give_authenticator(staff)
    contexts = []

    def new_page():
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            viewport={"width": 320, "height": 800},
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    def check(page):
        if javascript:
            axe(page)
            no_sideways_scrolling(page)

    try:
        trainee, admin = new_page(), new_page()
        sign_in_in_browser(trainee, user)
        trainee.goto("/opportunities/")
        check(trainee)
        trainee.get_by_role("link", name=opportunity.title).click()
        expect(trainee.locator("h1")).to_contain_text(opportunity.title)
        check(trainee)
        trainee.get_by_role("link", name=f"Express interest in {opportunity.title}").click()
        expect(trainee.locator("h1")).to_contain_text("Express interest")
        check(trainee)
        trainee.get_by_role("button", name="Send").click()  # empty: errors, no 500
        expect(trainee.locator(".nhsuk-error-summary")).to_contain_text("Enter your name")
        check(trainee)
        trainee.locator("input[name=name]").fill("Dr Priya Shah")
        trainee.locator("textarea[name=statement]").fill("I chaired my trust's trainee forum.")
        trainee.get_by_role("button", name="Send").click()
        expect(trainee.locator("#opportunities")).to_be_visible()
        expect(trainee.locator("main")).to_contain_text("Received")
        interest = Interest.objects.get()

        sign_in_in_browser(admin, staff, totp_secret=secret)
        admin.goto("/admin/opportunities/interest/")
        admin.locator(f"input[name=_selected_action][value='{interest.pk}']").check()
        admin.locator("select[name=action]").select_option("shortlist")
        admin.locator("button[name=index]").click()
        expect(admin.locator("#content-main")).to_contain_text("1 person will be emailed.")
        admin.locator("textarea[name=message]").fill("We will invite you to talk in March.")
        admin.get_by_role(
            "button", name="Yes, shortlist the selected people and email them"
        ).click()
        expect(admin.locator(".messagelist")).to_contain_text("1 person shortlisted.")
        email = OutboundEmail.objects.get(template="opportunities/shortlisted")
        assert "We will invite you to talk in March." in email.text_body

        trainee.goto("/your-network/")
        expect(trainee.locator("#opportunities ~ table").first).to_contain_text("Shortlisted")
        check(trainee)
    finally:
        for context in contexts:
            context.close()
