"""The annual report: counts by theme, focus and stage, and its CSV, from published projects only."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qi_projects.models import EdiFocus, Stage, Status, Theme
from tests.factories import UserFactory

from .factories import PublishedProjectFactory, QIProjectFactory

pytestmark = pytest.mark.django_db

# (theme, focus, stage) of each published project in 2025-26.
PUBLISHED = [
    (Theme.SUPPORTING_LEARNERS, EdiFocus.IMG, Stage.COMPLETED),
    (Theme.SUPPORTING_LEARNERS, EdiFocus.IMG, Stage.IN_PROGRESS),
    (Theme.SUPPORTING_LEARNERS, EdiFocus.DISABILITY, Stage.IDEA),
    (Theme.LEARNING_ENVIRONMENT, EdiFocus.RACE, Stage.COMPLETED),
    (Theme.CURRICULA, EdiFocus.RACE, Stage.COMPLETED),
]


@pytest.fixture
def report_fixture():
    author = UserFactory()
    for index, (theme, focus, stage) in enumerate(PUBLISHED):
        PublishedProjectFactory(
            author=author,
            academic_year="2025-26",
            theme=theme,
            edi_focus=focus,
            stage=stage,
            title=f"Published {index}",
            aim=f"Aim of project {index}",
            results=f"Results of project {index}",
        )
    PublishedProjectFactory(author=author, academic_year="2024-25", title="Last year's")
    for status in [Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN, Status.REJECTED]:
        QIProjectFactory(author=author, academic_year="2025-26", status=status, title=status)


def counts(response, heading):
    rows = dict(next(rows for title, rows in response.context["counts"] if title == heading))
    return {label: n for label, n in rows.items() if n}


def test_report_counts_match_the_published_projects_of_the_year(client, report_fixture):
    response = client.get("/qi-projects/report/2025-26/")
    assert response.status_code == 200
    assert response.context["total"] == 5
    assert counts(response, "GMC theme") == {
        "Supporting learners": 3,
        "Learning environment and culture": 1,
        "Developing and implementing curricula and assessments": 1,
    }
    assert counts(response, "EDI focus") == {
        "International medical graduates": 2,
        "Disability": 1,
        "Race and ethnicity": 2,
    }
    assert counts(response, "Stage") == {"Completed": 3, "In progress": 1, "Idea": 1}
    # Every choice is listed, zeros included, so years compare line by line.
    assert len(dict(response.context["counts"][0][1])) == len(Theme.choices)
    content = response.content.decode()
    assert "5 published projects" in content
    for index in range(5):
        assert f"Aim of project {index}" in content
        assert f"Results of project {index}" in content
    assert "Last year" not in content
    assert [p["title"] for p in response.context["projects"]] == [
        "Published 4",  # curricula
        "Published 3",  # learning environment
        "Published 0",
        "Published 1",
        "Published 2",
    ]
    assert "css/qi-report.css" in content


def test_report_csv_has_one_row_per_published_project(client, report_fixture):
    response = client.get("/qi-projects/report/2025-26/csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="qi-projects-2025-26.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert sorted(row["Title"] for row in rows) == [f"Published {i}" for i in range(5)]
    first = next(row for row in rows if row["Title"] == "Published 0")
    assert first["GMC theme"] == "Supporting learners"
    assert first["EDI focus"] == "International medical graduates"
    assert first["Aim"] == "Aim of project 0"
    assert first["Results"] == "Results of project 0"
    assert first["Web page"].endswith("/qi-projects/published-0/")


def test_report_csv_cells_never_run_as_formulas(client):
    PublishedProjectFactory(academic_year="2025-26", title="=HYPERLINK(1)", aim="+1", trust="@x")
    response = client.get("/qi-projects/report/2025-26/csv/")
    [row] = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert (row["Title"], row["Aim"], row["Trust"]) == ("'=HYPERLINK(1)", "'+1", "'@x")


def test_a_year_without_projects_is_an_empty_report(client):
    response = client.get("/qi-projects/report/2020-21/")
    assert response.status_code == 200
    assert b"No projects have been published for 2020-21 yet." in response.content
    csv_response = client.get("/qi-projects/report/2020-21/csv/")
    assert csv_response.getvalue().decode("utf-8-sig").count("\n") == 1  # the header row only


@pytest.mark.parametrize("year", ["2025-27", "2025-2026", "abcd-ef"])
def test_a_malformed_year_is_a_404(client, year):
    assert client.get(f"/qi-projects/report/{year}/").status_code == 404
    assert client.get(f"/qi-projects/report/{year}/csv/").status_code == 404


def test_the_report_address_without_a_year_goes_to_this_year(client):
    response = client.get("/qi-projects/report/")
    assert response.status_code == 302
    assert response.url.startswith("/qi-projects/report/20")


def test_report_and_csv_make_the_same_queries_with_few_and_many_projects(client):
    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
            assert response.status_code == 200
            response.getvalue()  # a CSV streams: its queries run as it is read
        return len(captured)

    author = UserFactory()
    PublishedProjectFactory.create_batch(3, author=author, academic_year="2025-26")
    few = queries("/qi-projects/report/2025-26/"), queries("/qi-projects/report/2025-26/csv/")
    PublishedProjectFactory.create_batch(60, author=author, academic_year="2025-26")
    many = queries("/qi-projects/report/2025-26/"), queries("/qi-projects/report/2025-26/csv/")
    print(f"queries (report, csv): 3 -> {few}, 63 -> {many}")
    assert few == many


def test_the_report_lists_fifty_projects_a_page_and_the_csv_has_them_all(client):
    PublishedProjectFactory.create_batch(51, author=UserFactory(), academic_year="2025-26")
    first = client.get("/qi-projects/report/2025-26/")
    second = client.get("/qi-projects/report/2025-26/", {"page": 2})
    assert len(first.context["projects"]) == 50
    assert len(second.context["projects"]) == 1
    assert "51 published projects" in second.content.decode()
    assert 'aria-label="Page 2"' in first.content.decode()
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/qi-projects/report/2025-26/csv/").getvalue().decode("utf-8-sig")
            )
        )
    )
    assert len(rows) == 51
    assert client.get("/qi-projects/report/2025-26/", {"page": 3}).status_code == 404
