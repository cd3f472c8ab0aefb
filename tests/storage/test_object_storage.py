"""Uploads on S3-compatible object storage (moto's server on localhost) and on the local disk:
stored privately, downloaded only through the portal's views, deleted with their rows."""

import pytest
import requests
from django.core.files.storage import default_storage

from qi_projects.models import QIProject
from tests.factories import UserFactory
from tests.fixtures.object_store import BUCKET, OBJECT_STORE_URL
from tests.qi_projects.factories import PDF_BYTES, PublishedProjectFactory, pdf_upload
from tests.qi_projects.helpers import project_form_data
from workstreams.models import Resource

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["filesystem", "object-store"])
def uploads(request, settings):
    """Where uploads are kept: a function listing the stored names, for each kind of storage."""
    if request.param == "object-store":
        store = request.getfixturevalue("uploads_on_object_store")
        return store.keys

    def stored_names():
        root = settings.MEDIA_ROOT
        files = root.rglob("*") if root.exists() else []
        return sorted(str(path.relative_to(root)) for path in files if path.is_file())

    return stored_names


def submit_project_with_poster(client):
    author = UserFactory()
    client.force_login(author)
    client.post("/qi-projects/submit/", {**project_form_data(), "poster": pdf_upload()})
    return QIProject.objects.get(), author


def test_a_poster_uploaded_to_the_bucket_downloads_through_the_portal(
    client, uploads_on_object_store, settings
):
    project, _author = submit_project_with_poster(client)

    assert uploads_on_object_store.keys() == [project.poster.name]
    assert uploads_on_object_store.read(project.poster.name) == PDF_BYTES
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))
    response = client.get(f"/qi-projects/{project.slug}/poster/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"] == f'attachment; filename="{project.slug}.pdf"'
    assert "no-store" in response["Cache-Control"]


def test_the_bucket_refuses_anyone_without_a_signature(uploads_on_object_store, client):
    project, _author = submit_project_with_poster(client)
    response = requests.get(f"{OBJECT_STORE_URL}/{BUCKET}/{project.poster.name}", timeout=10)
    assert response.status_code == 403
    assert response.content != PDF_BYTES


def test_a_draft_poster_is_refused_to_everyone_but_its_author(client, uploads_on_object_store):
    project, _author = submit_project_with_poster(client)
    client.force_login(UserFactory())
    assert client.get(f"/qi-projects/{project.slug}/poster/").status_code == 404
    client.logout()
    assert client.get(f"/qi-projects/{project.slug}/poster/").status_code == 404
    assert uploads_on_object_store.keys() == [project.poster.name]


def test_replacing_or_removing_a_poster_deletes_the_stored_file(
    client, uploads, django_capture_on_commit_callbacks
):
    project, _author = submit_project_with_poster(client)
    first = project.poster.name
    edit = f"/qi-projects/{project.slug}/edit/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {**project_form_data(), "poster": pdf_upload("new.pdf")})
    project.refresh_from_db()
    assert project.poster.name != first
    assert uploads() == [project.poster.name]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, project_form_data(remove_poster="on"))
    assert uploads() == []


def test_deleting_a_project_deletes_its_poster(client, uploads, django_capture_on_commit_callbacks):
    project, _author = submit_project_with_poster(client)
    assert uploads() == [project.poster.name]
    with django_capture_on_commit_callbacks(execute=True):
        QIProject.objects.get().delete()
    assert uploads() == []


def test_deleting_a_resource_in_admin_deletes_its_file(
    client, settings, uploads, django_capture_on_commit_callbacks
):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    admin_client = client
    response = admin_client.post(
        "/admin/workstreams/resource/add/",
        {
            "title": "Induction guide",
            "category": Resource.Category.EDI,
            "description": "",
            "file": pdf_upload("guide.pdf"),
            "url": "",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    resource = Resource.objects.get()
    assert uploads() == [resource.file.name]
    assert admin_client.get(f"/resources/{resource.pk}/download/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/workstreams/resource/{resource.pk}/delete/", {"post": "yes"})
    assert not Resource.objects.exists()
    assert uploads() == []


def test_a_published_poster_on_the_bucket_downloads_for_anyone(client, uploads_on_object_store):
    project = PublishedProjectFactory(poster=pdf_upload())
    assert default_storage.exists(project.poster.name)
    assert uploads_on_object_store.keys() == [project.poster.name]
    response = client.get(f"/qi-projects/{project.slug}/poster/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_poster_missing_from_the_bucket_is_not_found(client, uploads_on_object_store):
    project = PublishedProjectFactory(poster=pdf_upload())
    uploads_on_object_store.client.delete_object(Bucket=BUCKET, Key=project.poster.name)
    assert client.get(f"/qi-projects/{project.slug}/poster/").status_code == 404
