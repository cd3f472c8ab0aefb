""" "Your network" in a real browser, with and without JavaScript: items from every part of the
portal, acting on them from the page, downloading the data file; axe on the data-rights pages."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from training.models import Booking

from .helpers import PASSWORD, sign_in_in_browser
from .people import trainee_with_everything

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=["with JavaScript", "without JavaScript"])
def any_page(request):
    fixture = "page" if request.param == "with JavaScript" else "page_without_js"
    return request.getfixturevalue(fixture)


def test_your_network_shows_everything_and_its_actions_work(any_page):
    page = any_page
    user = trainee_with_everything()
    sign_in_in_browser(page, user)
    assert page.url.endswith("/your-network/"), "signing in leads to the trainee's own page"
    main = page.locator("main")
    expect(main.locator("h1")).to_have_text("Your network")
    for text in [
        "Member for 2026-27",
        "Application for 2026-27",
        "Accepted",
        "Certificate of attendance",
        "Welcoming new trainees 0",
        "Inclusive rotas",
        "Returning to training",
        "To Sam 0",
    ]:
        expect(main).to_contain_text(text)

    # Cancel an upcoming booking from the page.
    main.get_by_role("link", name=re.compile("^Cancel booking")).click()
    page.get_by_role("button", name="Yes, cancel my booking").click()
    expect(page.locator("main")).to_contain_text("Your booking is cancelled")
    assert Booking.objects.filter(user=user, status=Booking.Status.CANCELLED).count() == 1

    # Pause the volunteer profile from the page.
    page.goto("/your-network/")
    page.locator("main").get_by_role("button", name="Pause your profile").click()
    expect(page.locator("main")).to_contain_text("Your profile is paused")
    page.goto("/your-network/")
    expect(page.locator("main")).to_contain_text("Resume your profile")

    # Download everything as one file, after entering the password again.
    page.locator("main").get_by_role("link", name="Download everything we hold about you").click()
    page.locator("main").get_by_role("button", name="Download your data").click()
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.locator("main").get_by_label("Password").fill(PASSWORD)
    with page.expect_download() as download:
        page.locator("main").get_by_role("button", name="Confirm").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["email_addresses"] == [user.email]
    assert data["records"]["qi_projects.qiproject"]


def test_the_data_rights_pages_are_accessible(page, axe):
    sign_in_in_browser(page, trainee_with_everything())
    for path in ["/your-network/", "/your-network/data/", "/your-network/delete/"]:
        response = page.goto(path)
        assert response.status == 200
        assert page.locator("h1").count() == 1
        assert page.title().endswith(" - NW EDI Allyship Network"), page.title()
        axe(page)
