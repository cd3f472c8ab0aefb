"""Declining, leaving and coming back, cancelled matches and a mentor's several mentees, in a
real browser with and without JavaScript, at 320 pixels wide (no sideways scrolling; axe with
JavaScript on)."""

import pytest
from playwright.sync_api import expect

from edi_portal.models import OutboundEmail
from mentoring import services
from mentoring.models import Match, SignUp
from tests.accounts.helpers import sign_in_in_browser
from tests.factories import StaffFactory, UserFactory, give_authenticator

from .factories import MentorFactory, ProgrammeFactory, SignUpFactory
from .test_browser import answers, link_in, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTH = 320


@pytest.fixture(params=[True, False], ids=["with JavaScript", "without"])
def narrow_page(request, browser, live_server, axe):
    """A page 320 pixels wide; check(page) asserts no sideways scrolling, and axe with JS on."""
    javascript = request.param
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=javascript,
        viewport={"width": WIDTH, "height": 800},
    )

    def check(page):
        if javascript:
            assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url
            axe(page)
        else:  # without JavaScript, the layout is measured in a page of its own
            measure = browser.new_context(base_url=live_server.url)
            other = measure.new_page()
            other.set_viewport_size({"width": WIDTH, "height": 800})
            other.context.add_cookies(context.cookies())
            other.goto(page.url)
            assert other.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url
            measure.close()

    page = context.new_page()
    page.set_default_timeout(10_000)
    page.check = check
    yield page
    context.close()


def test_decline_then_never_suggested_again_and_a_cancelled_match_emails_both(
    narrow_page, browser, live_server
):
    page = narrow_page
    programme = ProgrammeFactory(name="IMG mentoring")
    mentee = SignUpFactory(programme=programme, full_name="Dr Priya Shah")
    first = MentorFactory(programme=programme, full_name="Dr Sam Okoro", capacity=1)
    services.confirm_match(programme=programme, mentor_id=first.pk, mentee_id=mentee.pk)

    sign_in_in_browser(page, mentee.user)
    page.goto(link_in(mentee.email, "mentoring/introduction"))
    expect(page.locator("main")).to_contain_text("Waiting for you to accept or decline")
    page.check(page)
    page.get_by_role("link", name="Decline this match").click()
    expect(page.locator("h1")).to_have_text("Decline this match")
    page.check(page)
    page.locator("[name=reason]").fill("We work together; grade a<b")
    page.get_by_role("button", name="Decline this match").click()
    expect(page.locator("main")).to_contain_text("You have declined this match.")
    expect(page.locator("main")).to_contain_text("You declined this match")
    expect(page.locator("main")).not_to_contain_text("Waiting for you to accept")
    page.check(page)
    assert Match.objects.get().status == Match.Status.DECLINED
    assert services.suggestions(programme=programme) == []

    # Staff see the pair is not suggested again; another mentor is, and staff cancel it.
    staff = StaffFactory(is_superuser=True)
    secret = give_authenticator(staff)
    staff_context = browser.new_context(base_url=live_server.url)
    staff_page = staff_context.new_page()
    try:
        sign_in_in_browser(staff_page, staff, totp_secret=secret)
        staff_page.goto(f"/admin/mentoring/programme/{programme.pk}/matching/")
        expect(staff_page.locator("#content-main")).to_contain_text("No suggestion.")
        second = MentorFactory(programme=programme, full_name="Dr Ada Mensah")
        staff_page.reload()
        expect(staff_page.locator("select#mentee-" + str(mentee.pk))).to_have_value(str(second.pk))
        staff_page.get_by_role("button", name="Confirm the chosen pairs").click()
        expect(staff_page.locator(".messagelist")).to_contain_text("Confirmed 1 pair.")
        match = Match.objects.get(mentor=second)
        staff_page.goto("/admin/mentoring/match/")
        staff_page.locator(f"input[name=_selected_action][value='{match.pk}']").check()
        staff_page.locator("select[name=action]").select_option("cancel")
        staff_page.locator("button[name=index]").click()
        expect(staff_page.locator("#content")).to_contain_text("2 people will be emailed")
        staff_page.locator("input[type=submit][value^='Yes']").click()
        expect(staff_page.locator(".messagelist")).to_contain_text("Cancelled 1 match")
    finally:
        staff_context.close()
    told = OutboundEmail.objects.filter(template="mentoring/match_cancelled", about_id=match.pk)
    assert sorted(told.values_list("to", flat=True)) == sorted([mentee.email, second.email])
    assert all("We work together" not in email.text_body for email in OutboundEmail.objects.all())
    page.goto(match.get_url_for(mentee))
    expect(page.locator("main")).to_contain_text("This match will not go ahead")
    page.check(page)


def test_withdraw_and_sign_up_again(narrow_page):
    page = narrow_page
    programme = ProgrammeFactory(name="IMG mentoring")
    user = UserFactory()
    mentee = SignUpFactory(programme=programme, user=user, full_name="Dr Priya Shah")
    mentor = MentorFactory(programme=programme)
    services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)

    sign_in_in_browser(page, user)
    page.goto(programme.get_absolute_url())
    page.check(page)
    page.get_by_role("link", name="Leave this programme").click()
    expect(page.locator("h1")).to_have_text("Are you sure you want to leave this programme?")
    page.check(page)
    page.get_by_role("button", name="Leave this programme").click()
    expect(page.locator("main")).to_contain_text("You have left IMG mentoring")
    expect(page.locator("main")).to_contain_text("You left this programme on")
    page.check(page)
    assert Match.objects.get().status == Match.Status.CANCELLED
    assert OutboundEmail.objects.filter(template="mentoring/match_cancelled").count() == 2

    sign_up(page, programme, answers("mentee", "Dr Priya Shah", "registrar", "Trust A", "1"))
    assert SignUp.objects.filter(user=user).count() == 2
    assert SignUp.objects.filter(user=user).active().count() == 1
    # Signed up again, she is never suggested with the mentor whose match was cancelled.
    assert services.suggestions(programme=programme) == []


def test_a_mentor_with_two_mentees_sees_both(narrow_page):
    page = narrow_page
    programme = ProgrammeFactory(name="IMG buddy scheme", kind="buddy")
    mentor = MentorFactory(programme=programme, capacity=2, full_name="Dr Sam Okoro")
    for name in ("Dr Priya Shah", "Dr Ada Mensah"):
        mentee = SignUpFactory(programme=programme, full_name=name)
        match = services.confirm_match(
            programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk
        )
        for person in (mentor, mentee):
            services.accept_match(match_id=match.pk, sign_up_id=person.pk)
    sign_in_in_browser(page, mentor.user)
    page.goto("/your-network/")
    main = page.locator("main")
    expect(main).to_contain_text("Dr Priya Shah")
    expect(main).to_contain_text("Dr Ada Mensah")
    expect(main.get_by_role("link", name="See this match")).to_have_count(2)
    page.check(page)
    main.get_by_role("link", name="See this match").nth(1).click()
    page.wait_for_url("**/mentoring/match/**")  # "Your network" names both mentees too
    expect(page.locator("main")).to_contain_text("Dr Ada Mensah")


def test_a_mentee_chooses_a_mentor(narrow_page):
    page = narrow_page
    programme = ProgrammeFactory(name="IMG buddy scheme", kind="buddy", mentees_choose=True)
    mentee = SignUpFactory(programme=programme, topics=["exams"], full_name="Dr Priya Shah")
    MentorFactory(programme=programme, topics=["leadership"])
    best = MentorFactory(programme=programme, topics=["exams"], full_name="Dr Sam Okoro")
    sign_in_in_browser(page, mentee.user)
    page.goto(programme.get_absolute_url())
    page.get_by_role("link", name="Choose your buddy").click()
    expect(page.locator("h1")).to_have_text("Choose your buddy")
    expect(page.locator("main")).to_contain_text("Both want to talk about: Exams")
    expect(page.locator("main")).not_to_contain_text("Dr Sam Okoro")
    page.check(page)
    page.get_by_role("button", name="Choose this buddy").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select one")
    page.check(page)
    page.get_by_label("Buddy 1").check()
    page.get_by_role("button", name="Choose this buddy").click()
    expect(page.locator("main")).to_contain_text("We have asked your buddy to accept")
    expect(page.locator("main")).to_contain_text("Waiting for your buddy to accept")
    page.check(page)
    assert Match.objects.get().mentor == best
