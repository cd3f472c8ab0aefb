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
from django.utils.crypto import salted_hmac
from django.views.decorators.debug import sensitive_variables

from edi_portal.addresses import normalise
from edi_portal.services import send_email
from edi_portal.working_days import add_working_days, working_days_between
from network.models import User

from .models import Concern, ConcernEscalation, ConcernEvent, ConcernMessage, GoneFollowUpLink

logger = logging.getLogger(__name__)

# A form sent again within this time (a double click, a retry) shows the same private link.
RESUBMISSION_SHOWS_LINK_FOR = timedelta(minutes=15)

# No 0/O or 1/I/L: references are read out over the phone and typed back.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class OutcomeRequired(Exception):
    """A concern is closed only with an outcome."""


class ConsentRequired(Exception):
    """A named person's concern is escalated only with their agreement."""


class ConcernClosed(Exception):
    """A closed concern takes no more messages: something new is a new concern."""


class WordsForRaiserRequired(Exception):
    """An outcome or an escalation is explained to the person who raised the concern."""


class NoAddressForNewLink(Exception):
    """An anonymous concern's link cannot be replaced: there is nowhere to send a new one."""


def new_reference():
    return "C-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def follow_up_path(token):
    return reverse("concerns:concern_follow_up", kwargs={"token": token})


def concern_for_token(token):
    """The concern whose follow-up token this is, or None."""
    return Concern.objects.filter(follow_up_token_hash=hash_token(token)).first()


def gone_link(token):
    """The GoneFollowUpLink of a concern that retention deleted, if this was its link; or None."""
    return GoneFollowUpLink.objects.filter(token_hash=hash_token(token)).first()


def new_link_path():
    return reverse("concerns:concern_new_link")


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


def _token_for_submission(submission_key):
    """The follow-up token of a concern sent with this form key: derived with the site's secret,
    so a second copy of the same form can show the same link without the link being stored."""
    return salted_hmac("concerns.follow-up-token", submission_key, algorithm="sha256").hexdigest()


def _already_raised(submission_key):
    """(concern, token) for a form sent before, or None. The token only while the first sending
    is recent and the link has not been replaced; after that the link is not shown again."""
    concern = Concern.objects.filter(submission_key_hash=hash_token(submission_key)).first()
    if concern is None:
        return None
    token = _token_for_submission(submission_key)
    recent = timezone.now() - concern.created_at < RESUBMISSION_SHOWS_LINK_FOR
    if not recent or concern.follow_up_token_hash != hash_token(token):
        token = None
    return concern, token


@sensitive_variables("details", "characteristic_other", "submission_key")
def raise_concern(
    *,
    characteristic,
    details,
    recorded_as,
    setting,
    characteristic_other="",
    email="",
    submission_key="",
):
    """Store a concern and email its readers (and the person, if they gave an address).

    Returns (concern, token): the token of the private follow-up link, which is stored only as
    a hash, so the caller shows it once and it cannot be recovered after that. The same
    submission_key (the form's one-time key) sent again returns the first concern and stores
    and sends nothing; its token is None once the link can no longer be shown.
    """
    if submission_key and (existing := _already_raised(submission_key)):
        return existing
    token = _token_for_submission(submission_key) if submission_key else secrets.token_urlsafe(32)
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
                        submission_key_hash=hash_token(submission_key) if submission_key else None,
                        created_at=now,
                        acknowledge_by=add_working_days(
                            today, settings.CONCERN_ACKNOWLEDGE_WORKING_DAYS
                        ),
                        respond_by=add_working_days(today, settings.CONCERN_RESPOND_WORKING_DAYS),
                    )
                break
            except IntegrityError:
                # The same form, sent at the same moment, made the concern first.
                if submission_key and (existing := _already_raised(submission_key)):
                    return existing
                continue  # a reference already in use: draw another
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


def _tell_raiser_there_is_an_update(*, concern, key):
    """A named person is emailed that there is something new on their page: never what."""
    if concern.email:
        send_email(
            to=concern.email,
            template="concern_update",
            context={
                "reference": concern.reference,
                "new_link_url": settings.SITE_URL + new_link_path(),
            },
            idempotency_key=key,
            about=concern,
        )


@sensitive_variables("outcome_for_raiser")
def change_status(*, concern, status, by, outcome="", outcome_for_raiser=""):
    """Move a concern to `status`, recorded in its timeline. Closing needs an outcome, and words
    for the person who raised it, which their page shows (a named person is emailed that there
    is an update). Returns True when anything changed.
    """
    closing = status == Concern.Status.CLOSED
    if closing and not (outcome or concern.outcome):
        raise OutcomeRequired("Choose an outcome to close the concern.")
    outcome_for_raiser = outcome_for_raiser.strip() or (
        concern.outcome_for_raiser if closing else ""
    )
    if closing and not outcome_for_raiser:
        raise WordsForRaiserRequired(
            "Write what to tell the person who raised it about the outcome."
        )
    if (
        status == concern.status
        and (not outcome or outcome == concern.outcome)
        and outcome_for_raiser == concern.outcome_for_raiser
    ):
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
            if outcome_for_raiser != concern.outcome_for_raiser:
                concern.outcome_for_raiser = outcome_for_raiser
                _record(concern, by, "Outcome explained to the person who raised it")
            event = concern.events.latest("at", "pk")
            _tell_raiser_there_is_an_update(concern=concern, key=f"concern-outcome:{event.pk}")
        else:  # reopened, or never closed: an outcome belongs to a closed concern only
            concern.closed_at = None
            concern.outcome = ""
            concern.outcome_for_raiser = ""
        concern.save(
            update_fields=[
                "status",
                "outcome",
                "outcome_for_raiser",
                "acknowledged_at",
                "closed_at",
            ]
        )
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
        _tell_raiser_there_is_an_update(concern=concern, key=f"concern-update:{message.pk}")
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
    every reader) is told there is something new, by reference only. A closed concern refuses it.
    """
    if not concern.is_open:
        raise ConcernClosed("This concern is closed.")
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


@sensitive_variables("for_raiser")
def record_escalation(*, concern, route, escalated_on, consent, by, for_raiser="", route_detail=""):
    """Record that the concern was taken to `route` on `escalated_on` (between the day it was
    raised and today). A named person must have agreed. The person's page shows the escalation
    in `for_raiser`, staff's words for them (a named person is emailed that there is an update);
    route_detail stays with staff."""
    if not concern.is_anonymous and consent != ConcernEscalation.Consent.GIVEN:
        raise ConsentRequired(
            "Ask the person who raised it, and record that they agreed, before escalating."
        )
    if concern.is_anonymous:
        consent = ConcernEscalation.Consent.ANONYMOUS
    if not for_raiser.strip():
        raise WordsForRaiserRequired(
            "Write what to tell the person who raised it about this escalation."
        )
    escalation = ConcernEscalation(
        concern=concern,
        route=route,
        route_detail=route_detail,
        escalated_on=escalated_on,
        consent=consent,
        for_raiser=for_raiser.strip(),
        recorded_by=by,
    )
    escalation.clean()  # raises ValidationError for a date before the concern or in the future
    with transaction.atomic():
        escalation.save()
        _record(concern, by, f"Escalated to {escalation}")
        _tell_raiser_there_is_an_update(concern=concern, key=f"concern-escalation:{escalation.pk}")
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
    timeline. Returns how many concerns went.

    Of each, only the hash of its follow-up link's token is kept, with the day (a
    GoneFollowUpLink), so the link says the concern was deleted; those go after
    CONCERN_GONE_LINK_RETENTION_DAYS (delete_expired_gone_links)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CONCERN_RETENTION_DAYS)
    with transaction.atomic():
        expired = Concern.objects.select_for_update().filter(created_at__lt=cutoff)
        GoneFollowUpLink.objects.bulk_create(
            [
                GoneFollowUpLink(token_hash=token_hash, deleted_on=timezone.localdate(now))
                for token_hash in expired.values_list("follow_up_token_hash", flat=True)
            ],
            ignore_conflicts=True,
        )
        # The emails about each concern go with it (OutboundEmail.about).
        _, per_model = expired.delete()
    return per_model.get("concerns.Concern", 0)


def delete_expired_gone_links(*, now=None):
    """Forget deleted concerns' links CONCERN_GONE_LINK_RETENTION_DAYS after the deletion: from
    then on such a link is a plain "not found". Returns how many went."""
    now = now or timezone.now()
    cutoff = timezone.localdate(now) - timedelta(days=settings.CONCERN_GONE_LINK_RETENTION_DAYS)
    return GoneFollowUpLink.objects.filter(deleted_on__lt=cutoff).delete()[0]


def replace_follow_up_link(*, concern, by=None):
    """Give a named person's concern a new private link, emailed to the address on the concern
    (never anywhere else); the old link stops working at once. `by` is the member of staff who
    issued it, or None when the person asked for it. Anonymous concerns raise
    NoAddressForNewLink: there is nowhere to send the link, so it could only be lost again."""
    if concern.is_anonymous:
        raise NoAddressForNewLink("This concern was raised anonymously.")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        Concern.objects.filter(pk=concern.pk).update(follow_up_token_hash=hash_token(token))
        concern.follow_up_token_hash = hash_token(token)
        how = "asked for by the person who raised it" if by is None else "issued by staff"
        _record(concern, by, f"Private link replaced and emailed ({how}); the old link stopped")
        event = concern.events.latest("at", "pk")
        send_email(
            to=concern.email,
            template="concern_new_link",
            context={
                "reference": concern.reference,
                "follow_up_url": settings.SITE_URL + follow_up_path(token),
                "new_link_url": settings.SITE_URL + new_link_path(),
                "asked_by_staff": by is not None,
            },
            idempotency_key=f"concern-new-link:{event.pk}",
            about=concern,
        )
    return token


def normalised_reference(text):
    """'c-abcd2345', 'ABCD 2345', ' C-ABCD2345 ' -> 'C-ABCD2345'; anything else as typed."""
    letters = "".join(text.split()).upper()
    if not letters.startswith("C-") and len(letters) == 8:
        letters = f"C-{letters}"
    return letters


def send_new_links(*, reference_or_email):
    """The person asks for a new link, giving their concern's reference or their address: each
    named concern that matches gets a new link, emailed to the address on the concern whatever
    was typed. Anonymous concerns and no match do nothing, and the caller says the same either
    way, so the form tells nobody whether a concern exists. Returns how many links were sent."""
    typed = reference_or_email.strip()
    if "@" in typed:
        matches = Concern.objects.filter(email=normalise(typed))
    else:
        matches = Concern.objects.filter(reference=normalised_reference(typed)).exclude(email="")
    sent = 0
    with transaction.atomic():
        for concern in matches.select_for_update().order_by("pk"):
            replace_follow_up_link(concern=concern)
            sent += 1
    return sent
