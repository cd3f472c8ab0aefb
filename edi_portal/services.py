"""The email outbox: the one way the portal sends email."""

import logging
from datetime import timedelta

import markdown
import nh3
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from .models import OutboundEmail

logger = logging.getLogger(__name__)


def render_email(template_name, context):
    """Render one email template into (subject, text, html).

    The template's first line is the subject; the rest is the body in Markdown. The text body is
    that Markdown as written; the HTML body is the Markdown rendered, sanitised and wrapped in the
    NHS-styled email layout.
    """
    source = get_template(f"emails/{template_name}.md").template.source
    rendered = Template(source).render(Context(context, autoescape=False))
    subject, _, body = rendered.strip().partition("\n")
    body = body.strip() + "\n"
    html_content = nh3.clean(markdown.markdown(body, extensions=["sane_lists"]))
    html = render_to_string(
        "emails/layout.html", {"subject": subject.strip(), "content": html_content, **context}
    )
    return subject.strip(), body, html


def send_email(*, to, template, context, idempotency_key, attachments=()):
    """Write an email to the outbox in the caller's transaction and queue it once that commits.

    Sending the same idempotency key again does nothing and returns the existing row, so a retried
    request or a task that runs twice never sends twice.
    """
    subject, text, html = render_email(template, {"site_url": settings.SITE_URL, **context})
    return enqueue_email(
        to=to,
        subject=subject,
        text=text,
        html=html,
        idempotency_key=idempotency_key,
        attachments=attachments,
    )


def enqueue_email(*, to, subject, text, html, idempotency_key, attachments=()):
    """Write an already rendered email to the outbox; see send_email."""
    try:
        with transaction.atomic():
            email = OutboundEmail.objects.create(
                to=to,
                subject=subject[:255],
                text_body=text,
                html_body=html,
                attachments=list(attachments),
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        return OutboundEmail.objects.get(idempotency_key=idempotency_key)
    transaction.on_commit(lambda: queue_delivery(email.pk))
    return email


def queue_delivery(email_id):
    """Hand an outbox row to Celery. A broker error is logged; the sweeper retries the row."""
    from .tasks import deliver_email

    try:
        deliver_email.delay(email_id)
    except Exception:  # kombu raises several types for an unreachable broker
        logger.warning("Could not queue email %s; the outbox sweeper will retry it", email_id)


def deliver(email_id):
    """Send one outbox row, under a row lock, unless it has been sent already.

    Returns True when this call sent it. Raises the transport's error after recording it, so
    the task can retry.
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
        )
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        for attachment in email.attachments:
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        email.attempts += 1
        try:
            message.send()
        except Exception as error:  # any transport error is recorded, then retried by the task
            failure = error
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                email.status = OutboundEmail.Status.FAILED
            email.save(update_fields=["attempts", "last_error", "status"])
        else:
            failure = None
            email.status = OutboundEmail.Status.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
            email.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    if failure is not None:
        raise failure
    return True


def requeue_unsent(*, older_than_seconds=None):
    """Queue again every email still unsent some time after it was written. Returns the count."""
    if older_than_seconds is None:
        older_than_seconds = settings.OUTBOX_REQUEUE_AFTER_SECONDS
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(
        OutboundEmail.objects.filter(status=OutboundEmail.Status.QUEUED, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    for email_id in ids:
        queue_delivery(email_id)
    return len(ids)


def resend(emails):
    """Queue the chosen emails to be sent again (an admin action), whatever their status."""
    ids = list(emails.values_list("pk", flat=True))
    with transaction.atomic():
        OutboundEmail.objects.filter(pk__in=ids).update(
            status=OutboundEmail.Status.QUEUED, attempts=0, last_error=""
        )
        for email_id in ids:
            transaction.on_commit(lambda email_id=email_id: queue_delivery(email_id))
    return len(ids)
