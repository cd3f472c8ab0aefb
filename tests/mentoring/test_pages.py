"""The public programme pages and the seeded programmes."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentoring import seed
from mentoring.models import Kind, Programme
from tests.factories import WorkstreamFactory

from .factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_published_programmes_only(client):
    ProgrammeFactory(name="IMG buddies")
    ProgrammeFactory(name="Hidden scheme", is_published=False)
    html = client.get("/mentoring/").content.decode()
    assert "IMG buddies" in html
    assert "Hidden scheme" not in html


def test_a_programme_page_says_who_may_take_part_and_offers_sign_up(client):
    programme = ProgrammeFactory(kind=Kind.RECIPROCAL)
    html = client.get(f"/mentoring/{programme.slug}/").content.decode()
    assert "Who can be a senior leader" in html
    assert "Who can be a trainee" in html
    assert "Once a month" in html
    assert f"/mentoring/{programme.slug}/sign-up/" in html


def test_a_closed_programme_offers_no_sign_up(client):
    programme = ProgrammeFactory(sign_up_opens_on=None, sign_up_closes_on=None)
    html = client.get(f"/mentoring/{programme.slug}/").content.decode()
    assert "Not open at the moment" in html
    assert "/sign-up/" not in html
    assert client.get("/mentoring/no-such-programme/").status_code == 404


def test_a_workstream_page_lists_its_programmes(client):
    workstream = WorkstreamFactory()
    ProgrammeFactory(name="Buddy scheme for new starters", workstream=workstream)
    html = client.get(workstream.get_absolute_url()).content.decode()
    assert "Buddy scheme for new starters" in html


@pytest.mark.parametrize("path", ["/mentoring/"])
def test_list_query_count_is_flat(client, path):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    workstream = WorkstreamFactory()
    ProgrammeFactory.create_batch(2, workstream=workstream)
    few = count()
    ProgrammeFactory.create_batch(20, workstream=WorkstreamFactory())
    assert count() == few


def test_seed_is_idempotent_and_uses_the_network_documents():
    WorkstreamFactory(slug=seed.IMG_WORKSTREAM, name="International Medical Graduate Support")
    seed.run(io.StringIO())
    seed.run(io.StringIO())
    assert Programme.objects.count() == 3
    buddy = Programme.objects.get(slug="gp-buddy-scheme")
    assert buddy.kind == Kind.BUDDY
    assert buddy.workstream.slug == seed.IMG_WORKSTREAM
    assert "GP 'Buddy' Scheme NW" in buddy.description
    assert Programme.objects.get(slug="reciprocal-mentoring").kind == Kind.RECIPROCAL


def test_the_matching_page_query_count_is_flat(client):
    from mentoring.models import SharedCharacteristics

    from .factories import MentorFactory, SignUpFactory
    from .helpers import STAFF_PERMISSIONS, mentoring_staff

    programme = ProgrammeFactory()
    client.force_login(mentoring_staff(*STAFF_PERMISSIONS))
    path = f"/admin/mentoring/programme/{programme.pk}/matching/"

    def add(mentees, mentors):
        for sign_up in [
            *SignUpFactory.create_batch(mentees, programme=programme),
            *MentorFactory.create_batch(mentors, programme=programme),
        ]:
            SharedCharacteristics.objects.create(sign_up=sign_up, characteristics=["img"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    add(2, 1)
    few = count()
    add(30, 10)
    assert count() == few
