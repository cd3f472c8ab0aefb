"""In Chromium: raising concerns, and who sees them in admin."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from concerns.models import Concern
from tests.factories import StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_concern(page, *, details, email=None):
    page.goto("/concerns/")
    page.get_by_label("Undermining").check()
    page.get_by_label("Disability").check()
    page.get_by_label("Teaching").check()
    page.get_by_label("What happened?").fill(details)
    if email:
        page.get_by_label("Email address (optional)").fill(email)
    page.get_by_role("button", name="Send your concern").click()
    page.get_by_role("heading", name="Concern sent").wait_for()


def test_raising_an_anonymous_concern(page, axe):
    fill_concern(page, details="My reasonable adjustments were refused twice.")
    concern = Concern.objects.get()
    assert concern.email == "" and concern.characteristic == "disability"
    assert concern.reference in page.content()
    assert "cannot recover it" in page.content()
    axe(page)


def test_raising_a_concern_with_an_email(page):
    fill_concern(page, details="My reasonable adjustments were refused.", email="trainee@nhs.net")
    concern = Concern.objects.get()
    assert concern.email == "trainee@nhs.net"
    assert "We have also emailed this link to you" in page.content()
    acknowledgements = [m for m in mail.outbox if m.to == ["trainee@nhs.net"]]
    assert len(acknowledgements) == 1 and concern.reference in acknowledgements[0].subject


def test_a_concern_with_a_mistake_shows_the_error_summary(page, axe):
    page.goto("/concerns/")
    page.get_by_label("What happened?").fill("Something happened.")
    page.get_by_role("button", name="Send your concern").click()
    summary = page.locator(".nhsuk-error-summary")
    summary.wait_for()
    assert "Select what your concern is related to" in summary.inner_text()
    assert page.get_by_label("What happened?").input_value() == "Something happened."
    assert not Concern.objects.exists()
    axe(page)


def test_an_admin_without_the_permission_sees_neither_concern(page, live_server, client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    fill_concern(page, details="Anonymous: my adjustments were refused.")
    fill_concern(page, details="With email: my adjustments were refused.", email="t@nhs.net")
    references = list(Concern.objects.values_list("reference", flat=True))
    assert len(references) == 2

    def admin_page_as(user, path):
        client.force_login(user)
        page.context.clear_cookies()
        page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        return page.goto(path)

    nosy = StaffFactory(email="nosy@nhs.net")
    admin_page_as(nosy, "/admin/")
    assert "Concerns" not in page.content()
    assert admin_page_as(nosy, "/admin/concerns/concern/").status == 403

    reader = StaffFactory(email="reader@nhs.net")
    reader.user_permissions.add(Permission.objects.get(codename="view_concern"))
    admin_page_as(reader, "/admin/concerns/concern/")
    for reference in references:
        assert reference in page.content()
