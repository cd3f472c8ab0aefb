"""In Chromium, with JavaScript on and off: a concern raised, its private link kept, the team
acknowledging and replying in admin, the person reading and answering, and the team closing it
with an outcome. A named person is emailed that there is an update, with nothing anyone wrote."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from concerns.models import Concern
from edi_portal.models import OutboundEmail
from tests.accounts.helpers import sign_in_in_browser
from tests.factories import StaffFactory, give_authenticator

from .test_browser import fill_concern

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DETAILS = "My consultant said my hijab was unprofessional during the ward round"
STAFF_REPLY = "Thank you. We would like to help you take this to your employer"
RAISER_REPLY = "Yes please, the ward round was on a Tuesday morning"


def no_axe(page):
    pass


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def javascript(request):
    return request.param


@pytest.fixture
def raiser_page(browser, live_server, javascript):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def staff_page(browser, live_server, javascript, settings):
    """A member of staff who handles concerns, signed in with two-factor authentication."""
    staff = StaffFactory(email="handler@nhs.net")
    staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="concerns", codename__in=["view_concern", "change_concern"]
        )
    )
    secret = give_authenticator(staff)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in_in_browser(page, staff, totp_secret=secret)
    yield page
    context.close()


def save_in_admin(page, concern, *, status, reply="", outcome=""):
    page.goto(f"/admin/concerns/concern/{concern.pk}/change/")
    assert DETAILS in page.locator("#content").inner_text()
    page.select_option("#id_status", status)
    if outcome:
        page.select_option("#id_outcome", outcome)
    if reply:
        page.locator("#id_reply").fill(reply)
    page.locator("input[name=_save]").click()
    page.locator(".messagelist").wait_for()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()


def walk(raiser_page, staff_page, axe, *, email=None):
    fill_concern(raiser_page, details=DETAILS, email=email)
    link = raiser_page.locator("[data-follow-up-link]").get_attribute("href")
    sent = raiser_page.locator("main").inner_text()
    if email:
        assert "We have also emailed this link to you" in sent
    else:
        assert "cannot recover it" in sent
    axe(raiser_page)
    concern = Concern.objects.get()
    assert concern.recorded_as == "undermining" and concern.setting == "teaching"

    # Staff acknowledge and reply in admin.
    save_in_admin(staff_page, concern, status="acknowledged", reply=STAFF_REPLY)

    # The person reads the reply through their link, and answers.
    raiser_page.goto(link)
    main = raiser_page.locator("main")
    assert STAFF_REPLY in main.inner_text()
    assert "Acknowledged" in main.inner_text()
    axe(raiser_page)
    raiser_page.get_by_label("Reply or add details").fill(RAISER_REPLY)
    raiser_page.get_by_role("button", name="Send your message").click()
    raiser_page.get_by_text("Your message has been sent to the team.").wait_for()
    assert RAISER_REPLY in main.inner_text()

    # Staff read the answer and close the concern with an outcome.
    staff_page.goto(f"/admin/concerns/concern/{concern.pk}/change/")
    assert RAISER_REPLY in staff_page.locator("#content").inner_text()
    save_in_admin(staff_page, concern, status="closed", outcome="signposted")
    raiser_page.goto(link)
    assert "Signposted to another route" in main.inner_text()
    assert "This concern is closed" in main.inner_text()
    timeline = staff_page.goto(f"/admin/concerns/concern/{concern.pk}/change/")
    assert timeline.status == 200
    history = staff_page.locator(".field-timeline").inner_text()
    for entry in ["Concern raised", "Reply sent", "Message from the person", "to Closed"]:
        assert entry in history
    assert "handler@nhs.net" in history
    return concern


def test_an_anonymous_concern_from_raising_to_closing(raiser_page, staff_page, javascript, axe):
    walk(raiser_page, staff_page, axe if javascript else no_axe)
    # Nobody can email an anonymous person: the only emails are to the handler.
    assert {email.to for email in OutboundEmail.objects.all()} == {"handler@nhs.net"}


def test_a_named_concern_with_update_emails_that_carry_no_content(
    raiser_page, staff_page, javascript, axe
):
    concern = walk(raiser_page, staff_page, axe if javascript else no_axe, email="me@nhs.net")
    to_raiser = OutboundEmail.objects.filter(to="me@nhs.net").order_by("created_at")
    assert [email.subject for email in to_raiser] == [
        f"We have received your concern (reference {concern.reference})",
        f"There is an update on your concern (reference {concern.reference})",
    ]
    sent = [message for message in mail.outbox if message.to == ["me@nhs.net"]]
    assert len(sent) == 2
    for email in OutboundEmail.objects.all():
        body = f"{email.subject}\n{email.text_body}\n{email.html_body}"
        for text in (DETAILS, STAFF_REPLY, RAISER_REPLY, "hijab", "ward round"):
            assert text not in body, (email.subject, text)
    for message in mail.outbox:
        assert DETAILS not in message.body and STAFF_REPLY not in message.body
