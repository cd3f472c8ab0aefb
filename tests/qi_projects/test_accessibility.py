"""The signed-in trainee's QI pages pass axe in Chromium (the public ones are in QI_PAGES)."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from qi_projects.models import Status
from tests.factories import UserFactory

from .factories import QIProjectFactory, pdf_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def trainee_page(page, live_server):
    """The `page` fixture, signed in as a verified trainee through a real session cookie."""
    trainee = UserFactory()
    client = Client()
    client.force_login(trainee)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.trainee = trainee
    return page


def check(page, axe, path):
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    assert page.locator("h1").count() == 1
    axe(page)


def test_submission_pages_have_no_axe_violations(trainee_page, axe):
    page = trainee_page
    project = QIProjectFactory(
        author=page.trainee, status=Status.CHANGES_REQUESTED, poster=pdf_upload()
    )
    project.events.create(action="changes-requested", message="Add your measures.")
    for path in [
        "/qi-projects/submit/",
        "/qi-projects/mine/",
        project.get_absolute_url(),
        f"/qi-projects/{project.slug}/edit/",
        f"/qi-projects/{project.slug}/submit/",
        f"/qi-projects/{project.slug}/withdraw/",
    ]:
        check(page, axe, path)


def test_the_form_with_errors_has_no_axe_violations(trainee_page, axe):
    page = trainee_page
    page.goto("/qi-projects/submit/")
    page.get_by_label("Project title").fill("<script>x</script>")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe(page)


def test_the_not_eligible_page_has_no_axe_violations(page, live_server, axe):
    client = Client()
    client.force_login(UserFactory(verified=False))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    response = page.goto("/qi-projects/submit/")
    assert response.status == 403
    axe(page)
