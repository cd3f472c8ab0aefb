import hashlib
import re
import secrets
from email.utils import parseaddr

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from .addresses import LowercaseEmailField

LINK_REMOVED = "[link removed]"
CODE_REMOVED = "[code removed]"
ATTACHMENT_REMOVED = "[removed: an attachment can hold a private link]"
# Every absolute URL (any scheme followed by ://), also where the HTML part writes the URL's
# punctuation as character references, as it does for a value not marked safe
# ("https&#58;&#47;&#47;..."). It runs to the next space, tag, quote or bracket.
_LINK = re.compile(
    r"[a-z][a-z0-9+.-]*(?::|&#0*58;|&#x0*3a;|&colon;)(?:/|&#0*47;|&#x0*2f;|&sol;){2}[^\s<>\"'()]*",
    re.IGNORECASE,
)


class SlugFromTitleMixin:
    """A page's address made from its title on first save. A title already taken, or one that
    would shadow a fixed address beside the pages (`reserved_slugs`), gets a short random
    ending."""

    reserved_slugs = frozenset()
    slug_fallback = "page"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug(self.title)
        super().save(*args, **kwargs)

    @classmethod
    def unique_slug(cls, title):
        base = slugify(title)[:60].strip("-") or cls.slug_fallback
        if base in cls.reserved_slugs or cls.objects.filter(slug=base).exists():
            return f"{base}-{secrets.token_hex(3)}"
        return base


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
    # One-time codes in the body (allauth's sign-in code): removed with the links once sent.
    codes = models.JSONField(default=list, blank=True)

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

    @property
    def message_id(self):
        """The same for every attempt to send this row, so a copy sent again after a worker died
        between the mail server's acceptance and marking the row sent is recognisably the same
        message, and mail systems can drop it."""
        domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
        key = hashlib.sha256(self.idempotency_key.encode()).hexdigest()[:16]
        return f"<outbox-{self.pk}-{key}@{domain}>"


def emails_about():
    """The outbox emails about a record, deleted with it: `emails = emails_about()` on a model."""
    return GenericRelation(
        OutboundEmail, content_type_field="about_type", object_id_field="about_id"
    )


def remove_secrets(email):
    """Replace every link and one-time code in an outbox email with a note, and every
    attachment's content (a calendar file holds the booking's link). Returns the email, not saved.

    Done to a row once it is sent, and to each row an export holds: links carry the tokens that
    open a password reset, an email confirmation, a booking, an application's status, a concern
    or a mentoring match, and a stored copy must open nothing for whoever reads it. Every link
    goes, not only those known to hold a token, so a new kind of email is covered too.
    """

    def without_secrets(text):
        text = _LINK.sub(LINK_REMOVED, text)
        for code in filter(None, email.codes):
            text = text.replace(code, CODE_REMOVED)
        return text

    email.subject = without_secrets(email.subject)
    email.text_body = without_secrets(email.text_body)
    email.html_body = without_secrets(email.html_body)
    email.attachments = [
        {**attachment, "content": ATTACHMENT_REMOVED} for attachment in email.attachments
    ]
    email.codes = []
    return email


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


class TableVersion(models.Model):
    """One row per table that kept pages read: a new random token whenever a transaction that
    changed the table commits, written by database triggers (edi_portal.page_cache). Random, so
    a number can never come round again after a restore."""

    name = models.CharField(max_length=63, primary_key=True)
    token = models.UUIDField()

    def __str__(self):
        return f"{self.name}: {self.token}"
