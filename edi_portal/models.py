from django.db import models
from django.utils import timezone


class OutboundEmail(models.Model):
    """One email, written in the same transaction as the change that causes it.

    Delivery happens later in a Celery task that locks the row, so a retry never sends twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    to = models.EmailField("recipient")
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
    # For an email that carries a secret link (a concern's private follow-up link): its body is
    # erased once sent, so the link is not kept anywhere once the person has it.
    erase_once_sent = models.BooleanField(default=False)

    class Meta:
        verbose_name = "outbound email"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "requeue_at"], name="outbox_status_requeue")]

    def __str__(self):
        return f"{self.subject} → {self.to}"
