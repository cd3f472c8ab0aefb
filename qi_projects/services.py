"""Moving a QI project through moderation. Every step records an event and emails the author once."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from edi_portal.services import send_email

from .models import ModerationEvent, QIProject, Status

Action = ModerationEvent.Action


class TransitionNotAllowed(Exception):
    """The project is not in a state this step can start from; nothing was changed."""


# action: (statuses it may start from, status it leads to, email template, refusal message)
TRANSITIONS = {
    Action.SUBMITTED: (
        {Status.DRAFT, Status.CHANGES_REQUESTED, Status.WITHDRAWN},
        Status.SUBMITTED,
        "qi_project_submitted",
        "Only a draft, a withdrawn project or one with changes requested can be submitted.",
    ),
    Action.CHANGES_REQUESTED: (
        {Status.SUBMITTED},
        Status.CHANGES_REQUESTED,
        "qi_project_changes_requested",
        "Changes can only be requested on a submitted project.",
    ),
    Action.PUBLISHED: (
        {Status.SUBMITTED},
        Status.PUBLISHED,
        "qi_project_published",
        "Only a submitted project can be published.",
    ),
    Action.REJECTED: (
        {Status.SUBMITTED},
        Status.REJECTED,
        "qi_project_rejected",
        "Only a submitted project can be rejected.",
    ),
    Action.WITHDRAWN: (
        {
            Status.DRAFT,
            Status.SUBMITTED,
            Status.CHANGES_REQUESTED,
            Status.PUBLISHED,
            Status.REJECTED,
        },
        Status.WITHDRAWN,
        "qi_project_withdrawn",
        "This project cannot be withdrawn.",
    ),
}


def _transition(*, project, action, by, message=""):
    allowed_from, new_status, template, refusal = TRANSITIONS[action]
    with transaction.atomic():
        locked = (
            QIProject.objects.select_for_update(of=("self",))
            .select_related("author")
            .get(pk=project.pk)
        )
        if locked.status not in allowed_from:
            raise TransitionNotAllowed(refusal)
        now = timezone.now()
        locked.status = new_status
        if new_status == Status.SUBMITTED:
            locked.submitted_at = now
        if new_status == Status.PUBLISHED:
            locked.published_at = now
        locked.save(update_fields=["status", "submitted_at", "published_at", "updated_at"])
        event = ModerationEvent.objects.create(
            project=locked, action=action, actor=by, message=message
        )
        if locked.author is not None:
            send_email(
                to=locked.author.email,
                template=template,
                context={
                    "project": locked,
                    "message": message,
                    "project_url": settings.SITE_URL + locked.get_absolute_url(),
                    "edit_url": settings.SITE_URL + reverse("qi_projects:edit", args=[locked.slug]),
                    "mine_url": settings.SITE_URL + reverse("qi_projects:mine"),
                    "network_contact_email": settings.NETWORK_CONTACT_EMAIL,
                },
                idempotency_key=f"qi-project-event:{event.pk}",
                about=locked,
            )
    return locked


def submit_project(*, project, by):
    """The author sends a draft (or a changed project) for moderation."""
    return _transition(project=project, action=Action.SUBMITTED, by=by)


def publish_project(*, project, by):
    """A moderator publishes a submitted project to the gallery."""
    return _transition(project=project, action=Action.PUBLISHED, by=by)


def request_changes(*, project, by, message):
    """A moderator sends a submitted project back to its author with what to change."""
    if not message.strip():
        raise ValueError("Say what the author needs to change.")
    return _transition(project=project, action=Action.CHANGES_REQUESTED, by=by, message=message)


def reject_project(*, project, by, message=""):
    """A moderator turns a submitted project down; the author is told why if a message is given."""
    return _transition(project=project, action=Action.REJECTED, by=by, message=message)


def withdraw_project(*, project, by):
    """The author takes a project out of moderation or the gallery. They may submit it again."""
    return _transition(project=project, action=Action.WITHDRAWN, by=by)


MODERATOR_STEPS = {
    Action.PUBLISHED: publish_project,
    Action.CHANGES_REQUESTED: request_changes,
    Action.REJECTED: reject_project,
}


def moderate_projects(*, projects, action, by, message=""):
    """Apply one moderator step to each project (admin bulk actions); returns (done, skipped).

    Projects not in a state the step starts from are skipped and left as they are.
    """
    step = MODERATOR_STEPS[action]
    extra = {} if action == Action.PUBLISHED else {"message": message}
    done = skipped = 0
    for project in projects:
        try:
            step(project=project, by=by, **extra)
        except TransitionNotAllowed:
            skipped += 1
        else:
            done += 1
    return done, skipped
