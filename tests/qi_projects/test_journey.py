"""The whole journey in Chromium: draft, poster, submit, changes requested, resubmit, publish.

The trainee signs in through /accounts/login/ with a password. The admin signs in the same way and
then enters a real TOTP code from an authenticator set up for them, so /admin/ opens for real.
"""

from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from edi_portal.models import OutboundEmail
from qi_projects.models import QIProject, Status
from tests.accounts.helpers import sign_in_in_browser
from tests.factories import UserFactory

from .factories import PDF_BYTES
from .helpers import make_moderator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_project(page, poster_path):
    page.get_by_label("Project title").fill("Buddy scheme for new international graduates")
    page.get_by_label("Team members").fill("Dr A Trainee (ST4)\nDr B Buddy (CT2)")
    page.get_by_label("Trust or organisation").fill("Example NHS Foundation Trust")
    page.get_by_label("Specialty").select_option("medicine")
    page.get_by_label("GMC Promoting Excellence theme").select_option("supporting-learners")
    page.get_by_label("EDI focus").select_option("img")
    page.get_by_label("Aim", exact=True).fill("Every new IMG has a buddy within a week.")
    page.get_by_label("Stage").select_option("in-progress")
    page.set_input_files('input[type="file"][name="poster"]', str(poster_path))


def run_admin_action(page, action_label, project_title, message=None):
    page.goto("/admin/qi_projects/submittedproject/")
    page.get_by_role("row", name=project_title).get_by_role("checkbox").check()
    page.select_option('select[name="action"]', label=action_label)
    page.get_by_role("button", name="Go").click()
    # Each of these actions emails the author, so admin asks first.
    expect(page.get_by_text("1 person will be emailed.")).to_be_visible()
    if message is not None:
        page.get_by_label("Message to the author").fill(message)
    page.get_by_role("button", name=f"Yes, {action_label.lower()}").click()
    page.wait_for_load_state()


def test_trainee_submits_admin_requests_changes_author_resubmits_admin_publishes(
    page, browser, live_server, tmp_path
):
    trainee = UserFactory()
    moderator, secret = make_moderator()
    poster = tmp_path / "our-poster.pdf"
    poster.write_bytes(PDF_BYTES)

    # The trainee saves a draft with a poster, then submits it.
    sign_in_in_browser(page, trainee)
    page.goto("/qi-projects/submit/")
    fill_project(page, poster)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your project is saved as a draft.")).to_be_visible()
    project = QIProject.objects.get()
    assert project.status == Status.DRAFT and project.poster
    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Your project is submitted for review")).to_be_visible()

    # The admin, signed in with two factors, asks for changes from the moderation queue.
    admin_context = browser.new_context(base_url=live_server.url)
    admin_page = admin_context.new_page()
    sign_in_in_browser(admin_page, moderator, totp_secret=secret)
    run_admin_action(
        admin_page,
        "Request changes on selected projects",
        project.title,
        message="Please add how you will measure success.",
    )
    expect(admin_page.get_by_text("1 project(s) sent back for changes.")).to_be_visible()

    # The author sees what to change, edits and resubmits.
    page.goto(f"/qi-projects/{project.slug}/")
    expect(page.get_by_text("Please add how you will measure success.")).to_be_visible()
    page.get_by_role("link", name="Change your project").click()
    page.get_by_label("Measures").fill("Share of new IMGs with a buddy by day 7.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Your project is submitted for review")).to_be_visible()

    # The admin publishes it.
    run_admin_action(admin_page, "Publish selected projects", project.title)
    expect(admin_page.get_by_text("1 project(s) published.")).to_be_visible()
    admin_context.close()

    # Anyone finds it in the gallery and downloads the poster.
    visitor = browser.new_context(base_url=live_server.url, accept_downloads=True)
    visitor_page = visitor.new_page()
    visitor_page.goto("/qi-projects/?edi_focus=img")
    visitor_page.get_by_role("link", name=project.title).click()
    expect(visitor_page.get_by_text("Share of new IMGs with a buddy by day 7.")).to_be_visible()
    with visitor_page.expect_download() as download:
        visitor_page.get_by_role("link", name="Download the poster or report (PDF)").click()
    assert download.value.suggested_filename == f"{project.slug}.pdf"
    assert Path(download.value.path()).read_bytes() == PDF_BYTES
    visitor.close()

    # One email per step, to the author.
    subjects = list(
        OutboundEmail.objects.filter(to=trainee.email)
        .order_by("pk")
        .values_list("subject", flat=True)
    )
    assert [subject.split(":")[0] for subject in subjects] == [
        "We have received your QI project",
        "Please update your QI project",
        "We have received your QI project",
        "Your QI project is published",
    ]
    assert len([m for m in mail.outbox if m.to == [trainee.email]]) == 4


def test_submission_and_gallery_work_with_javascript_off(page_without_js, tmp_path):
    page = page_without_js
    trainee = UserFactory()
    poster = tmp_path / "poster.pdf"
    poster.write_bytes(PDF_BYTES)
    sign_in_in_browser(page, trainee)
    page.goto("/qi-projects/submit/")
    fill_project(page, poster)
    page.get_by_label("Aim", exact=True).fill("")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert page.get_by_label("Project title").input_value().startswith("Buddy scheme")
    page.get_by_label("Aim", exact=True).fill("Every new IMG has a buddy within a week.")
    page.set_input_files('input[type="file"][name="poster"]', str(poster))
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Your project is submitted for review")).to_be_visible()
    assert QIProject.objects.get().status == Status.SUBMITTED
    page.goto("/qi-projects/")
    page.get_by_label("Stage").select_option("completed")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**stage=completed**")
    assert "stage=completed" in page.url
    expect(page.get_by_role("heading", name="0 projects")).to_be_visible()
