"""Trainees' pages: new draft, edit, submit, withdraw, and the bad input each refuses."""

import pytest
from django.core import mail
from django.utils.html import escape

from edi_portal.models import OutboundEmail
from qi_projects import services
from qi_projects.models import QIProject, Status
from tests.factories import StaffFactory, UserFactory

from .factories import PDF_BYTES, PublishedProjectFactory, QIProjectFactory, pdf_upload
from .helpers import project_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee(client):
    user = UserFactory()
    client.force_login(user)
    return user


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_signed_out_visitors_are_asked_to_sign_in(client):
    response = client.get("/qi-projects/submit/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_user_without_a_verified_nhs_address_is_told_how_to_qualify(client):
    client.force_login(UserFactory(verified=False))
    response = client.get("/qi-projects/submit/")
    assert response.status_code == 403
    assert b"confirmed NHS email address" in response.content
    client.force_login(UserFactory(email="someone@example.com"))
    assert client.get("/qi-projects/mine/").status_code == 403


def test_a_trainee_saves_a_draft_with_a_poster_stored_under_a_random_name(
    client, trainee, settings
):
    response = client.post(
        "/qi-projects/submit/",
        {**project_form_data(), "poster": pdf_upload("My poster.pdf")},
    )
    project = QIProject.objects.get()
    assert response.status_code == 302
    assert response.url == f"/qi-projects/{project.slug}/"
    assert project.status == Status.DRAFT
    assert project.author == trainee
    assert project.slug == "welcome-packs-for-new-trainees"
    assert project.poster.name.startswith("qi-posters/")
    assert "poster" not in project.poster.name.lower().removeprefix("qi-posters/")
    [stored] = stored_files(settings)
    assert stored.read_bytes() == PDF_BYTES
    assert "static" not in str(stored)
    assert not mail.outbox, "saving a draft sends no email"
    page = client.get(response.url)
    assert b"Not published" in page.content


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"poster": pdf_upload("notes.pdf", b"Just some text, not a PDF")}, "must be a PDF"),
        ({"poster": pdf_upload("evil.pdf", b"<html><script>alert(1)</script>")}, "must be a PDF"),
        ({"poster": pdf_upload("big.pdf", PDF_BYTES + b"0" * 2000)}, "must be smaller than"),
        (
            {"poster": pdf_upload(), "attachment": pdf_upload("second.pdf")},
            "Upload one file only",
        ),
        ({"poster": [pdf_upload(), pdf_upload("other.pdf")]}, "Upload one file only"),
    ],
    ids=["renamed-text", "renamed-html", "over-limit", "smuggled-field", "two-in-one-field"],
)
def test_bad_uploads_are_refused_with_a_message_and_nothing_is_stored(
    client, trainee, settings, files, message
):
    settings.UPLOAD_MAX_BYTES = 1024
    response = client.post("/qi-projects/submit/", {**project_form_data(), **files})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert b"There is a problem" in response.content
    assert not QIProject.objects.exists()
    assert stored_files(settings) == []


def test_a_bad_upload_on_edit_keeps_the_old_poster(client, trainee, settings):
    client.post("/qi-projects/submit/", {**project_form_data(), "poster": pdf_upload()})
    project = QIProject.objects.get()
    response = client.post(
        f"/qi-projects/{project.slug}/edit/",
        {**project_form_data(title="Changed"), "poster": pdf_upload("x.pdf", b"GIF89a")},
    )
    assert b"must be a PDF" in response.content
    project.refresh_from_db()
    assert project.title == "Welcome packs for new trainees"
    assert len(stored_files(settings)) == 1


def test_the_edit_page_links_the_poster_only_through_the_poster_view(client, trainee):
    client.post("/qi-projects/submit/", {**project_form_data(), "poster": pdf_upload()})
    project = QIProject.objects.get()
    content = client.get(f"/qi-projects/{project.slug}/edit/").content.decode()
    assert f"/qi-projects/{project.slug}/poster/" in content
    assert "qi-posters/" not in content
    client.post(f"/qi-projects/{project.slug}/edit/", project_form_data(results="Done"))
    project.refresh_from_db()
    assert project.results == "Done"
    assert project.poster, "saving without a new file keeps the poster"
    client.post(f"/qi-projects/{project.slug}/edit/", project_form_data(remove_poster="on"))
    project.refresh_from_db()
    assert not project.poster


def test_replacing_a_poster_deletes_the_old_file(
    client, trainee, settings, django_capture_on_commit_callbacks
):
    client.post("/qi-projects/submit/", {**project_form_data(), "poster": pdf_upload()})
    project = QIProject.objects.get()
    old = project.poster.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/qi-projects/{project.slug}/edit/",
            {**project_form_data(), "poster": pdf_upload("new.pdf", PDF_BYTES + b"% new\n")},
        )
    project.refresh_from_db()
    assert project.poster.name != old
    assert [path.read_bytes() for path in stored_files(settings)] == [PDF_BYTES + b"% new\n"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"aim": "a" * 5001}, "Aim must be 5000 characters or fewer"),
        ({"title": "t" * 201}, "Project title must be 200 characters or fewer"),
        ({"theme": "world-peace"}, "Select a GMC Promoting Excellence theme from the list"),
        ({"academic_year": "1999-01"}, "Select an academic year from the list"),
        ({"title": ""}, "Enter the project title"),
    ],
    ids=[
        "long-aim",
        "long-title",
        "unknown-theme",
        "bad-year",
        "empty",
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(client, trainee, overrides, message):
    response = client.post("/qi-projects/submit/", project_form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not QIProject.objects.exists()


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("aim", "Waiting times < 2 weeks"),
        ("results", "He wrote <redacted> in the incident report"),
        ("title", "<script>alert('x')</script>"),
        ("measures", 'Aim <img src=x onerror="alert(1)">'),
    ],
)
def test_text_that_looks_like_markup_is_kept_and_shown_as_typed(client, trainee, field, text):
    response = client.post("/qi-projects/submit/", project_form_data(**{field: text}))
    assert response.status_code == 302
    project = QIProject.objects.get()
    assert getattr(project, field) == text
    html = client.get(project.get_absolute_url()).content.decode()
    assert escape(text) in html
    assert text not in html


def test_someone_elses_project_is_a_404_for_every_author_page(client, trainee):
    other = QIProjectFactory(title="Not yours")
    for path in ["edit", "submit", "withdraw"]:
        assert client.get(f"/qi-projects/{other.slug}/{path}/").status_code == 404
        assert (
            client.post(f"/qi-projects/{other.slug}/{path}/", project_form_data()).status_code
            == 404
        )
    other.refresh_from_db()
    assert (other.title, other.status) == ("Not yours", Status.DRAFT)
    assert not OutboundEmail.objects.exists()


def test_submit_and_withdraw_ask_first_then_email_the_author(
    client, trainee, django_capture_on_commit_callbacks
):
    project = QIProjectFactory(author=trainee)
    confirm = client.get(f"/qi-projects/{project.slug}/submit/")
    assert b"Submit your project for review" in confirm.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/qi-projects/{project.slug}/submit/", follow=True)
    assert b"Your project is submitted for review" in response.content
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/qi-projects/{project.slug}/withdraw/")
    project.refresh_from_db()
    assert project.status == Status.WITHDRAWN
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "We have received your QI project",
        "You have withdrawn your QI project",
    ]


def test_resubmitting_a_published_project_is_refused_with_a_message(client, trainee):
    project = PublishedProjectFactory(author=trainee)
    response = client.post(f"/qi-projects/{project.slug}/submit/", follow=True)
    assert response.status_code == 200
    assert b"Only a draft, a withdrawn project or one with changes requested" in response.content
    project.refresh_from_db()
    assert project.status == Status.PUBLISHED
    assert not OutboundEmail.objects.exists()


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.SUBMITTED])
def test_a_project_under_review_or_published_cannot_be_edited(client, trainee, status):
    project = QIProjectFactory(author=trainee, status=status, published_at="2026-01-01T00:00Z")
    response = client.post(
        f"/qi-projects/{project.slug}/edit/", project_form_data(title="Sneaky"), follow=True
    )
    assert response.status_code == 200
    assert b"You cannot change a project that is" in response.content
    project.refresh_from_db()
    assert project.title != "Sneaky"


def test_my_projects_lists_only_mine_with_their_status(client, trainee):
    QIProjectFactory(author=trainee, title="My draft")
    PublishedProjectFactory(author=trainee, title="My published one")
    QIProjectFactory(title="Somebody else's")
    content = client.get("/qi-projects/mine/").content.decode()
    assert "My draft" in content
    assert "My published one" in content
    assert "Somebody else" not in content


def test_slugs_never_take_a_page_address(client, trainee):
    client.post("/qi-projects/submit/", project_form_data(title="Report"))
    assert QIProject.objects.get().slug.startswith("report-")


def test_new_drafts_are_rate_limited(client, trainee):
    for _ in range(20):
        assert client.post("/qi-projects/submit/", project_form_data()).status_code == 302
    response = client.post("/qi-projects/submit/", project_form_data())
    assert response.status_code == 429
    assert b"You have sent this form too many times" in response.content
    assert QIProject.objects.count() == 20


@pytest.mark.parametrize(
    ("step", "label"),
    [
        ("request_changes", "What the reviewer asked you to change"),
        ("reject_project", "Why we cannot publish it"),
    ],
)
def test_the_author_sees_the_moderators_message_on_the_project_page(client, trainee, step, label):
    project = QIProjectFactory(author=trainee, status=Status.SUBMITTED)
    getattr(services, step)(project=project, by=StaffFactory(), message="Add a <b>chart</b>.")
    content = client.get(project.get_absolute_url()).content.decode()
    assert label in content
    assert "Add a &lt;b&gt;chart&lt;/b&gt;." in content


def test_a_rejected_project_can_be_withdrawn_by_its_author(client, trainee):
    project = QIProjectFactory(author=trainee, status=Status.REJECTED)
    page = client.get(project.get_absolute_url()).content.decode()
    assert f'href="/qi-projects/{project.slug}/withdraw/"' in page
    assert f'href="/qi-projects/{project.slug}/submit/"' not in page
    client.post(f"/qi-projects/{project.slug}/withdraw/")
    project.refresh_from_db()
    assert project.status == Status.WITHDRAWN


def test_a_rejected_project_edited_by_its_author_becomes_a_new_draft(client, trainee):
    project = QIProjectFactory(author=trainee, status=Status.REJECTED)
    assert "Change it into a new draft" in client.get(project.get_absolute_url()).content.decode()
    response = client.post(
        f"/qi-projects/{project.slug}/edit/",
        project_form_data(title="A better project"),
        follow=True,
    )
    assert "Your changes are saved as a new draft" in response.content.decode()
    project.refresh_from_db()
    assert (project.title, project.status) == ("A better project", Status.DRAFT)
    client.post(f"/qi-projects/{project.slug}/submit/")
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED
