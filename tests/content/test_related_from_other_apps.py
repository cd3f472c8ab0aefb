"""Training sessions and QI projects show on workstream pages and in site search."""

import pytest

from tests.content.factories import WorkstreamFactory
from tests.qi_projects.factories import PublishedProjectFactory, QIProjectFactory
from tests.training.factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_a_workstream_page_lists_its_upcoming_training_sessions(client):
    workstream = WorkstreamFactory(slug="active-bystander-training")
    SessionFactory(course=CourseFactory(name="Speaking up safely", workstream=workstream))

    page = client.get(workstream.get_absolute_url()).content.decode()

    assert "Upcoming training sessions" in page
    assert "Speaking up safely" in page


def test_the_qi_delivery_group_page_lists_published_projects_only(client):
    workstream = WorkstreamFactory(slug="qi-delivery-group")
    PublishedProjectFactory(title="Buddy scheme for new international graduates")
    QIProjectFactory(title="A draft nobody should see")

    page = client.get(workstream.get_absolute_url()).content.decode()

    assert "Buddy scheme for new international graduates" in page
    assert "A draft nobody should see" not in page


def test_other_workstreams_do_not_list_qi_projects(client):
    workstream = WorkstreamFactory(slug="content-creation")
    PublishedProjectFactory(title="Buddy scheme for new international graduates")

    assert "Buddy scheme" not in client.get(workstream.get_absolute_url()).content.decode()


def test_site_search_finds_a_published_qi_project_by_a_word_from_its_aim(client):
    PublishedProjectFactory(title="Deaf trainees", aim="Provide captioned teaching for trainees.")
    QIProjectFactory(title="Unpublished captions", aim="Captioned ward rounds.")

    page = client.get("/search/", {"q": "captioned"}).content.decode()

    assert "Deaf trainees" in page
    assert "Unpublished captions" not in page
