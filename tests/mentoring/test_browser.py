"""The mentoring journey in a real browser, with and without JavaScript: a mentee and a mentor
sign up, staff confirm the suggested pair, both accept, a check-in reminder goes once and is
answered, the match ends and the mentee gives feedback and prints a certificate. axe runs on the
signed-in sign-up pages (the shared list visits pages signed out)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from edi_portal.models import OutboundEmail
from mentoring import services
from mentoring.models import CheckIn, Match, SignUp
from tests.accounts.helpers import received_text, sign_in_in_browser
from tests.factories import StaffFactory, UserFactory, give_authenticator

from .factories import ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"/mentoring/match/[^/\s)]+/(?:[a-z-]+/)?")


def link_in(email_to, template):
    email = OutboundEmail.objects.filter(to=email_to, template=template).get()
    return LINK.search(received_text(email)).group(0)


def sign_up(page, programme, answers, axe=None):
    page.goto(programme.get_absolute_url())
    page.get_by_role("link", name="Sign up to this programme").click()
    for field, value in answers:
        if field == "continue":
            if axe:
                axe(page)
            page.get_by_role("button", name="Continue").click()
        elif field == "specialty":
            page.locator("select[name=specialty]").select_option(value)
        elif field in ("full_name", "employer", "hopes"):
            page.locator(f"[name={field}]").fill(value)
        else:
            page.locator(f"input[name={field}][value='{value}']").check()
    expect(page.locator("h1")).to_have_text("Check your answers before signing up")
    if axe:
        axe(page)
    page.get_by_role("button", name="Sign up", exact=True).click()
    expect(page.locator("h1")).to_have_text("You have signed up")


def answers(role, name, grade, employer, capacity):
    return [
        ("role", role),
        ("full_name", name),
        ("grade", grade),
        ("specialty", "psychiatry"),
        ("area", "greater_manchester"),
        ("employer", employer),
        ("continue", None),
        ("topics", "img_transition"),
        ("topics", "exams"),
        ("continue", None),
        ("specialty_preference", "same"),
        ("area_preference", "any"),
        ("meeting_mode", "online"),
        ("capacity", capacity),
        ("continue", None),
        ("characteristics", "img"),
        ("continue", None),
    ]


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_sign_up_match_accept_check_in_and_feedback(browser, live_server, axe, javascript):
    programme = ProgrammeFactory(name="IMG mentoring", check_in_every_days=30)
    mentee, mentor = UserFactory(), UserFactory()
    staff = StaffFactory(is_superuser=True)
    secret = give_authenticator(staff)
    contexts = []

    def new_page():
        context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    try:
        mentee_page, mentor_page, staff_page = new_page(), new_page(), new_page()
        sign_in_in_browser(mentee_page, mentee)
        sign_up(
            mentee_page,
            programme,
            answers("mentee", "Dr Priya Shah", "registrar", "Trust A", "1"),
            axe=axe if javascript else None,
        )
        sign_in_in_browser(mentor_page, mentor)
        sign_up(mentor_page, programme, answers("mentor", "Dr Sam Okoro", "consultant", "", "2"))
        assert SignUp.objects.count() == 2

        sign_in_in_browser(staff_page, staff, totp_secret=secret)
        staff_page.goto(f"/admin/mentoring/programme/{programme.pk}/matching/")
        expect(staff_page.locator("#content-main")).to_contain_text(
            "Both want to talk about: Starting work in the NHS"
        )
        staff_page.get_by_role("button", name="Confirm the chosen pairs").click()
        expect(staff_page.locator(".messagelist")).to_contain_text("Confirmed 1 pair.")
        match = Match.objects.get()

        mentee_page.goto(link_in(mentee.email, "mentoring/introduction"))
        expect(mentee_page.locator("main")).not_to_contain_text("Dr Sam Okoro")
        mentee_page.get_by_role("button", name="Accept this match").click()
        expect(mentee_page.locator("main")).to_contain_text("Waiting for your mentor to accept")
        mentor_page.goto(link_in(mentor.email, "mentoring/introduction"))
        mentor_page.get_by_role("button", name="Accept this match").click()
        expect(mentor_page.locator("main")).to_contain_text("Dr Priya Shah")
        mentee_page.reload()
        expect(mentee_page.locator("main")).to_contain_text(mentor.email)

        CheckIn.objects.filter(match=match).update(due_on=timezone.localdate())
        assert services.send_check_in_reminders() == 2
        assert services.send_check_in_reminders() == 0
        mentee_page.goto(link_in(mentee.email, "mentoring/check_in_reminder"))
        mentee_page.locator("input[name=met][value=yes]").check()
        mentee_page.locator("input[name=rating][value='4']").check()
        mentee_page.locator("[name=note]").fill("We meet online every month.")
        mentee_page.get_by_role("button", name="Send").click()
        expect(mentee_page.locator("main")).to_contain_text("Thank you for checking in.")
        answered = CheckIn.objects.get(sign_up__user=mentee, answered_at__isnull=False)
        assert (answered.met, answered.rating) == (True, 4)

        services.end_matches(match_ids=[match.pk])
        mentee_page.goto(link_in(mentee.email, "mentoring/feedback_request"))
        mentee_page.locator("input[name=rating][value='5']").check()
        mentee_page.get_by_role("button", name="Send feedback").click()
        expect(mentee_page.locator("main")).to_contain_text("Thank you for your feedback.")
        mentee_page.get_by_role("link", name="Print your certificate of participation").click()
        expect(mentee_page.locator("main")).to_contain_text("Dr Priya Shah")
        expect(mentee_page.locator("h1")).to_have_text("Certificate of participation")
    finally:
        for context in contexts:
            context.close()
