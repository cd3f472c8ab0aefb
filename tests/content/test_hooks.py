"""The hooks other apps use to add their content to workstream pages and to site search."""

import pytest

from tests.factories import WorkstreamFactory
from workstreams import related, search
from workstreams.models import GoodPractice, Resource, Workstream

from .factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_sources(monkeypatch):
    monkeypatch.setattr(related, "_sources", list(related._sources))
    monkeypatch.setattr(search, "_sources", list(search._sources))


def test_an_app_can_add_a_list_to_every_workstream_page(client, own_sources):
    workstream = WorkstreamFactory()
    GoodPracticeFactory(title="Buddy scheme for new starters")
    related.register("Good practice", lambda: GoodPractice.objects.all())
    html = client.get(workstream.get_absolute_url()).content.decode()
    assert "<h2>Good practice</h2>" in html
    assert "Buddy scheme for new starters" in html


def test_a_list_for_one_workstream_only_is_left_out_of_the_others(client, own_sources):
    workstream, other = WorkstreamFactory.create_batch(2)
    GoodPracticeFactory(title="Buddy scheme for new starters")
    related.register(
        "Good practice of its own", lambda: GoodPractice.objects.all(), only_for=workstream.slug
    )
    related.register("Nothing here", lambda: Resource.objects.filter(workstream=related.WORKSTREAM))
    html = client.get(workstream.get_absolute_url()).content.decode()
    assert "Good practice of its own" in html and "Nothing here" not in html
    response = client.get(other.get_absolute_url())
    assert response.status_code == 200
    assert "Good practice of its own" not in response.content.decode()


def test_an_app_can_add_its_content_to_search(client, own_sources):
    WorkstreamFactory(name="Hidden gem", is_active=False)
    search.register(
        search.SearchSource(
            label="Archived workstream",
            queryset=lambda: Workstream.objects.filter(is_active=False),
            fields=("name",),
            summary=lambda workstream: workstream.summary,
        )
    )
    html = client.get("/search/", {"q": "gem"}).content.decode()
    assert "(Archived workstream)" in html and "Hidden gem" in html
