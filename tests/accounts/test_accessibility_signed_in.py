"""axe finds no violations on allauth's pages that need a sign-in or a sign-in in progress.

The shared list (tests/accessibility/pages.py) opens pages in a fresh browser, so the pages here
are reached the way a person reaches them: by signing in first.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import StaffFactory, UserFactory

from .helpers import PASSWORD, code_in, latest_email, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def check(axe):
    def check(page, path=None):
        if path:
            response = page.goto(path)
            assert response.status == 200, f"{path} answered {response.status}"
        # Retried until it holds: after a click, the next page may not have replaced this one yet.
        expect(page.locator("h1"), f"{page.url}: a page has exactly one h1").to_have_count(1)
        assert page.title().endswith(" - NW EDI Allyship Network"), page.title()
        axe(page)

    return check


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_signed_in_account_pages(page, check):
    sign_in(page, UserFactory())
    check(page, "/accounts/email/")
    check(page, "/accounts/password/change/")
    check(page, "/accounts/logout/")
    check(page, "/accounts/2fa/")
    check(page, "/accounts/reauthenticate/")


def test_the_training_record_on_your_network(page, check):
    from tests.training.pages import _past_booking
    from training.models import Booking

    user = UserFactory()
    _past_booking(email=user.email, user=user, attendance=Booking.Attendance.ATTENDED)
    sign_in(page, user)
    check(page, "/your-network/training-record/")
    assert "1" in page.locator(".nhsuk-summary-list").first.inner_text()


def test_two_factor_pages(page, check):
    staff = StaffFactory()
    sign_in(page, staff)
    page.goto("/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    check(page)  # the TOTP activation page, with its QR code

    page.get_by_label("Authenticator code").fill("000000")
    page.get_by_role("button", name="Activate").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    check(page)  # the activation page again, with an error message

    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url(lambda url: "/totp/activate/" not in url)
    check(page, "/accounts/2fa/recovery-codes/")
    check(page, "/accounts/2fa/totp/deactivate/")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    sign_in(page, staff)
    assert "/accounts/2fa/authenticate/" in page.url
    check(page)


def test_sign_in_code_confirmation_page(page, check):
    user = UserFactory()
    page.goto("/accounts/login/code/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_role("button", name="Send code").click()
    page.wait_for_url("**/accounts/login/code/confirm/")
    check(page)
    page.get_by_label("Code").fill("WRONG1")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    check(page)  # with the error summary
    page.get_by_label("Code").fill(code_in(latest_email(user.email)))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.locator(".nhsuk-header__account").inner_text().strip().startswith(user.email)


def test_sign_up_with_errors(page, check):
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_role("button", name="Create an account").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    check(page)
