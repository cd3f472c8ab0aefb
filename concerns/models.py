"""Concerns raised through the website, their handling, and the "You said, we did" page.

The tables keep the names they had when concerns were part of the network app (db_table), so
moving the code moved no data.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from edi_portal.addresses import LowercaseEmailField
from edi_portal.models import emails_about


class Concern(models.Model):
    """A concern raised through the website, related to a protected or other characteristic.

    Sensitive: readable in admin only by users with the view_concern permission (superusers
    aside); no email, log line or error report carries any part of what anyone wrote about it.
    The person who raised it follows it through a private link whose token is stored only as a
    hash. Deleted, with its messages, escalations and timeline, after CONCERN_RETENTION_DAYS.
    """

    class Characteristic(models.TextChoices):
        AGE = "age", "Age"
        DISABILITY = "disability", "Disability"
        GENDER_REASSIGNMENT = "gender-reassignment", "Gender reassignment"
        MARRIAGE = "marriage-civil-partnership", "Marriage and civil partnership"
        PREGNANCY = "pregnancy-maternity", "Pregnancy and maternity"
        RACE = "race", "Race"
        RELIGION = "religion-belief", "Religion or belief"
        SEX = "sex", "Sex"
        SEXUAL_ORIENTATION = "sexual-orientation", "Sexual orientation"
        OTHER = "other", "Something else"

    class RecordedAs(models.TextChoices):
        """How the person wants their concern recorded: kept as they chose it."""

        DISCRIMINATION = "discrimination", "Discrimination"
        BULLYING = "bullying-harassment", "Bullying or harassment"
        UNDERMINING = "undermining", "Undermining"
        NOT_SURE = "not-sure", "I'm not sure"

    class Setting(models.TextChoices):
        PLACEMENT = "placement", "A placement"
        TEACHING = "teaching", "Teaching"
        EXAM_ARCP = "exam-arcp", "An exam or ARCP"
        RECRUITMENT = "recruitment", "Recruitment"
        VISA_LTFT = "visa-ltft", "Visa or less-than-full-time arrangements"
        OTHER = "other", "Somewhere else"

    class Status(models.TextChoices):
        NEW = "new", "Received"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        IN_PROGRESS = "in-progress", "In progress"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", "Resolved with the network's help"
        ESCALATED = "escalated", "Escalated and taken on by another body"
        SIGNPOSTED = "signposted", "Signposted to another route"
        THEME = "theme", "Recorded as a theme for the network to act on"
        WITHDRAWN = "withdrawn", "Withdrawn by the person who raised it"
        NO_RESPONSE = "no-response", "No further contact from the person who raised it"

    reference = models.CharField(max_length=12, unique=True, editable=False)
    recorded_as = models.CharField("how they want it recorded", max_length=30, choices=RecordedAs)
    characteristic = models.CharField(max_length=30, choices=Characteristic)
    characteristic_other = models.CharField(
        "something else (described)", max_length=200, blank=True
    )
    setting = models.CharField("where it happened", max_length=20, choices=Setting)
    details = models.TextField("what happened", max_length=5000)
    email = LowercaseEmailField(
        blank=True, help_text="Empty when the person chose to stay anonymous."
    )
    # sha256 of the follow-up link's token: the token itself is shown once and never stored.
    follow_up_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # sha256 of the one-time key in the form it was sent from: the same form sent twice (a double
    # click) finds this concern instead of making another. Empty for concerns from before it.
    submission_key_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    status = models.CharField(max_length=12, choices=Status, default=Status.NEW)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns_handled",
        help_text="The member of staff who looks after this concern.",
    )
    outcome = models.CharField(max_length=20, choices=Outcome, blank=True)
    # Staff's words to the person, shown on their follow-up page: never the internal notes.
    outcome_for_raiser = models.TextField(
        "what we tell the person about the outcome",
        max_length=5000,
        blank=True,
        help_text="Shown on their private follow-up page when the concern is closed. Plain text.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    acknowledge_by = models.DateField("acknowledgement due", editable=False)
    respond_by = models.DateField("response due", editable=False)
    acknowledged_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    emails = emails_about()

    class Meta:
        db_table = "network_concern"
        ordering = ["-created_at"]
        # No add or delete: concerns come only from the public form and leave by retention.
        default_permissions = ("view", "change")

    def __str__(self):
        return f"Concern {self.reference}"

    @property
    def is_anonymous(self):
        return not self.email

    @property
    def is_open(self):
        return self.status != self.Status.CLOSED


class ConcernMessage(models.Model):
    """A message in a concern's conversation: to or from the person who raised it, or a note
    that only the team reads."""

    class Kind(models.TextChoices):
        TO_RAISER = "to-raiser", "Reply to the person who raised it"
        FROM_RAISER = "from-raiser", "From the person who raised it"
        NOTE = "note", "Internal note"

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=12, choices=Kind)
    text = models.TextField(max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "network_concernmessage"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.concern}"


class ConcernEscalation(models.Model):
    class Route(models.TextChoices):
        EMPLOYER = "employer", "The employer"
        LOCAL_OFFICE = "local-office", "NHS England local office (Postgraduate Dean's team)"
        FREEDOM_TO_SPEAK_UP = "ftsu", "A Freedom to Speak Up guardian"
        GMC = "gmc", "The General Medical Council (GMC)"
        OTHER = "other", "Someone else"

    class Consent(models.TextChoices):
        GIVEN = "given", "The person who raised it agreed"
        ANONYMOUS = "anonymous", "Not asked: raised anonymously, escalated without identifying them"

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="escalations")
    route = models.CharField("escalated to", max_length=20, choices=Route)
    route_detail = models.CharField("who exactly", max_length=200, blank=True)
    escalated_on = models.DateField()
    consent = models.CharField(max_length=12, choices=Consent)
    for_raiser = models.TextField(
        "what we tell the person about this escalation",
        max_length=5000,
        help_text="Shown on their private follow-up page. Plain text.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        db_table = "network_concernescalation"
        ordering = ["escalated_on", "pk"]

    def __str__(self):
        return f"{self.get_route_display()} on {self.escalated_on:%-d %B %Y}"

    def clean(self):
        """An escalation happens between the day its concern was raised and today."""
        if self.escalated_on is None:
            return
        raised_on = timezone.localdate(self.concern.created_at)
        if self.escalated_on < raised_on:
            raise ValidationError(
                {
                    "escalated_on": "The escalation date must be on or after the day the concern "
                    f"was raised ({raised_on:%-d %B %Y})."
                }
            )
        if self.escalated_on > timezone.localdate():
            raise ValidationError({"escalated_on": "The escalation date must be today or earlier."})


class ConcernEvent(models.Model):
    """The timeline: every status change, message, escalation and change of handler, with who
    did it and when. Descriptions name what happened, never what anyone wrote."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    # Empty for the person who raised the concern.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    description = models.CharField(max_length=300)
    # Set on status changes: the raiser's page shows these as the case's history.
    to_status = models.CharField(max_length=12, choices=Concern.Status, blank=True)

    class Meta:
        db_table = "network_concernevent"
        ordering = ["at", "pk"]

    def __str__(self):
        return self.description


class YouSaidWeDid(models.Model):
    """A theme from concerns, anonymised, and what the network did: written and published by
    staff on /concerns/you-said-we-did/; nothing appears there by itself."""

    theme = models.CharField(max_length=120)
    you_said = models.TextField(help_text="The theme in general terms. Never identify anyone.")
    we_did = models.TextField(help_text="What the network did about it. Markdown.")
    published_on = models.DateField(
        null=True, blank=True, help_text="Leave empty to keep it unpublished."
    )

    class Meta:
        db_table = "network_yousaidwedid"
        ordering = ["-published_on", "theme"]
        verbose_name = "you said, we did item"
        verbose_name_plural = "you said, we did items"

    def __str__(self):
        return self.theme


class GoneFollowUpLink(models.Model):
    """What is left of a concern that retention deleted: only a hash of its follow-up link's
    token and the day it went, so the link can say the concern was deleted rather than that
    nothing was ever there. Nothing of the concern itself. Deleted in turn after
    CONCERN_GONE_LINK_RETENTION_DAYS."""

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    deleted_on = models.DateField(db_index=True, editable=False)

    class Meta:
        db_table = "concerns_gonefollowuplink"
        default_permissions = ()

    def __str__(self):
        return f"A concern deleted on {self.deleted_on:%-d %B %Y}"
