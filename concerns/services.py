"""Concerns: raising one, the two-way conversation through the private follow-up link, handling
it to working-day targets, and deleting old ones.

Nothing here puts what anyone wrote about a concern into an email or a log line: emails carry a
reference and a link at most. Functions that handle that text hide their variables from Django's
error reports.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from edi_portal.services import send_email
from edi_portal.working_days import add_working_days, working_days_between
from network.models import User

from .models import Concern, ConcernEscalation, ConcernEvent, ConcernMessage

logger = logging.getLogger(__name__)

# No 0/O or 1/I/L: references are read out over the phone and typed back.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class OutcomeRequired(Exception):
    """A concern is closed only with an outcome."""


class ConsentRequired(Exception):
    """A named person's concern is escalated only with their agreement."""


def new_reference():
    return "C-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def follow_up_path(token):
    return reverse("concerns:concern_follow_up", kwargs={"token": token})


def concern_for_token(token):
    """The concern whose follow-up token this is, or None."""
    return Concern.objects.filter(follow_up_token_hash=hash_token(token)).first()


def concern_readers():
    """Active users holding concerns.view_concern, directly or through a group."""
    permission = Permission.objects.get(content_type__app_label="concerns", codename="view_concern")
    return (
        User.objects.filter(is_active=True)
        .filter(Q(user_permissions=permission) | Q(groups__permissions=permission))
        .distinct()
        .order_by("pk")
    )


def possible_handlers():
    """Staff who may read concerns: the people a concern can be given to."""
    return concern_readers().filter(is_staff=True)


def admin_url(concern):
    return settings.SITE_URL + reverse("admin:concerns_concern_change", args=[concern.pk])


def _tell_readers(*, concern, template, key):
    """Email the concern's handler, or every reader when it has none (or the network inbox)."""
    if concern.handler_id and concern.handler.is_active:
        recipients = [concern.handler.email]
    else:
        recipients = [reader.email for reader in concern_readers()]
    if not recipients:
        logger.warning("Nobody holds concerns.view_concern; telling the network's inbox.")
        recipients = [settings.NETWORK_CONTACT_EMAIL]
    for recipient in recipients:
        send_email(
            to=recipient,
            template=template,
            context={"reference": concern.reference, "admin_url": admin_url(concern)},
            idempotency_key=f"{key}:{recipient}",
            about=concern,
        )


@sensitive_variables("details", "characteristic_other")
def raise_concern(
    *, characteristic, details, recorded_as, setting, characteristic_other="", email=""
):
    """Store a concern and email its readers (and the person, if they gave an address).

    Returns (concern, token): the token of the private follow-up link, which is stored only as
    a hash, so the caller shows it once and it cannot be recovered after that.
    """
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    concern = Concern.objects.create(
                        reference=new_reference(),
                        recorded_as=recorded_as,
                        characteristic=characteristic,
                        characteristic_other=characteristic_other,
                        setting=setting,
                        details=details,
                        email=email,
                        follow_up_token_hash=hash_token(token),
                        created_at=now,
                        acknowledge_by=add_working_days(
                            today, settings.CONCERN_ACKNOWLEDGE_WORKING_DAYS
                        ),
                        respond_by=add_working_days(today, settings.CONCERN_RESPOND_WORKING_DAYS),
                    )
                break
            except IntegrityError:  # a reference already in use: draw another
                continue
        else:
            raise RuntimeError("Could not draw an unused concern reference.")
        ConcernEvent.objects.create(
            concern=concern, at=now, description="Concern raised", to_status=Concern.Status.NEW
        )
        _tell_readers(
            concern=concern,
            template="concern_notification",
            key=f"concern-notification:{concern.pk}",
        )
        if concern.email:
            send_email(
                to=concern.email,
                template="concern_acknowledgement",
                context={
                    "reference": concern.reference,
                    "follow_up_url": settings.SITE_URL + follow_up_path(token),
                    "acknowledge_days": settings.CONCERN_ACKNOWLEDGE_WORKING_DAYS,
                },
                idempotency_key=f"concern-acknowledgement:{concern.pk}",
                about=concern,
            )
    return concern, token


def _record(concern, by, description, to_status=""):
    ConcernEvent.objects.create(
        concern=concern, by=by, description=description, to_status=to_status
    )


def change_status(*, concern, status, by, outcome=""):
    """Move a concern to `status`, recorded in its timeline. Closing needs an outcome.

    Returns True when anything changed.
    """
    if status == Concern.Status.CLOSED and not (outcome or concern.outcome):
        raise OutcomeRequired("Choose an outcome to close the concern.")
    if status == concern.status and (not outcome or outcome == concern.outcome):
        return False
    now = timezone.now()
    with transaction.atomic():
        if status != concern.status:
            previous = concern.get_status_display()
            concern.status = status
            _record(
                concern,
                by,
                f"Status changed from {previous} to {concern.get_status_display()}",
                to_status=status,
            )
        if status != Concern.Status.NEW and concern.acknowledged_at is None:
            concern.acknowledged_at = now
        if status == Concern.Status.CLOSED:
            concern.closed_at = concern.closed_at or now
            if outcome and outcome != concern.outcome:
                concern.outcome = outcome
                _record(concern, by, f"Outcome recorded: {concern.get_outcome_display()}")
        else:  # reopened, or never closed: an outcome belongs to a closed concern only
            concern.closed_at = None
            concern.outcome = ""
        concern.save(update_fields=["status", "outcome", "acknowledged_at", "closed_at"])
    return True


def assign_handler(*, concern, handler, by):
    if handler == concern.handler:
        return False
    with transaction.atomic():
        concern.handler = handler
        concern.save(update_fields=["handler"])
        _record(concern, by, f"Handler: {handler.email}" if handler else "Handler removed")
    return True


@sensitive_variables("text")
def reply_to_raiser(*, concern, text, by):
    """A message the person reads on their follow-up page; a named person is emailed that there
    is an update (no content). A reply to a new concern acknowledges it."""
    with transaction.atomic():
        if concern.status == Concern.Status.NEW:
            change_status(concern=concern, status=Concern.Status.ACKNOWLEDGED, by=by)
        message = ConcernMessage.objects.create(
            concern=concern, kind=ConcernMessage.Kind.TO_RAISER, text=text, author=by
        )
        _record(concern, by, "Reply sent to the person who raised it")
        if concern.email:
            send_email(
                to=concern.email,
                template="concern_update",
                context={"reference": concern.reference},
                idempotency_key=f"concern-update:{message.pk}",
                about=concern,
            )
    return message


@sensitive_variables("text")
def add_note(*, concern, text, by):
    """An internal note: never shown to the person who raised the concern."""
    with transaction.atomic():
        message = ConcernMessage.objects.create(
            concern=concern, kind=ConcernMessage.Kind.NOTE, text=text, author=by
        )
        _record(concern, by, "Internal note added")
    return message


@sensitive_variables("text")
def raiser_reply(*, concern, text):
    """The person who raised the concern adds to it from their follow-up page; the handler (or
    every reader) is told there is something new, by reference only."""
    with transaction.atomic():
        message = ConcernMessage.objects.create(
            concern=concern, kind=ConcernMessage.Kind.FROM_RAISER, text=text
        )
        _record(concern, None, "Message from the person who raised it")
        _tell_readers(
            concern=concern,
            template="concern_raiser_replied",
            key=f"concern-raiser-replied:{message.pk}",
        )
    return message


def record_escalation(*, concern, route, escalated_on, consent, by, route_detail=""):
    """Record that the concern was taken to `route` on `escalated_on` (between the day it was
    raised and today). A named person must have agreed."""
    if not concern.is_anonymous and consent != ConcernEscalation.Consent.GIVEN:
        raise ConsentRequired(
            "Ask the person who raised it, and record that they agreed, before escalating."
        )
    if concern.is_anonymous:
        consent = ConcernEscalation.Consent.ANONYMOUS
    escalation = ConcernEscalation(
        concern=concern,
        route=route,
        route_detail=route_detail,
        escalated_on=escalated_on,
        consent=consent,
        recorded_by=by,
    )
    escalation.clean()  # raises ValidationError for a date before the concern or in the future
    with transaction.atomic():
        escalation.save()
        _record(concern, by, f"Escalated to {escalation}")
    return escalation


@dataclass(frozen=True)
class Lateness:
    """How a concern stands against one of its targets, on a given day."""

    due: date
    done: bool
    today: date

    @property
    def is_overdue(self):
        return not self.done and self.today > self.due

    @property
    def overdue_days(self):
        """Working days past the due date (0 on a weekend straight after it)."""
        return working_days_between(self.due, self.today) if self.is_overdue else 0

    def __str__(self):
        if self.done:
            return "Done"
        if self.is_overdue:
            days = self.overdue_days
            if days:
                return f"Overdue by {days} working day{'s' if days != 1 else ''}"
            return f"Overdue: due {self.due:%-d %b %Y}"
        return f"Due {self.due:%-d %b %Y}"


def acknowledgement_lateness(concern, today=None):
    done = concern.acknowledged_at is not None
    return Lateness(concern.acknowledge_by, done, today or timezone.localdate())


def response_lateness(concern, today=None):
    done = concern.closed_at is not None
    return Lateness(concern.respond_by, done, today or timezone.localdate())


def overdue_concerns(today=None):
    """Open concerns past either target, oldest first."""
    today = today or timezone.localdate()
    return (
        Concern.objects.exclude(status=Concern.Status.CLOSED)
        .filter(Q(acknowledge_by__lt=today, acknowledged_at__isnull=True) | Q(respond_by__lt=today))
        .select_related("handler")
        .order_by("created_at")
    )


def send_overdue_digest(*, today=None):
    """Email each handler their overdue concerns (unassigned ones go to every reader): references
    and how late they are, nothing else. Once per person per day. Returns emails written."""
    today = today or timezone.localdate()
    by_recipient = {}
    readers = None
    for concern in overdue_concerns(today):
        if concern.handler_id and concern.handler.is_active:
            recipients = [concern.handler.email]
        else:
            if readers is None:
                readers = [reader.email for reader in concern_readers()]
            recipients = readers or [settings.NETWORK_CONTACT_EMAIL]
        row = {
            "reference": concern.reference,
            "acknowledgement": acknowledgement_lateness(concern, today),
            "response": response_lateness(concern, today),
        }
        for recipient in recipients:
            by_recipient.setdefault(recipient, []).append(row)
    changelist = settings.SITE_URL + reverse("admin:concerns_concern_changelist")
    with transaction.atomic():
        for recipient, rows in by_recipient.items():
            send_email(
                to=recipient,
                template="concern_overdue_digest",
                context={"day": today, "concerns": rows, "changelist_url": changelist},
                idempotency_key=f"concern-overdue-digest:{today}:{recipient}",
            )
    return len(by_recipient)


def delete_expired_concerns(*, now=None):
    """Delete concerns older than CONCERN_RETENTION_DAYS, with their messages, escalations and
    timeline. Returns how many concerns went."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CONCERN_RETENTION_DAYS)
    # The emails about each concern go with it (OutboundEmail.about).
    _, per_model = Concern.objects.filter(created_at__lt=cutoff).delete()
    return per_model.get("concerns.Concern", 0)
