from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from edi_portal.academic_year import FIRST_MONTH
from edi_portal.fulltext import SearchableManager, search_document_field
from edi_portal.links import address_of_each
from edi_portal.models import emails_about
from network.models import Area, Grade, Specialty

# Volunteers can renew their listing, and are reminded to, from this many days before it lapses.
RENEWAL_NOTICE_DAYS = 30
MAX_MONTHLY_REQUESTS = 20


def end_of_academic_year(day: date) -> date:
    """The last day of the academic year (August to July) that `day` falls in."""
    end_year = day.year + 1 if day.month >= FIRST_MONTH else day.year
    return date(end_year, FIRST_MONTH, 1) - timedelta(days=1)


def start_of_month() -> datetime:
    """Midnight on the first day of this calendar month, in the portal's time zone."""
    today = timezone.localdate()
    return timezone.make_aware(datetime.combine(today.replace(day=1), time.min))


# What site search reads of a topic (edi_portal.fulltext).
TOPIC_SEARCH_FIELDS = ("name",)
# A profile's labels, looked up in maps built once: get_FOO_display rebuilds the field's choices at
# each call, and the directory shows three labels on each of its 20 cards.
GRADE_LABELS = dict(Grade.choices)
SPECIALTY_LABELS = dict(Specialty.choices)
AREA_LABELS = dict(Area.choices)


class Topic(models.Model):
    """A kind of lived experience a volunteer is happy to talk about (managed in admin)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    search_document = search_document_field()  # TOPIC_SEARCH_FIELDS; no index, for a few rows

    objects = SearchableManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class VolunteerProfileQuerySet(models.QuerySet):
    def listed(self):
        """Profiles the directory shows: approved, and the listing not yet lapsed."""
        return self.filter(
            status=VolunteerProfile.Status.APPROVED, listed_until__gte=timezone.localdate()
        )

    def with_requests_this_month(self):
        return self.annotate(
            requests_this_month=Count(
                "contact_requests", filter=Q(contact_requests__created_at__gte=start_of_month())
            )
        )


class VolunteerProfile(models.Model):
    """A member of the network who volunteers to be contacted by other trainees."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        PAUSED = "paused", "Paused"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_profile"
    )
    display_name = models.CharField(max_length=100)
    pronouns = models.CharField(max_length=50, blank=True)
    grade = models.CharField(max_length=20, choices=Grade)
    specialty = models.CharField(max_length=30, choices=Specialty)
    area = models.CharField(max_length=30, choices=Area)
    topics = models.ManyToManyField(Topic, through="VolunteerTopic", related_name="volunteers")
    languages = models.CharField(
        max_length=200, help_text="The languages the volunteer speaks, separated by commas."
    )
    availability = models.CharField(max_length=200)
    bio = models.TextField(max_length=1000)
    monthly_request_limit = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHLY_REQUESTS)]
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    # Set when an admin approves the current version; cleared by an edit. Resuming a paused
    # profile returns it to the directory only if this version was approved.
    approved_at = models.DateTimeField(null=True, blank=True)
    listed_until = models.DateField()
    # The listed_until date the renewal reminder was sent for, so it is sent once per listing.
    renewal_reminder_sent_for = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    emails = emails_about()

    objects = VolunteerProfileQuerySet.as_manager()

    class Meta:
        ordering = ["display_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(monthly_request_limit__gte=1)
                & Q(monthly_request_limit__lte=MAX_MONTHLY_REQUESTS),
                name="volunteer_monthly_limit_1_to_20",
                violation_error_message="The monthly limit must be between 1 and 20 requests.",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="approved_volunteer_has_approved_at",
                violation_error_message="An approved volunteer needs the date they were approved.",
            ),
        ]
        indexes = [models.Index(fields=["status", "listed_until"], name="volunteer_listed")]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return address_of_each("peer_support:profile", "pk")(self.pk)

    def get_grade_display(self):
        return GRADE_LABELS.get(self.grade, self.grade)

    def get_specialty_display(self):
        return SPECIALTY_LABELS.get(self.specialty, self.specialty)

    def get_area_display(self):
        return AREA_LABELS.get(self.area, self.area)

    @classmethod
    def add_topic_names(cls, profiles):
        """Sets each profile's `topic_names`, the topics it consented to show, in name order: one
        query for them all, without a model instance per topic."""
        names = {profile.pk: [] for profile in profiles}
        consents = VolunteerTopic.objects.filter(profile__in=names).order_by("topic__name")
        for profile_id, name in consents.values_list("profile_id", "topic__name"):
            names[profile_id].append(name)
        for profile in profiles:
            profile.topic_names = names[profile.pk]

    @property
    def is_listed(self):
        return self.status == self.Status.APPROVED and self.listed_until >= timezone.localdate()

    @property
    def language_list(self):
        return [language.strip() for language in self.languages.split(",") if language.strip()]

    def requests_this_month_count(self):
        """Uses the with_requests_this_month annotation when the queryset provided it."""
        if hasattr(self, "requests_this_month"):
            return self.requests_this_month
        return self.contact_requests.filter(created_at__gte=start_of_month()).count()

    @property
    def is_taking_requests(self):
        return self.requests_this_month_count() < self.monthly_request_limit

    @property
    def renewal_opens_on(self):
        return self.listed_until - timedelta(days=RENEWAL_NOTICE_DAYS)

    @property
    def can_renew(self):
        return timezone.localdate() >= self.renewal_opens_on


class VolunteerTopic(models.Model):
    """A topic on a profile, with the volunteer's explicit consent to show it (special category data)."""

    profile = models.ForeignKey(
        VolunteerProfile, on_delete=models.CASCADE, related_name="topic_consents"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="consents")
    consented_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["topic__name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "topic"], name="one_consent_per_topic")
        ]

    def __str__(self):
        return f"{self.profile}: {self.topic} (consented {self.consented_at:%d %b %Y %H:%M})"


class ContactRequest(models.Model):
    """A trainee's message to a volunteer, relayed by email. Deleted after the retention period."""

    class ContactMethod(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone call"
        VIDEO = "video", "Video call"

    profile = models.ForeignKey(
        VolunteerProfile, on_delete=models.CASCADE, related_name="contact_requests"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_contact_requests"
    )
    message = models.TextField(max_length=2000)
    contact_method = models.CharField(max_length=10, choices=ContactMethod)
    contact_details = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    emails = emails_about()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("view_request_message", "Can read the message of a contact request")]
        indexes = [
            models.Index(fields=["requester", "created_at"], name="contact_request_requester"),
            models.Index(fields=["profile", "created_at"], name="contact_request_profile"),
        ]

    def __str__(self):
        return f"{self.requester} to {self.profile} on {self.created_at:%d %b %Y}"

    @property
    def email_keys(self):
        """The outbox idempotency keys of the two emails this request sends."""
        return [f"peer-support-request:{self.pk}", f"peer-support-request-confirmation:{self.pk}"]
