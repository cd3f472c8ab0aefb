import pytest
from django.core import mail

from edi_portal.models import OutboundEmail
from qi_projects import services
from qi_projects.models import ModerationEvent, QIProject, Status
from tests.factories import StaffFactory

from .factories import QIProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return StaffFactory()


def test_each_step_changes_status_records_an_event_and_emails_the_author_once(
    moderator, django_capture_on_commit_callbacks
):
    project = QIProjectFactory()
    author = project.author
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_project(project=project, by=author)
        services.request_changes(project=project, by=moderator, message="Add your measures.")
        services.submit_project(project=project, by=author)
        services.publish_project(project=project, by=moderator)

    project.refresh_from_db()
    assert project.status == Status.PUBLISHED
    assert project.published_at is not None
    assert list(project.events.order_by("pk").values_list("action", flat=True)) == [
        "submitted",
        "changes-requested",
        "submitted",
        "published",
    ]
    assert [message.to for message in mail.outbox] == [[author.email]] * 4
    subjects = [message.subject for message in mail.outbox]
    assert subjects[0].startswith("We have received your QI project")
    assert subjects[1].startswith("Please update your QI project")
    assert "Add your measures." in mail.outbox[1].body
    assert f"/qi-projects/{project.slug}/edit/" in mail.outbox[1].body
    assert subjects[3].startswith("Your QI project is published")
    keys = set(OutboundEmail.objects.values_list("idempotency_key", flat=True))
    assert keys == {f"qi-project-event:{pk}" for pk in project.events.values_list("pk", flat=True)}


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (Status.PUBLISHED, "submit"),
        (Status.SUBMITTED, "submit"),
        (Status.REJECTED, "submit"),
        (Status.DRAFT, "publish"),
        (Status.CHANGES_REQUESTED, "publish"),
        (Status.PUBLISHED, "publish"),
        (Status.DRAFT, "reject"),
        (Status.WITHDRAWN, "withdraw"),
    ],
)
def test_a_step_from_the_wrong_state_changes_nothing_and_sends_nothing(status, step, moderator):
    project = QIProjectFactory(status=status, published_at="2026-01-01T00:00Z")
    call = {
        "submit": lambda: services.submit_project(project=project, by=project.author),
        "publish": lambda: services.publish_project(project=project, by=moderator),
        "reject": lambda: services.reject_project(project=project, by=moderator),
        "withdraw": lambda: services.withdraw_project(project=project, by=project.author),
    }[step]
    with pytest.raises(services.TransitionNotAllowed):
        call()
    assert QIProject.objects.get(pk=project.pk).status == status
    assert not ModerationEvent.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_requesting_changes_needs_a_message(moderator):
    project = QIProjectFactory(status=Status.SUBMITTED)
    with pytest.raises(ValueError):
        services.request_changes(project=project, by=moderator, message="  ")
    assert QIProject.objects.get(pk=project.pk).status == Status.SUBMITTED


def test_withdraw_takes_a_published_project_out_of_the_gallery(moderator):
    project = QIProjectFactory(status=Status.SUBMITTED)
    services.publish_project(project=project, by=moderator)
    services.withdraw_project(project=project, by=project.author)
    assert not QIProject.objects.published().exists()
    assert OutboundEmail.objects.filter(subject__startswith="You have withdrawn").count() == 1


def test_reject_tells_the_author_why(moderator, django_capture_on_commit_callbacks):
    project = QIProjectFactory(status=Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_project(project=project, by=moderator, message="Out of scope.")
    assert "Out of scope." in mail.outbox[0].body
    assert QIProject.objects.get(pk=project.pk).status == Status.REJECTED


def test_bulk_moderation_skips_projects_not_submitted(moderator):
    submitted = QIProjectFactory.create_batch(2, status=Status.SUBMITTED)
    draft = QIProjectFactory()
    done, skipped = services.moderate_projects(
        projects=QIProject.objects.all(), action=ModerationEvent.Action.PUBLISHED, by=moderator
    )
    assert (done, skipped) == (2, 1)
    assert set(QIProject.objects.published()) == set(submitted)
    assert QIProject.objects.get(pk=draft.pk).status == Status.DRAFT
    assert OutboundEmail.objects.count() == 2
