"""Every list and detail page, and every admin changelist, makes as many queries with a little
data as with more: nothing is fetched per row, per filter choice or per related object.

The same pages are measured at national scale by `make bench`; these tests keep the query
counts flat where a slow page would first show.
"""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.models import Application, Membership
from qi_projects.views import GalleryView
from tests.concerns.factories import ConcernFactory
from tests.content.factories import (
    GoodPracticeFactory,
    HelplineFactory,
    PageFactory,
    ResourceFactory,
)
from tests.factories import StaffFactory, UserFactory, WorkstreamFactory, give_authenticator
from tests.network.factories import ApplicationFactory, CohortFactory
from tests.opportunities.factories import InterestFactory, OpportunityFactory
from tests.outbox.factories import OutboundEmailFactory
from tests.peer_support.factories import (
    ContactRequestFactory,
    TopicFactory,
    VolunteerProfileFactory,
)
from tests.qi_projects.factories import PublishedProjectFactory, QIProjectFactory
from tests.stories.factories import PublishedStoryFactory, StoryTopicFactory
from tests.training.factories import (
    BookingFactory,
    CourseFactory,
    FeedbackFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    SessionRequestFactory,
)
from workstreams.models import GoodPractice

pytestmark = pytest.mark.django_db

YEAR = "2025-26"


def add_content(count):
    """`count` more of everything the pages list, each with the related rows its list shows."""
    cohort = CohortFactory()
    topics = [TopicFactory(slug=f"topic-{n}") for n in range(2)] if count else []
    for _ in range(count):
        workstream = WorkstreamFactory()
        course = CourseFactory(workstream=workstream)
        upcoming = SessionFactory(course=course)
        BookingFactory(session=upcoming)
        starts_at = timezone.now() - timedelta(days=3)
        past = SessionFactory(
            course=course, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2)
        )
        FeedbackFactory(booking=BookingFactory(session=past))
        SessionFacilitatorFactory(session=upcoming)
        InterestFactory(opportunity=OpportunityFactory(workstream=workstream))
        SessionRequestFactory(course=course)
        application = ApplicationFactory(
            cohort=cohort, workstreams=[workstream], status=Application.Status.ACCEPTED
        )
        Membership.objects.create(
            cohort=cohort,
            email=application.email,
            full_name=application.full_name,
            application=application,
        )
        PublishedProjectFactory(academic_year=YEAR, title="Bystander project")
        QIProjectFactory(status="submitted")
        ResourceFactory(workstream=workstream, description="Bystander training notes.")
        GoodPracticeFactory(theme=GoodPractice.Theme.TRAINING, summary="Bystander training.")
        PageFactory()
        HelplineFactory()
        ConcernFactory()
        profile = VolunteerProfileFactory(topics=topics)
        ContactRequestFactory(profile=profile)
        OutboundEmailFactory()
        PublishedStoryFactory(
            workstream=workstream,
            topics=[StoryTopicFactory(slug="racism"), StoryTopicFactory(slug="disability")],
        )


def public_pages():
    story = PublishedStoryFactory()
    session = SessionFactory()
    project = PublishedProjectFactory(academic_year=YEAR)
    item = GoodPracticeFactory()
    workstream = WorkstreamFactory()
    return [
        "/",
        "/workstreams/",
        workstream.get_absolute_url(),
        "/training/",
        session.get_absolute_url(),
        "/qi-projects/",
        "/qi-projects/?q=bystander&stage=completed",
        "/qi-projects/?page=last",
        project.get_absolute_url(),
        "/qi-projects/conference/",
        f"/qi-projects/report/{YEAR}/",
        "/resources/",
        "/good-practice/",
        item.get_absolute_url(),
        "/search/?q=bystander",
        "/join/",
        "/join/about-you/",
        "/about/",
        "/support/domestic-abuse/",
        "/stories/",
        "/stories/?topic=racism",
        story.get_absolute_url(),
        "/opportunities/",
        OpportunityFactory().get_absolute_url(),
    ]


def admin_changelists():
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200, path
        if response.streaming:  # an export's queries run as it streams
            b"".join(response.streaming_content)
    return len(queries)


def counts(client, paths):
    return {path: queries_for(client, path) for path in paths}


def test_public_pages_make_the_same_queries_with_a_little_and_more_data(client, monkeypatch):
    # Several gallery pages at either size, so "?page=last" reads past an offset.
    monkeypatch.setattr(GalleryView, "paginate_by", 2)
    client.force_login(UserFactory())  # a trainee, who also sees the peer-support directory
    volunteer = VolunteerProfileFactory()
    paths = [*public_pages(), "/peer-support/", volunteer.get_absolute_url()]
    add_content(2)
    few = counts(client, paths)
    add_content(8)
    assert counts(client, paths) == few


def test_every_admin_changelist_makes_the_same_queries_with_a_little_and_more_data(client):
    staff = StaffFactory(is_superuser=True)
    give_authenticator(staff)
    client.force_login(staff)
    paths = [*admin_changelists(), reverse("admin:network_application_export")]
    add_content(2)
    few = counts(client, paths)
    add_content(8)
    many = counts(client, paths)
    print("\n".join(f"{path}: {few[path]} -> {many[path]}" for path in paths))
    assert many == few
