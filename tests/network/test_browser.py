"""The application and the admin triage in a real browser (Chromium via Playwright)."""

import re

import pytest
from playwright.sync_api import expect

from edi_portal.models import OutboundEmail
from network.models import Application, Membership
from tests.accounts.helpers import received_text, sign_in_in_browser
from tests.factories import StaffFactory, WorkstreamFactory, give_authenticator

from .factories import ApplicationFactory, CohortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "amara.okafor@nhs.net"


def no_axe(page):
    """Without JavaScript axe cannot run; the JS-on journey checks every page."""


def continue_(page):
    page.get_by_role("button", name="Continue").click()


def assert_error(page, message):
    # Retried until it holds: the page may still be the one before, with errors of its own.
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(message)
    assert message in page.locator(".nhsuk-error-message").all_inner_texts()[0] or any(
        message in text for text in page.locator(".nhsuk-error-message").all_inner_texts()
    )


def apply_and_withdraw(page, axe):
    CohortFactory()
    WorkstreamFactory(
        name="Peer Support Network",
        slug="peer-support-network",
        summary="Offer informal, confidential support to trainees facing similar experiences.",
    )
    WorkstreamFactory(name="QI Delivery Group", slug="qi-delivery-group")

    page.goto("/")
    page.get_by_role("link", name="Apply to join the network").click()
    page.wait_for_url("**/join/")
    axe(page)
    page.get_by_role("button", name="Start now").click()

    # About you: nothing, then a bad email, then good answers.
    page.wait_for_url("**/join/about-you/")
    continue_(page)
    assert_error(page, "Enter your full name")
    axe(page)
    page.get_by_label("Full name").fill("Amara Okafor")
    page.get_by_label("NHS email address").fill("not-an-email")
    continue_(page)
    assert_error(page, "Enter an email address in the correct format")
    assert page.get_by_label("Full name").input_value() == "Amara Okafor"
    page.get_by_label("NHS email address").fill(EMAIL)
    page.get_by_label("Pronouns (optional)").fill("she/her")
    continue_(page)

    # Your training.
    page.wait_for_url("**/join/your-training/")
    axe(page)
    page.get_by_role("radio", name="Medicine").check()
    page.get_by_role("radio", name="Specialty registrar (ST3 and above)").check()
    page.get_by_label("Specialty", exact=True).fill("Paediatrics")
    page.get_by_label("Employing trust or lead employer").fill("<b>Alder Hey</b>")
    continue_(page)
    assert_error(page, "Employing trust or lead employer must not include a web address")
    page.get_by_label("Employing trust or lead employer").fill(
        "Alder Hey Children's NHS Foundation Trust"
    )
    page.get_by_role("radio", name="Cheshire and Merseyside").check()
    continue_(page)

    # Workstreams and the Oversight Group.
    page.wait_for_url("**/join/workstreams/")
    axe(page)
    continue_(page)
    assert_error(page, "Select at least one workstream")
    page.get_by_role("checkbox", name=re.compile("^Peer Support Network")).check()
    page.get_by_role("radio", name="Yes").check()
    continue_(page)
    assert_error(page, "Tell us what you would bring to the Oversight Group")
    assert page.get_by_role("checkbox", name=re.compile("^Peer Support Network")).is_checked()
    page.get_by_label("If yes, tell us what you would bring to the group").fill(
        "I chair our trust's trainee forum."
    )
    continue_(page)

    # Why: over the word limit, then within it.
    page.wait_for_url("**/join/why/")
    axe(page)
    page.get_by_label("Why do you want to join the network?").fill("word " * 251)
    continue_(page)
    assert_error(page, "Your answer must be 250 words or fewer")
    page.get_by_label("Why do you want to join the network?").fill(
        "I want every trainee to feel they belong."
    )
    continue_(page)

    # Equality monitoring: a few answers.
    page.wait_for_url("**/join/equality/")
    axe(page)
    page.get_by_role("radio", name="Black, Black British, Caribbean or African: African").check()
    page.get_by_role("radio", name="30 to 34").check()
    continue_(page)

    # Check your answers, change one, send.
    page.wait_for_url("**/join/check/")
    axe(page)
    assert "Paediatrics" in page.locator("main").inner_text()
    page.get_by_role("link", name="Change Specialty").click()
    page.wait_for_url("**/join/your-training/?change=1*")
    assert page.get_by_label("Specialty", exact=True).input_value() == "Paediatrics"
    page.get_by_label("Specialty", exact=True).fill("Paediatric cardiology")
    continue_(page)
    page.wait_for_url("**/join/check/**")  # the browser keeps the change link's #fragment
    main = page.locator("main").inner_text()
    assert "Paediatric cardiology" in main
    assert "African" in main
    page.get_by_role("button", name="Accept and send").click()

    page.wait_for_url("**/join/submitted/**")
    axe(page)
    application = Application.objects.get()
    assert page.locator("#reference").inner_text() == application.reference
    assert application.specialty == "Paediatric cardiology"
    assert application.equality_monitoring.age_band == "30_34"

    # The acknowledgement is in the outbox, with the status link.
    acknowledgement = OutboundEmail.objects.get(
        to=EMAIL, idempotency_key=f"application-acknowledgement:{application.pk}"
    )
    assert application.reference in acknowledgement.subject
    status_path = re.search(r"(/join/status/[^/\s)]+/)", received_text(acknowledgement)).group(1)

    page.goto(status_path)
    axe(page)
    assert "Submitted" in page.locator("main").inner_text()
    page.get_by_role("button", name="Withdraw your application").click()
    page.wait_for_url("**/withdraw/**")
    axe(page)
    page.get_by_role("button", name="Withdraw my application").click()
    page.wait_for_url(f"**{status_path}")  # not **: the withdraw page's address starts with it
    assert "You have withdrawn your application" in page.locator("main").inner_text()
    assert "Withdrawn" in page.locator("main").inner_text()
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN


def test_apply_change_an_answer_send_and_withdraw(page, axe):
    apply_and_withdraw(page, axe)


def test_the_same_journey_without_javascript(page_without_js):
    apply_and_withdraw(page_without_js, no_axe)


def test_staff_accept_three_applications_in_one_bulk_action(page):
    staff = StaffFactory(is_superuser=True)
    secret = give_authenticator(staff)
    submitted = [ApplicationFactory(full_name=f"Applicant {n}") for n in range(4)]
    ApplicationFactory(status=Application.Status.IN_REVIEW, full_name="Already reviewing")

    sign_in_in_browser(page, staff, totp_secret=secret)
    page.goto("/admin/network/application/")
    page.locator("#changelist-filter").get_by_role("link", name="Submitted").click()
    page.wait_for_url("**status__exact=submitted*")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 4
    chosen = submitted[:3]
    for application in chosen:
        page.locator(f"input[name=_selected_action][value='{application.pk}']").check()
    page.select_option("select[name=action]", "accept")
    page.locator("button[name=index]").click()
    # Admin asks first, saying how many people will be emailed; nothing is sent yet.
    expect(page.locator("#content-main p").first).to_contain_text(
        "You chose 3 applications. 3 people will be emailed."
    )
    assert not OutboundEmail.objects.filter(idempotency_key__startswith="application-decision:")
    page.get_by_role("button", name="Yes, accept and email the applicants").click()
    assert "3 application(s) accepted" in page.locator(".messagelist").inner_text()

    decisions = OutboundEmail.objects.filter(idempotency_key__startswith="application-decision:")
    assert sorted(decisions.values_list("to", flat=True)) == sorted(a.email for a in chosen)
    assert Membership.objects.count() == 3
    page.goto(f"/admin/network/application/{chosen[0].pk}/change/")
    history = page.locator("#status_changes-group").inner_text()
    assert "Accepted" in history
    assert staff.email in history

    # Again, on the accepted ones: nothing more is sent.
    page.goto("/admin/network/application/?status__exact=accepted")
    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "accept")
    page.locator("button[name=index]").click()
    expect(page.locator("#content-main p").first).to_contain_text("Nobody will be emailed.")
    page.get_by_role("button", name="Yes, accept and email the applicants").click()
    assert "Nothing to change" in page.locator(".messagelist").inner_text()
    assert decisions.count() == 3
    assert Membership.objects.count() == 3
