"""Signing up, verifying, signing in with an emailed code, and reaching the admin with 2FA."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import StaffFactory

from .helpers import PASSWORD, code_in, latest_email, link_in, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "asha.patel@nhs.net"


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_sign_up_verify_sign_out_and_sign_in_with_an_emailed_code(page):
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    expect(page.locator("h1")).to_have_text("Check your email")

    page.goto(link_in(latest_email(EMAIL), "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(EMAIL)

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".nhsuk-header__account")).to_contain_text(EMAIL)
    sign_out(page)

    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with a code sent by email").click()
    page.wait_for_url("**/accounts/login/code/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_role("button", name="Send code").click()
    page.wait_for_url("**/accounts/login/code/confirm/")
    page.get_by_label("Code").fill(code_in(latest_email(EMAIL)))
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".nhsuk-header__account")).to_contain_text(EMAIL)
    assert page.url.endswith("/your-network/")


def test_wrong_sign_in_shows_the_error_summary_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Create an account").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    summary.get_by_role("link").first.click()
    assert page.url.endswith("#id_email")
    expect(page.locator("#id_email-error")).to_be_visible()
    assert page.title() == "Error: Create an account - NW EDI Allyship Network"


def test_staff_member_signs_in_at_admin_sets_up_totp_and_the_admin_opens(page):
    staff = StaffFactory(is_superuser=True)
    page.goto("/admin/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()

    # allauth asks for the password again before two-factor settings change.
    expect(page.locator("h1")).to_have_text("Confirm it is you")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page.locator("h1")).to_have_text("Set up an authenticator app")
    qr = page.get_by_role("img", name="QR code for your authenticator app")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    assert qr.evaluate("img => img.naturalWidth") > 0, "the CSP let the QR code load"
    assert re.fullmatch(r"[A-Z2-7]{32}", page.get_by_label("Authenticator secret").input_value())

    page.goto("/admin/network/user/")
    assert "/accounts/2fa/totp/activate/" in page.url, "no admin page before two-factor is set up"

    # Each visit to the activation page shows a new secret: use the one on screen now.
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url(lambda url: "/totp/activate/" not in url)
    page.goto("/admin/")
    expect(page.locator("h1")).to_have_text("Site administration")
    page.goto("/admin/network/user/")
    expect(page.locator("#result_list")).to_contain_text(staff.email)
