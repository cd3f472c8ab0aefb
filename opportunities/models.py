"""Opportunities to lead and take part, and trainees' expressions of interest in them."""

from datetime import datetime, time

from django.conf import settings
from django.db import models
from django.db.models import Min
from django.utils import timezone

from edi_portal.fulltext import SearchableManager, search_document_field
from edi_portal.links import address_of_each
from edi_portal.models import SlugFromTitleMixin, emails_about

# What site search reads of an opportunity, most important first (edi_portal.fulltext).
OPPORTUNITY_SEARCH_FIELDS = ("title", "summary", "description")


class OpportunityQuerySet(models.QuerySet):
    def open(self, today=None):
        """Published and not yet closed: an opportunity leaves on its closing date."""
        return self.filter(is_published=True, closes_on__gt=today or timezone.localdate())


class OpportunityManager(SearchableManager.from_queryset(OpportunityQuerySet)):
    pass


def next_closing(now):
    """The next moment an open opportunity closes (local midnight of its closing date), for the
    page cache: lists, pages and search results change then by themselves."""
    today = timezone.localdate(now)
    closes_on = (
        Opportunity.objects.open(today).order_by().aggregate(soonest=Min("closes_on"))["soonest"]
    )
    if closes_on is None:
        return None
    return datetime.combine(closes_on, time.min, tzinfo=timezone.get_current_timezone())


class Opportunity(SlugFromTitleMixin, models.Model):
    """A place, a role or an event trainees can express interest in, until its closing date."""

    class Kind(models.TextChoices):
        OVERSIGHT_GROUP = "oversight_group", "EDI Strategic Oversight Group place"
        WORKSTREAM_LEAD = "workstream_lead", "Workstream lead"
        CONTENT_CREATION = "content_creation", "Content creation"
        CONFERENCE_ABSTRACT = "conference_abstract", "Conference abstract"
        WIDENING_PARTICIPATION = "widening_participation", "Widening participation event"

    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    kind = models.CharField(max_length=30, choices=Kind)
    workstream = models.ForeignKey(
        "workstreams.Workstream",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    summary = models.CharField(max_length=200, help_text="One line, shown in the list.")
    description = models.TextField(
        help_text="What it involves, who it suits and what happens after someone expresses "
        "interest. Plain text: a blank line starts a new paragraph."
    )
    closes_on = models.DateField(
        "closing date",
        help_text="It leaves the list and the search on this date; interest is taken until the "
        "day before.",
    )
    is_published = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_document = search_document_field()  # OPPORTUNITY_SEARCH_FIELDS; no index, few rows

    objects = OpportunityManager()

    slug_fallback = "opportunity"

    class Meta:
        verbose_name_plural = "opportunities"
        ordering = ["closes_on", "pk"]
        indexes = [models.Index(fields=["is_published", "closes_on"], name="opportunity_open")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address_of_each("opportunities:detail", "slug")(self.slug)

    def is_open(self, today=None):
        return self.is_published and self.closes_on > (today or timezone.localdate())


class Interest(models.Model):
    """A verified trainee's expression of interest in an opportunity; staff shortlist or reply
    from admin (opportunities.services)."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        SHORTLISTED = "shortlisted", "Shortlisted"
        NOT_TAKEN_FORWARD = "not_taken_forward", "Not taken forward"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="interests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunity_interests"
    )
    name = models.CharField("your name", max_length=150)
    statement = models.TextField("why you are interested", max_length=1500)
    status = models.CharField(max_length=20, choices=Status, default=Status.RECEIVED)
    reply = models.TextField(blank=True, help_text="What staff last wrote to the person.")
    created_at = models.DateTimeField(auto_now_add=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    emails = emails_about()

    class Meta:
        verbose_name = "expression of interest"
        verbose_name_plural = "expressions of interest"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "user"], name="one_interest_a_person")
        ]
        indexes = [models.Index(fields=["created_at", "id"], name="interest_created")]

    def __str__(self):
        return f"{self.name}, {self.opportunity.title}"
