"""The email outbox: the one way the portal sends email, from writing a row to delivering it.

Delivery lives here with its Celery task; edi_portal/tasks.py holds only the scheduled jobs.
"""

import logging
from datetime import timedelta
from functools import partial

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone

from .email_templates import clean_subject, render_email
from .models import OutboundEmail, remove_secrets

logger = logging.getLogger(__name__)


class DeliveryFailed(Exception):
    """The mail server did not take an email; the failure is already recorded on its row.

    `retry_in` is the number of seconds to wait before the next attempt, or None when the email
    has used all its attempts and is marked failed.
    """

    def __init__(self, message, *, retry_in):
        super().__init__(message)
        self.retry_in = retry_in


def send_email(*, to, template, context, idempotency_key, about=None, attachments=()):
    """Write an email to the outbox in the caller's transaction and queue it once that commits.

    Sending the same idempotency key again does nothing and returns the existing row, so a retried
    request or a task that runs twice never sends twice. `about` is the record the email is about
    (the row is deleted with it). Attachments are dicts with "filename", "mimetype" and text
    "content". Once sent, the stored copy keeps no link (see models.remove_secrets).
    """
    return enqueue_email(
        **prepare_email(
            to=to,
            template=template,
            context=context,
            idempotency_key=idempotency_key,
            about=about,
            attachments=attachments,
        )
    )


def prepare_email(*, to, template, context, idempotency_key, about=None, attachments=()):
    """send_email in two steps: render now, enqueue_email(**prepared) later in the transaction.

    For a caller that must hold a lock only briefly: it renders before taking the lock.
    """
    subject, text, html = render_email(template, {"site_url": settings.SITE_URL, **context})
    return {
        "to": to,
        "template": template,
        "subject": subject,
        "text": text,
        "html": html,
        "idempotency_key": idempotency_key,
        "about": about,
        "attachments": list(attachments),
    }


def enqueue_email(
    *, to, template, subject, text, html, idempotency_key, about=None, attachments=(), codes=()
):
    """Write an already rendered email to the outbox; see send_email. `codes` are one-time codes
    in its text (a sign-in code), removed from the stored copy once sent, like its links."""
    try:
        with transaction.atomic():
            email = OutboundEmail.objects.create(
                to=to,
                template=template,
                subject=clean_subject(subject),
                text_body=text,
                html_body=html,
                attachments=list(attachments),
                codes=list(codes),
                idempotency_key=idempotency_key,
                about=about,
                requeue_at=_sweep_time(),
            )
    except IntegrityError:
        return OutboundEmail.objects.get(idempotency_key=idempotency_key)
    transaction.on_commit(partial(queue_delivery, email.pk))
    return email


def queue_delivery(email_id):
    """Hand an outbox row to Celery. A broker error is logged, never raised: the sweeper retries.

    The person whose action caused the email must not see an error because Redis is down.
    """
    try:
        deliver_email.delay(email_id)
    except Exception as error:  # kombu raises several types for an unreachable broker
        logger.warning(
            "Could not queue email %s (%s); the outbox sweeper will retry it", email_id, error
        )


def retry_delay(attempts):
    """Seconds to wait after `attempts` failed attempts: doubling from OUTBOX_RETRY_BASE_SECONDS."""
    return settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempts - 1)


def deliver(email_id):
    """Send one outbox row, under a row lock, unless it has been sent already.

    Returns True when this call sent it, False when there was nothing to send. When the mail
    server fails, records the error and raises DeliveryFailed saying when to try again. Once
    sent, the row keeps no link or code (remove_secrets): the person has them.
    """
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != OutboundEmail.Status.QUEUED:
            return False
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.text_body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.to],
            headers={"Message-ID": email.message_id},
        )
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        for attachment in email.attachments:
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        email.attempts += 1
        try:
            message.send()
        except Exception as error:  # any transport error is recorded, then retried by the task
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                email.status = OutboundEmail.Status.FAILED
                retry_in = None
            else:
                retry_in = retry_delay(email.attempts)
                # The task's own retry comes first; the sweeper steps in only if it is lost.
                email.requeue_at = _sweep_time(after=retry_in)
            email.save(update_fields=["attempts", "last_error", "status", "requeue_at"])
            failure = DeliveryFailed(email.last_error, retry_in=retry_in)
            failure.__cause__ = error
        else:
            email.status = OutboundEmail.Status.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
            remove_secrets(email)
            email.save(
                update_fields=[
                    "attempts",
                    "last_error",
                    "status",
                    "sent_at",
                    "subject",
                    "text_body",
                    "html_body",
                    "attachments",
                    "codes",
                ]
            )
            return True
    raise failure


# Named as it was when it lived in edi_portal/tasks.py: tasks already queued under that name
# when a new version is deployed are still delivered.
@shared_task(bind=True, max_retries=None, name="edi_portal.tasks.deliver_email")
def deliver_email(self, email_id):
    """Send one outbox row. The row counts its attempts and says when to retry (with backoff)."""
    try:
        deliver(email_id)
    except DeliveryFailed as failure:
        if failure.retry_in is None:
            logger.error("Gave up sending email %s: %s", email_id, failure)
            return
        raise self.retry(exc=failure, countdown=failure.retry_in) from failure


def requeue_unsent(*, batch_size=500):
    """Queue again every email whose delivery task was lost (the sweeper). Returns the count.

    Rows being sent right now are locked and skipped; each row queued here gets a new sweep time,
    so a broker that is down for an hour does not pile up duplicate tasks.
    """
    with transaction.atomic():
        ids = list(
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(status=OutboundEmail.Status.QUEUED, requeue_at__lte=timezone.now())
            .order_by("requeue_at")
            .values_list("pk", flat=True)[:batch_size]
        )
        OutboundEmail.objects.filter(pk__in=ids).update(requeue_at=_sweep_time())
        for email_id in ids:
            transaction.on_commit(partial(queue_delivery, email_id))
    return len(ids)


def resend(emails):
    """Queue the chosen unsent emails to be sent again (an admin action). Returns the count.

    Sent emails are left alone: their links were removed once sent, so a copy would open nothing.
    """
    ids = list(emails.exclude(status=OutboundEmail.Status.SENT).values_list("pk", flat=True))
    with transaction.atomic():
        OutboundEmail.objects.filter(pk__in=ids).update(
            status=OutboundEmail.Status.QUEUED, attempts=0, last_error="", requeue_at=_sweep_time()
        )
        for email_id in ids:
            transaction.on_commit(partial(queue_delivery, email_id))
    return len(ids)


def delete_old_emails(*, now=None):
    """Delete sent and failed emails written more than OUTBOX_RETENTION_DAYS ago.

    Their bodies hold what people wrote (and a failed email's links too); once sent (or given
    up on) the outbox has no more use for them. Returns how many were deleted.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _ = (
        OutboundEmail.objects.exclude(status=OutboundEmail.Status.QUEUED)
        .filter(created_at__lt=cutoff)
        .delete()
    )
    return deleted


def _sweep_time(*, after=0):
    """When the sweeper should queue a row again if it is still unsent by then."""
    return timezone.now() + timedelta(seconds=after + settings.OUTBOX_REQUEUE_AFTER_SECONDS)
