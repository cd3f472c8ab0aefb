"""The resources library and good practice: filters, downloads, upload checks, query counts."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from edi_portal.uploads import validate_pdf
from tests.factories import StaffFactory, WorkstreamFactory
from workstreams.models import GoodPractice, Region, Resource

from .factories import MINIMAL_PDF, GoodPracticeFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_seeded_resources_are_listed_under_every_category(client, seeded):
    html = client.get("/resources/").content.decode()
    for _value, label in Resource.Category.choices:
        assert f"<h2>{label}</h2>" in html


def test_filter_by_category_and_workstream(client):
    workstream = WorkstreamFactory(slug="img-support")
    ResourceFactory(title="Surgery handbook", category=Resource.Category.SURGERY)
    ResourceFactory(title="IMG buddy guide", workstream=workstream)
    ResourceFactory(title="Hidden draft", is_published=False)

    html = client.get("/resources/?category=surgery").content.decode()
    assert "Surgery handbook" in html and "IMG buddy guide" not in html

    html = client.get("/resources/?workstream=img-support").content.decode()
    assert "IMG buddy guide" in html and "Surgery handbook" not in html

    assert "Hidden draft" not in client.get("/resources/").content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("category=astrology", "Select a category from the list"),
        ("workstream=no-such-workstream", "Select a workstream from the list"),
        ("category=%3Cscript%3E", "Select a category from the list"),
    ],
)
def test_an_unknown_filter_gets_a_clear_message_and_no_rows(client, query, message):
    ResourceFactory(title="Surgery handbook")
    response = client.get(f"/resources/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert "Surgery handbook" not in html
    assert "<script>" not in html


def test_a_page_number_past_the_end_is_not_found(client):
    ResourceFactory()
    assert client.get("/resources/?page=99").status_code == 404
    assert client.get("/resources/?page=abc").status_code == 404


def make_resources(count):
    workstream = WorkstreamFactory()
    categories = Resource.Category.values
    Resource.objects.bulk_create(
        Resource(
            title=f"Resource {n}",
            category=categories[n % len(categories)],
            workstream=workstream if n % 2 else None,
            url=f"https://example.org/{n}",
        )
        for n in range(count)
    )


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/resources/", "/resources/?category=surgery"])
def test_resources_list_makes_the_same_number_of_queries_for_5_and_300(client, path):
    make_resources(5)
    few = count_queries(client, path)
    make_resources(295)
    many = count_queries(client, path)
    assert few == many, (few, many)


def test_a_pdf_resource_downloads_with_safe_headers(client):
    resource = ResourceFactory(
        title="Mentoring handbook",
        url="",
        file=SimpleUploadedFile("handbook.pdf", MINIMAL_PDF),
    )
    assert resource.file.name.startswith("resources/")
    assert "handbook" not in resource.file.name  # stored under a random name
    html = client.get("/resources/").content.decode()
    assert f'href="/resources/{resource.pk}/download/"' in html
    response = client.get(f"/resources/{resource.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="mentoring-handbook.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_links_and_unpublished_resources_have_no_download(client):
    link = ResourceFactory()
    draft = ResourceFactory(
        url="", file=SimpleUploadedFile("x.pdf", MINIMAL_PDF), is_published=False
    )
    assert client.get(f"/resources/{link.pk}/download/").status_code == 404
    assert client.get(f"/resources/{draft.pk}/download/").status_code == 404


def test_validate_pdf_checks_content_not_name(settings):
    validate_pdf(SimpleUploadedFile("poster.pdf", MINIMAL_PDF))
    with pytest.raises(ValidationError, match="must be a PDF"):
        validate_pdf(SimpleUploadedFile("poster.pdf", b"<html><script>alert(1)</script>"))
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="smaller than"):
        validate_pdf(SimpleUploadedFile("poster.pdf", MINIMAL_PDF))


def admin_post_resource(client, **data):
    admin = StaffFactory(is_superuser=True)
    client.force_login(admin)
    payload = {
        "title": "Uploaded",
        "category": Resource.Category.SURGERY,
        "description": "",
        "url": "",
        "is_published": "on",
    }
    payload.update(data)
    return client.post("/admin/workstreams/resource/add/", payload)


def test_admin_refuses_a_file_that_is_not_a_pdf(client, admin_without_two_factor):
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = admin_post_resource(client, file=fake)
    assert response.status_code == 200
    assert "The selected file must be a PDF" in response.content.decode()
    assert not Resource.objects.exists()


def test_admin_refuses_an_oversized_pdf(client, settings, admin_without_two_factor):
    settings.UPLOAD_MAX_BYTES = 20
    response = admin_post_resource(client, file=SimpleUploadedFile("big.pdf", MINIMAL_PDF))
    assert "The selected file must be smaller than" in response.content.decode()
    assert not Resource.objects.exists()


def test_admin_needs_a_file_or_a_link_not_both(client, admin_without_two_factor):
    response = admin_post_resource(
        client, file=SimpleUploadedFile("a.pdf", MINIMAL_PDF), url="https://example.org/"
    )
    assert "Give either a file or a link, not both." in response.content.decode()
    response = admin_post_resource(client)
    assert "Give either a file or a link, not both." in response.content.decode()
    assert not Resource.objects.exists()
    response = admin_post_resource(client, file=SimpleUploadedFile("a.pdf", MINIMAL_PDF))
    assert response.status_code == 302
    assert Resource.objects.get().file


def test_good_practice_by_theme_and_region(client, seeded):
    html = client.get("/good-practice/").content.decode()
    for _value, label in GoodPractice.Theme.choices:
        assert label in html
    for _value, label in Region.choices:
        assert label in html
    html = client.get(
        f"/good-practice/?theme={GoodPractice.Theme.TRAINING}&region={Region.NORTH_EAST}"
    ).content.decode()
    assert "Enhanced EDI case-based training in the North East" in html
    assert "Step Forward" not in html
    html = client.get(f"/good-practice/?region={Region.WEST_MIDLANDS}").content.decode()
    assert "Virtual Café" in html
    assert "Enhanced EDI case-based training" not in html
    response = client.get("/good-practice/?region=atlantis")
    assert response.status_code == 400
    assert "Select a region from the list" in response.content.decode()


def test_seeded_good_practice_is_the_collections_own_items_in_their_regions(client, seeded):
    items = GoodPractice.objects.all()
    assert items.count() >= 5
    assert {item.region for item in items} >= {
        Region.NORTH_EAST,
        Region.NORTH_WEST,
        Region.WEST_MIDLANDS,
        Region.THAMES_VALLEY,
        Region.EAST_MIDLANDS,
    }
    assert all(item.source for item in items)
    html = client.get("/good-practice/enhanced-edi-case-based-training-north-east/").content
    html = html.decode()
    for text in [
        "role play",
        "95% of scores of 4 or 5",
        "recordings",
        "mailto:quality.ne@hee.nhs.uk",
        "Source: HEE Deans",
    ]:
        assert text in html, text


def test_an_item_listed_by_title_only_says_its_write_up_is_to_come(client):
    item = GoodPracticeFactory(what_was_done="", benefits="", lessons_learned="")
    html = client.get(item.get_absolute_url()).content.decode()
    assert "The full write-up of this item has not been added yet." in html
    assert "<h2>What was done</h2>" not in html


def test_good_practice_item_shows_what_was_done_benefits_lessons_and_contact(client):
    item = GoodPracticeFactory(
        what_was_done="Ran a **buddy** scheme.",
        benefits="Fewer incidents.",
        lessons_learned="Protect the time.",
        contact_name="Dr Helen Marsh",
        contact_email="helen.marsh@example.nhs.net",
    )
    html = client.get(item.get_absolute_url()).content.decode()
    for text in [
        "<strong>buddy</strong>",
        "Fewer incidents.",
        "Protect the time.",
        "Dr Helen Marsh",
        "mailto:helen.marsh@example.nhs.net",
    ]:
        assert text in html
    GoodPracticeFactory(slug="draft", is_published=False)
    assert client.get("/good-practice/draft/").status_code == 404


def test_editing_a_pdf_resource_in_admin_keeps_its_file(client, admin_without_two_factor):
    resource = ResourceFactory(url="", file=SimpleUploadedFile("a.pdf", MINIMAL_PDF))
    stored = resource.file.name
    client.force_login(StaffFactory(is_superuser=True))
    response = client.post(
        f"/admin/workstreams/resource/{resource.pk}/change/",
        {
            "title": "Renamed handbook",
            "category": Resource.Category.SURGERY,
            "description": "",
            "url": "",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Renamed handbook" and resource.file.name == stored
