from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .addresses import LowercaseEmailField


class OutboundEmail(models.Model):
    """One email, written in the same transaction as the change that causes it.

    Delivery happens later in a Celery task that locks the row, so a retry never sends twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    to = LowercaseEmailField("recipient")
    # The template it was rendered from: what staff see of an email in admin (never its body).
    template = models.CharField(max_length=100, blank=True)
    subject = models.CharField(max_length=255)
    text_body = models.TextField()
    html_body = models.TextField(blank=True)
    # A list of {"filename", "mimetype", "content"} with text content (an .ics, a CSV).
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # If the row is still queued at this time, its delivery task was lost (the broker was down or
    # restarted): the outbox sweeper queues it again. Pushed back past each retry's backoff, so
    # the sweeper never hurries a retry that is already waiting.
    requeue_at = models.DateTimeField(default=timezone.now)
    # The record the email is about (an application, a booking, a concern...): the email is
    # deleted with it (see emails_about), whatever deletes it.
    about_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    # For an email that carries a secret link (a concern's private follow-up link): its body is
    # erased once sent, so the link is not kept anywhere once the person has it.
    erase_once_sent = models.BooleanField(default=False)

    class Meta:
        verbose_name = "outbound email"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "requeue_at"], name="outbox_status_requeue"),
            models.Index(fields=["about_type", "about_id"], name="outbox_about"),
        ]

    def __str__(self):
        # No subject: subjects can carry what people typed (a QI project's title).
        return f"{self.template or 'Email'} to {self.to}"


def emails_about():
    """The outbox emails about a record, deleted with it: `emails = emails_about()` on a model."""
    return GenericRelation(
        OutboundEmail, content_type_field="about_type", object_id_field="about_id"
    )


class RateLimitCounter(models.Model):
    """How often one client (an address or an account) has used one form in its current window.

    Counted by edi_portal.ratelimit with one atomic upsert, so simultaneous posts each get their
    own count. The window starts at the first counted post and is never extended by later ones.
    """

    digest = models.CharField(max_length=64, primary_key=True)  # sha256 of scope and client
    count = models.PositiveIntegerField()
    window_ends_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.count} until {self.window_ends_at:%Y-%m-%d %H:%M:%S}"


class ContentVersion(models.Model):
    """One row: a new random token whenever a table that kept pages show changes, written by
    database triggers (edi_portal.page_cache). Random, so a number can never come round again
    after a restore."""

    token = models.UUIDField()

    def __str__(self):
        return str(self.token)
