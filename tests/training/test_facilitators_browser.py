"""A trainee facilitator in a real browser, JavaScript on and off, at 320 px: a network member
offers to co-facilitate a course, staff approve the offer and assign them to a session in
admin, the member sees the session with its joining details on "Your network" and is named on
its page, and after it sees the teaching record, whose feedback summary is hidden below the
minimum number of responses. axe runs on each new page (where JavaScript is on)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from edi_portal.models import OutboundEmail
from tests.accounts.helpers import sign_in_in_browser
from tests.factories import StaffFactory, give_authenticator
from tests.peer_support.factories import MemberFactory
from training.models import FacilitatorOffer, Session, SessionFacilitator

from .factories import BookingFactory, FeedbackFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scrolling(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} scrolls sideways: {width}px wide at 320px"


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_offer_approval_assignment_and_teaching_record(browser, live_server, axe, javascript):
    session = SessionFactory(online=True)
    member = MemberFactory()
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
        if javascript:  # axe and the width check run scripts in the page
            axe(page)
            no_sideways_scrolling(page)

    try:
        trainee, admin = new_page(), new_page()
        sign_in_in_browser(trainee, member)
        trainee.goto(session.get_absolute_url())
        trainee.get_by_role(
            "link", name=f"Offer to co-facilitate or co-write {session.course.name}"
        ).click()
        expect(trainee.locator("h1")).to_contain_text("Offer to help run this course")
        check(trainee)
        trainee.locator("input[name=role][value=co_facilitate]").check()
        trainee.locator("input[name=name]").fill("Dr Priya Shah")
        trainee.locator("textarea[name=statement]").fill("I ran bystander workshops as an FY2.")
        trainee.locator("input[name=may_be_named]").check()
        trainee.get_by_role("button", name="Send your offer").click()
        expect(trainee.locator("#facilitating")).to_be_visible()
        expect(trainee.locator("main")).to_contain_text("Waiting for a decision")
        offer = FacilitatorOffer.objects.get()

        sign_in_in_browser(admin, staff, totp_secret=secret)
        admin.goto("/admin/training/facilitatoroffer/")
        admin.locator(f"input[name=_selected_action][value='{offer.pk}']").check()
        admin.locator("select[name=action]").select_option("approve_offers")
        admin.locator("button[name=index]").click()
        expect(admin.locator("#content-main")).to_contain_text("1 person will be emailed.")
        admin.get_by_role("button", name="Yes, approve the selected offers").click()
        expect(admin.locator(".messagelist")).to_contain_text("1 offer approved.")
        admin.goto("/admin/training/sessionfacilitator/add/")
        admin.locator("select[name=offer]").select_option(str(offer.pk))
        admin.locator("select[name=session]").select_option(str(session.pk))
        admin.locator("input[name=_save]").click()
        expect(admin.locator(".messagelist")).to_contain_text("is assigned and has been emailed")
        assignment = SessionFacilitator.objects.get()
        assigned = OutboundEmail.objects.get(template="training/facilitator_assigned")
        assert "Join the session online" in assigned.text_body  # the link, removed once sent

        trainee.goto("/your-network/")
        expect(trainee.locator("main")).to_contain_text("Approved")
        expect(trainee.locator("main")).to_contain_text(f"Facilitating {session.course.name}")
        expect(trainee.get_by_role("link", name="join the session")).to_have_attribute(
            "href", session.joining_link
        )
        check(trainee)
        trainee.goto(session.get_absolute_url())
        expect(trainee.locator("main")).to_contain_text("Dr Priya Shah")

        # The session takes place; 7 attendees give feedback: too few to show.
        ended = timezone.now() - timedelta(hours=1)
        Session.objects.filter(pk=session.pk).update(
            starts_at=ended - timedelta(hours=3), ends_at=ended
        )
        for _ in range(7):
            FeedbackFactory(booking=BookingFactory(session=session))
        trainee.goto("/your-network/")
        trainee.get_by_role("link", name="Teaching record").click()
        expect(trainee.locator("h1")).to_contain_text("Teaching record")
        expect(trainee.locator("main")).to_contain_text("Co-facilitator")
        expect(trainee.locator("main")).to_contain_text("Fewer than 8 attendees gave feedback")
        expect(trainee.locator("table")).to_have_count(0)
        check(trainee)

        FeedbackFactory(booking=BookingFactory(session=session))
        trainee.reload()
        expect(trainee.locator("main")).to_contain_text("8 attendees gave anonymous feedback")
        expect(trainee.locator("table")).to_contain_text("The session was useful")
        check(trainee)
        assert trainee.url.endswith(assignment.get_absolute_url())
    finally:
        for context in contexts:
            context.close()
