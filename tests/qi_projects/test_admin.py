"""Moderation in admin: the queue, filters, search, bulk publish and request changes."""

import pytest
from django.core import mail

from edi_portal.models import OutboundEmail
from qi_projects.models import ModerationEvent, QIProject, Status

from .factories import PublishedProjectFactory, QIProjectFactory
from .helpers import make_moderator

pytestmark = pytest.mark.django_db

QUEUE = "/admin/qi_projects/submittedproject/"
ALL = "/admin/qi_projects/qiproject/"


@pytest.fixture
def moderator(client):
    """Two-factor is set up (an Authenticator row); the test client signs in with force_login."""
    user, _ = make_moderator()
    client.force_login(user)
    return user


def test_the_queue_lists_only_submitted_projects_oldest_first(client, moderator):
    QIProjectFactory(title="A draft")
    PublishedProjectFactory(title="Already published")
    second = QIProjectFactory(title="Second in", status=Status.SUBMITTED)
    first = QIProjectFactory(title="First in", status=Status.SUBMITTED)
    QIProject.objects.filter(pk=first.pk).update(submitted_at="2026-01-01T09:00Z")
    QIProject.objects.filter(pk=second.pk).update(submitted_at="2026-01-02T09:00Z")
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert [p.title for p in response.context["cl"].result_list] == ["First in", "Second in"]


def test_admin_filters_and_search(client, moderator):
    QIProjectFactory(title="Buddy scheme", status=Status.SUBMITTED, edi_focus="img")
    QIProjectFactory(title="Study day", status=Status.SUBMITTED, edi_focus="race")
    QIProjectFactory(title="Old idea", academic_year="2023-24", stage="idea")

    def results(query):
        return {p.title for p in client.get(ALL, query).context["cl"].result_list}

    assert results({"edi_focus__exact": "img"}) == {"Buddy scheme"}
    assert results({"status__exact": "submitted"}) == {"Buddy scheme", "Study day"}
    assert results({"academic_year": "2023-24"}) == {"Old idea"}
    assert results({"stage__exact": "idea"}) == {"Old idea"}
    assert results({"q": "study"}) == {"Study day"}


def test_bulk_publish_goes_through_the_service_and_emails_each_author_once(
    client, moderator, django_capture_on_commit_callbacks
):
    submitted = QIProjectFactory.create_batch(2, status=Status.SUBMITTED)
    draft = QIProjectFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            ALL,
            {
                "action": "publish",
                "_selected_action": [p.pk for p in [*submitted, draft]],
                "confirmed": "yes",
            },
            follow=True,
        )
    content = response.content.decode()
    assert "2 project(s) published." in content
    assert "1 project(s) skipped" in content
    assert set(QIProject.objects.published()) == set(submitted)
    assert QIProject.objects.get(pk=draft.pk).status == Status.DRAFT
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.author.email for p in submitted)


def test_request_changes_asks_for_a_message_then_sends_it(
    client, moderator, django_capture_on_commit_callbacks
):
    project = QIProjectFactory(status=Status.SUBMITTED)
    form = client.post(QUEUE, {"action": "request_changes", "_selected_action": [project.pk]})
    assert form.status_code == 200
    assert b"Message to the author" in form.content
    empty = client.post(
        QUEUE, {"action": "request_changes", "_selected_action": [project.pk], "confirmed": "yes"}
    )
    assert b"This field is required" in empty.content
    assert QIProject.objects.get(pk=project.pk).status == Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            QUEUE,
            {
                "action": "request_changes",
                "_selected_action": [project.pk],
                "confirmed": "yes",
                "message": "Please add your measures.",
            },
        )
    project.refresh_from_db()
    assert project.status == Status.CHANGES_REQUESTED
    event = project.events.get()
    assert (event.action, event.actor, event.message) == (
        ModerationEvent.Action.CHANGES_REQUESTED,
        moderator,
        "Please add your measures.",
    )
    [email] = mail.outbox
    assert "Please add your measures." in email.body


def test_the_change_form_cannot_set_the_status(client, moderator):
    project = QIProjectFactory(status=Status.SUBMITTED)
    response = client.get(f"{ALL}{project.pk}/change/")
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()
    assert not OutboundEmail.objects.exists()


def test_staff_without_two_factor_are_sent_to_set_it_up(client):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory(is_superuser=True))
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert "/accounts/2fa/" in response.url
