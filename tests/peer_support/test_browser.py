"""The peer support journey and pages in a real browser: signed in, with and without JavaScript.

The shared accessibility list (tests/accessibility/pages.py) visits pages without signing in,
and every peer support page needs a signed-in trainee or member, so axe runs here instead.
"""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from edi_portal.models import OutboundEmail
from peer_support.models import VolunteerProfile
from tests.accounts.helpers import sign_in_in_browser
from tests.factories import StaffFactory, UserFactory, give_authenticator

from .factories import ContactRequestFactory, MemberFactory, TopicFactory, VolunteerProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_quickly(page, live_server, user):
    """A session made by Django's test client, handed to the browser (for pages, not journeys)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def result_names(page):
    return page.locator(".nhsuk-card__link").all_inner_texts()


def approve_in_admin(page, display_name):
    """An admin with an authenticator app approves the profile from the approval queue."""
    staff = StaffFactory(is_superuser=True)
    secret = give_authenticator(staff)
    sign_in_in_browser(page, staff, totp_secret=secret)
    page.goto("/admin/peer_support/volunteerprofile/?status__exact=pending")
    row = page.locator("#result_list tbody tr", has_text=display_name)
    row.locator("input[name=_selected_action]").check()
    page.locator("select[name=action]").select_option("approve")
    page.locator("button[name=index]").click()
    expect(page.locator("#content-main")).to_contain_text("1 person will be emailed.")
    page.get_by_role("button", name="Yes, approve the selected profiles").click()
    expect(page.locator(".messagelist")).to_contain_text("1 profile(s) approved and listed.")


def test_volunteer_is_listed_after_approval_and_found_and_contacted(browser, live_server):
    topic = TopicFactory(
        name="International medical graduate", slug="international-medical-graduate"
    )
    TopicFactory(name="Parent or carer", slug="parent-or-carer")
    volunteer = MemberFactory()
    requester = UserFactory()
    contexts = []

    def new_page():
        """A separate browser (cookies and all) for each person."""
        context = browser.new_context(base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    try:
        run_journey(new_page, topic, volunteer, requester)
    finally:
        for context in contexts:
            context.close()


def run_journey(new_page, topic, volunteer, requester):

    # A member creates a profile, consenting to show one topic.
    page = new_page()
    sign_in_in_browser(page, volunteer)
    page.goto("/peer-support/volunteer/")
    page.get_by_role("button", name="Create your profile").click()
    page.get_by_label("Display name").fill("Amara")
    page.get_by_label("Grade").select_option("registrar")
    page.get_by_label("Specialty").select_option("paediatrics")
    page.get_by_label("Area of the North West").select_option("greater_manchester")
    page.get_by_label(
        "International medical graduate: I consent to showing this on my profile"
    ).check()
    page.get_by_label("Languages you speak").fill("English, Igbo")
    page.get_by_label("When you are usually available").fill("Weekday evenings")
    page.get_by_label("A short bio").fill("I trained in Lagos before moving to Manchester.")
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator("main")).to_contain_text("Waiting for approval")

    # Before approval, another trainee cannot find it, by topic or at all.
    finder = new_page()
    sign_in_in_browser(finder, requester)
    finder.goto("/peer-support/")
    finder.get_by_label("Topic").select_option(topic.slug)
    finder.get_by_role("button", name="Apply filters").click()
    finder.wait_for_url(f"**topic={topic.slug}**")
    assert result_names(finder) == []

    # An admin (with two-factor authentication) approves it in the approval queue.
    approve_in_admin(new_page(), "Amara")

    # The trainee finds it by topic and sends a request.
    finder.reload()
    assert result_names(finder) == ["Amara"]
    finder.get_by_role("link", name="Amara").click()
    finder.get_by_label("Your message").fill("I am new to the NHS and would like to talk.")
    finder.get_by_label("Email").check()
    finder.get_by_role("button", name="Send message").click()
    expect(finder.locator("main")).to_contain_text("Your message has been sent to Amara")
    assert volunteer.email not in finder.content()

    to_volunteer = OutboundEmail.objects.get(to=volunteer.email, subject__contains="would like")
    assert "I am new to the NHS and would like to talk." in to_volunteer.text_body
    assert requester.email in to_volunteer.text_body
    confirmation = OutboundEmail.objects.get(to=requester.email)
    assert volunteer.email not in confirmation.text_body + confirmation.html_body


def test_the_contact_form_and_profile_editing_work_without_javascript(page_without_js):
    page = page_without_js
    topic = TopicFactory(name="Neurodivergence", slug="neurodivergence")
    profile = VolunteerProfileFactory(display_name="Sam", topics=[topic])
    requester = UserFactory()
    sign_in_in_browser(page, requester)

    page.goto("/peer-support/?q=sam")
    page.get_by_role("link", name=re.compile("Sam")).click()
    page.get_by_role("button", name="Send message").click()
    expect(page.locator("main")).to_contain_text("There is a problem")
    page.get_by_label("Your message").fill("Hello Sam")
    page.get_by_label("Phone call").check()
    page.get_by_label(re.compile("Your phone number")).fill("07700 900123")
    page.get_by_role("button", name="Send message").click()
    expect(page.locator("main")).to_contain_text("Your message has been sent to Sam")
    assert profile.contact_requests.count() == 1

    page.context.clear_cookies()
    sign_in_in_browser(page, profile.user)
    page.goto("/peer-support/volunteer/edit/")
    page.get_by_label("A short bio").fill("New <b>bio</b>")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("main")).to_contain_text("Use plain text only")
    page.get_by_label("A short bio").fill("A new bio")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("main")).to_contain_text("once an admin approves them")
    page.get_by_role("button", name="Pause your profile").click()
    expect(page.locator("main")).to_contain_text("Your profile is paused")
    page.goto("/peer-support/volunteer/delete/")
    page.get_by_role("button", name="Delete your profile").click()
    expect(page.locator("main")).to_contain_text(
        "Your volunteer profile and its contact requests are deleted"
    )
    assert not VolunteerProfile.objects.exists()


def axe_pages():
    """(name, who signs in, path) for every peer support page, in its states worth checking."""
    return [
        ("directory", "trainee", "/peer-support/"),
        (
            "directory filtered",
            "trainee",
            "/peer-support/?topic=neurodivergence&area=greater_manchester",
        ),
        ("directory bad filter", "trainee", "/peer-support/?topic=nope"),
        ("directory page 2", "trainee", "/peer-support/?page=2"),
        ("profile", "trainee", "/peer-support/{profile}/"),
        ("profile not taking requests", "trainee", "/peer-support/{full}/"),
        ("not allowed", "outsider", "/peer-support/"),
        ("volunteer start", "member", "/peer-support/volunteer/"),
        ("volunteer create", "member", "/peer-support/volunteer/create/"),
        ("members only", "trainee", "/peer-support/volunteer/"),
        ("volunteer home", "volunteer", "/peer-support/volunteer/"),
        ("volunteer edit", "volunteer", "/peer-support/volunteer/edit/"),
        ("volunteer delete", "volunteer", "/peer-support/volunteer/delete/"),
    ]


@pytest.mark.parametrize(("name", "who", "path"), axe_pages(), ids=[p[0] for p in axe_pages()])
def test_peer_support_pages_pass_axe(page, live_server, axe, name, who, path):
    topic = TopicFactory(name="Neurodivergence", slug="neurodivergence")
    if "page=2" in path:
        VolunteerProfileFactory.create_batch(21, topics=[topic])
    profile = VolunteerProfileFactory(display_name="Sam", topics=[topic])
    full = VolunteerProfileFactory(display_name="Full", monthly_request_limit=1)
    ContactRequestFactory(profile=full)
    users = {
        "trainee": UserFactory(),
        "outsider": UserFactory(email="someone@example.com"),
        "member": MemberFactory(),
        "volunteer": profile.user,
    }
    sign_in_quickly(page, live_server, users[who])
    response = page.goto(path.format(profile=profile.pk, full=full.pk))
    assert response.status in {200, 403}
    assert page.locator("h1").count() == 1
    axe(page)


@pytest.mark.parametrize(
    ("name", "path", "button"),
    [
        ("contact form errors", "/peer-support/{profile}/", "Send message"),
        ("profile form errors", "/peer-support/volunteer/create/", "Send for approval"),
    ],
)
def test_pages_with_errors_pass_axe(page, live_server, axe, name, path, button):
    profile = VolunteerProfileFactory(display_name="Sam")
    TopicFactory()
    sign_in_quickly(page, live_server, MemberFactory())
    page.goto(path.format(profile=profile.pk))
    page.get_by_role("button", name=button).click()
    expect(page.locator("main")).to_contain_text("There is a problem")
    axe(page)
