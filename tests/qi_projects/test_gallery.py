"""The public side: gallery filters and search, project pages, posters, the conference."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.models import Specialty
from qi_projects.models import EdiFocus, QIProject, Stage, Status, Theme
from tests.factories import StaffFactory, UserFactory

from .factories import (
    PublishedProjectFactory,
    QIConferenceFactory,
    QIProjectFactory,
    pdf_upload,
)
from .helpers import make_moderator

pytestmark = pytest.mark.django_db

YEARS = ["2024-25", "2025-26"]
SPECIALTIES = [Specialty.MEDICINE, Specialty.SURGERY, Specialty.PSYCHIATRY]
FOCUSES = [EdiFocus.RACE, EdiFocus.DISABILITY, EdiFocus.IMG]


def fixture_row(i):
    return {
        "title": f"Project {i:02d}" + (" buddy scheme" if i in (3, 17) else ""),
        "results": "A Buddy for every new starter." if i == 22 else "Better.",
        "aim": "Reduce racist incidents on night shifts." if i == 8 else "Improve things.",
        "academic_year": YEARS[i % 2],
        "theme": Theme.values[i % 5],
        "edi_focus": FOCUSES[i % 3],
        "specialty": SPECIALTIES[i // 10],
        "stage": Stage.values[i % 3],
    }


ROWS = [fixture_row(i) for i in range(30)]


@pytest.fixture
def thirty_projects():
    author = UserFactory()
    for row in ROWS:
        PublishedProjectFactory(author=author, **row)
    # Never in the gallery, whatever the filters: not published.
    for status in [Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN, Status.REJECTED]:
        QIProjectFactory(author=author, status=status, title=f"Hidden {status} buddy scheme")


def expected(**criteria):
    return {row["title"] for row in ROWS if all(row[k] == v for k, v in criteria.items())}


def gallery_titles(client, query):
    response = client.get("/qi-projects/", query)
    assert response.status_code == 200
    titles = set(response.context["filter"].qs.values_list("title", flat=True))
    count = response.context["paginator"].count
    assert count == len(titles)
    assert f"{count} project" in response.content.decode()
    return titles


@pytest.mark.parametrize(
    "criteria",
    [
        {},
        {"academic_year": "2024-25"},
        {"theme": Theme.CURRICULA},
        {"edi_focus": EdiFocus.IMG},
        {"specialty": Specialty.SURGERY},
        {"stage": Stage.COMPLETED},
        {"academic_year": "2025-26", "edi_focus": EdiFocus.RACE, "stage": Stage.IDEA},
        {"specialty": Specialty.PSYCHIATRY, "theme": Theme.GOVERNANCE},
    ],
)
def test_filters_return_exactly_the_matching_published_projects(client, thirty_projects, criteria):
    assert gallery_titles(client, criteria) == expected(**criteria)
    assert expected(**criteria) or criteria  # every non-empty case matches something real


@pytest.mark.parametrize(
    ("words", "titles"),
    [
        ("buddy", {"Project 03 buddy scheme", "Project 17 buddy scheme", "Project 22"}),
        ("BUDDY scheme", {"Project 03 buddy scheme", "Project 17 buddy scheme"}),
        ("racist night", {"Project 08"}),
        ("nothing-like-this", set()),
    ],
)
def test_search_looks_in_titles_and_text_of_published_projects_only(
    client, thirty_projects, words, titles
):
    assert gallery_titles(client, {"q": words}) == titles


def test_search_and_filters_combine(client, thirty_projects):
    assert gallery_titles(client, {"q": "buddy", "academic_year": "2024-25"}) == {"Project 22"}
    assert gallery_titles(client, {"q": "buddy", "specialty": "medicine"}) == {
        "Project 03 buddy scheme"
    }


def test_unknown_filter_values_are_a_message_not_an_error(client, thirty_projects):
    response = client.get("/qi-projects/", {"theme": "world-peace", "page": "1"})
    assert response.status_code == 200
    assert "Select a theme from the list" in response.content.decode()


def test_the_gallery_pages_through_results_keeping_filters(client, thirty_projects):
    response = client.get("/qi-projects/", {"specialty": "medicine"})
    assert response.context["paginator"].num_pages == 1
    response = client.get("/qi-projects/", {"page": 3})
    assert len(response.context["projects"]) == 30 - 24
    page2 = client.get("/qi-projects/", {"academic_year": "2024-25", "page": "2"})
    assert page2.status_code == 200
    assert "academic_year=2024-25&amp;page=1" in page2.content.decode()
    assert client.get("/qi-projects/", {"page": "99"}).status_code == 404


def test_many_pages_are_linked_by_the_nearest_numbers_not_every_one(client, settings):
    author = UserFactory()
    PublishedProjectFactory.create_batch(12 * 20, author=author)
    html = client.get("/qi-projects/", {"page": 10}).content.decode()
    linked = re.findall(r'aria-label="Page (\d+)"', html)
    assert linked == ["1", "9", "10", "11", "20"]
    assert html.count("nhsuk-pagination__item--ellipsis") == 2


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_gallery_and_project_page_make_the_same_queries_with_5_and_300_projects(client, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    author = UserFactory()
    conference = QIConferenceFactory()
    first = PublishedProjectFactory(author=author, poster=pdf_upload())
    conference.presenting_projects.add(first)
    PublishedProjectFactory.create_batch(4, author=author)
    small = (
        queries_for(client, "/qi-projects/"),
        queries_for(client, "/qi-projects/?q=project&stage=in-progress&page=1"),
        queries_for(client, first.get_absolute_url()),
    )
    PublishedProjectFactory.create_batch(295, author=author)
    conference.presenting_projects.add(*QIProject.objects.all()[:50])
    large = (
        queries_for(client, "/qi-projects/"),
        queries_for(client, "/qi-projects/?q=project&stage=in-progress&page=1"),
        queries_for(client, first.get_absolute_url()),
    )
    print(f"queries (gallery, filtered gallery, project page): 5 -> {small}, 300 -> {large}")
    assert small == large


def test_a_published_project_page_shows_its_text_escaped(client):
    project = PublishedProjectFactory(
        aim="Aim line one\nline two", results="Cut waits from 10 to <5 days"
    )
    content = client.get(project.get_absolute_url()).content.decode()
    assert "Aim line one<br>line two" in content
    assert "from 10 to &lt;5 days" in content
    assert "Not published" not in content


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN])
def test_an_unpublished_project_and_its_poster_are_404_to_anyone_but_author_and_admins(
    client, status, settings
):
    project = QIProjectFactory(status=status, poster=pdf_upload())
    page, poster = project.get_absolute_url(), f"/qi-projects/{project.slug}/poster/"
    for visitor in [None, UserFactory(), StaffFactory()]:  # staff without 2FA or permission
        if visitor:
            client.force_login(visitor)
        assert client.get(page).status_code == 404
        assert client.get(poster).status_code == 404
    moderator, _ = make_moderator()
    for viewer in [project.author, moderator]:
        client.force_login(viewer)
        assert client.get(page).status_code == 200
        response = client.get(poster)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_a_published_poster_downloads_as_a_pdf_that_is_never_sniffed(client):
    project = PublishedProjectFactory(poster=pdf_upload("anything.pdf"))
    response = client.get(f"/qi-projects/{project.slug}/poster/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{project.slug}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_project_without_a_poster_has_no_poster_address(client):
    project = PublishedProjectFactory()
    assert client.get(f"/qi-projects/{project.slug}/poster/").status_code == 404
    assert client.get("/qi-projects/no-such-project/").status_code == 404


def test_the_conference_page_lists_the_published_projects_presenting(client):
    conference = QIConferenceFactory(academic_year="2025-26", venue="Lowry Theatre, Salford")
    presenting = PublishedProjectFactory(title="Presented and published")
    withdrawn = QIProjectFactory(title="Withdrawn since", status=Status.WITHDRAWN)
    PublishedProjectFactory(title="Not chosen")
    conference.presenting_projects.add(presenting, withdrawn)
    QIConferenceFactory(academic_year="2024-25")
    for path in ["/qi-projects/conference/", "/qi-projects/conference/2025-26/"]:
        content = client.get(path).content.decode()
        assert "QI conference 2025-26" in content
        assert "Lowry Theatre, Salford" in content
        assert "Presented and published" in content
        assert "Withdrawn since" not in content
        assert "Not chosen" not in content
        assert "/qi-projects/conference/2024-25/" in content
    assert client.get("/qi-projects/conference/2023-24/").status_code == 404
    assert client.get("/qi-projects/conference/2023-99/").status_code == 404


def test_the_conference_page_says_when_none_is_announced(client):
    response = client.get("/qi-projects/conference/")
    assert response.status_code == 200
    assert b"has not been announced yet" in response.content
