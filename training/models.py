import functools
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Func, Min, OuterRef, Q, Subquery
from django.db.models.expressions import Star
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from edi_portal.addresses import LowercaseEmailField, UniqueAddressConstraint
from edi_portal.fulltext import SearchableManager, admin_search_index, search_document_field
from edi_portal.links import address_of_each
from edi_portal.models import emails_about

from .times import day_and_time

# The database's rule that an address has one place or waiting-list entry per session.
ONE_BOOKING_PER_ADDRESS = "one_active_booking_per_email_per_session"

# Signed booking links (manage, feedback, certificate) carry the booking's id under this salt.
BOOKING_LINK_SALT = "training.booking-link"


# What site search reads of a course, most important first (edi_portal.fulltext).
COURSE_SEARCH_FIELDS = ("name", "summary", "description")


class Course(models.Model):
    """A course the network runs, such as Active Bystander Training."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    workstream = models.ForeignKey(
        "workstreams.Workstream", on_delete=models.PROTECT, related_name="courses"
    )
    summary = models.CharField(max_length=200, help_text="One line, shown in the sessions list.")
    description = models.TextField(help_text="What the course covers and who it is for.")
    duration = models.CharField(max_length=60, blank=True, help_text='For example, "3 hours".')
    is_active = models.BooleanField(
        default=True, help_text="Inactive courses are hidden from the public pages."
    )
    order = models.PositiveSmallIntegerField(default=0)
    search_document = search_document_field()  # COURSE_SEARCH_FIELDS; no index, for a few rows

    objects = SearchableManager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


def next_whole_minute():
    """The start of the next minute: a time that stays the same for a minute, for a query kept
    while its filter is unchanged (it leaves out sessions that start within the minute)."""
    return timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=1)


class SessionQuerySet(models.QuerySet):
    def with_confirmed_count(self):
        """Annotate confirmed_count, all that places_left() needs (the public pages).

        Counted by a subquery per row rather than a join and GROUP BY, so only the rows fetched
        (one page of a list) are counted, each from the (session, status) index, and COUNT(*) for
        the paginator leaves the subquery out.
        """
        return self.annotate(confirmed_count=_bookings_with_status(Booking.Status.CONFIRMED))

    def with_counts(self):
        """Annotate confirmed_count and waiting_count (one query, whatever the number of rows)."""
        return self.with_confirmed_count().annotate(
            waiting_count=_bookings_with_status(Booking.Status.WAITING)
        )

    def next_change(self, now):
        """The next moment a public page about these sessions changes by itself: a session
        starts (it leaves the upcoming lists) or its booking opens or closes."""
        moments = (
            self.filter(status=Session.Status.SCHEDULED, starts_at__gt=now)
            .order_by()
            .aggregate(
                starts=Min("starts_at"),
                opens=Min("booking_opens_at", filter=Q(booking_opens_at__gt=now)),
                closes=Min("booking_closes_at", filter=Q(booking_closes_at__gt=now)),
            )
        )
        return min((moment for moment in moments.values() if moment is not None), default=None)

    def upcoming(self, now=None):
        """Scheduled sessions that have not started yet, of active courses."""
        return self.filter(
            status=Session.Status.SCHEDULED,
            starts_at__gt=now or timezone.now(),
            course__is_active=True,
        )


@functools.cache
def _bookings_with_status(status):
    # COUNT(*) as a plain function, not an aggregate: no GROUP BY, and 0 (not NULL) for a session
    # without bookings, so the subquery needs no COALESCE. Built once per status: annotate()
    # resolves a copy of it, so every query can share it.
    bookings = Booking.objects.filter(session=OuterRef("pk"), status=status).order_by()
    return Subquery(
        bookings.values(count=Func(Star(), function="COUNT", output_field=models.IntegerField()))
    )


class Session(models.Model):
    """One date of a course: in person at a venue or online."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    format = models.CharField(max_length=10, choices=Format, default=Format.IN_PERSON)
    venue = models.CharField(max_length=200, blank=True, help_text="In person sessions only.")
    address = models.TextField(blank=True, help_text="In person sessions only.")
    joining_link = models.URLField(
        max_length=500,
        blank=True,
        help_text="Online sessions only. Sent to confirmed attendees; never shown publicly.",
    )
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    facilitators = models.CharField(max_length=300, blank=True)
    booking_opens_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to open booking straight away."
    )
    booking_closes_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to take bookings until the session starts."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.SCHEDULED)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The calendar files' SEQUENCE: raised each time attendees are told the details changed, so
    # calendar apps replace the event they hold instead of keeping the old time or place.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    # Its venue (weight A) and address (C), by the trigger of migration 0009; search adds the
    # course's name (B). No index: search reads only upcoming sessions, found by starts_at.
    search_document = search_document_field()

    objects = SessionQuerySet.as_manager()

    # What attendees must be told about when it changes: when and where the session is.
    DETAILS_IN_CALENDAR = ("starts_at", "ends_at", "format", "venue", "address", "joining_link")

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message="The session must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="session_has_places",
                violation_error_message="A session needs at least 1 place.",
            ),
        ]

    def __str__(self):
        return f"{self.course.name}, {day_and_time(self.starts_at)}"

    def get_absolute_url(self):
        return address_of_each("training:session", "pk")(self.pk)

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The session must end after it starts."
        if self.format == self.Format.ONLINE and not self.joining_link:
            errors["joining_link"] = "Give the joining link for an online session."
        if self.format == self.Format.IN_PERSON and not self.venue:
            errors["venue"] = "Give the venue for an in person session."
        if (
            self.booking_opens_at
            and self.booking_closes_at
            and self.booking_closes_at <= self.booking_opens_at
        ):
            errors["booking_closes_at"] = "Booking must close after it opens."
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self):
        return self.format == self.Format.ONLINE

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def has_started(self, now=None):
        return (now or timezone.now()) >= self.starts_at

    def has_ended(self, now=None):
        return (now or timezone.now()) >= self.ends_at

    def booking_closes(self):
        return self.booking_closes_at or self.starts_at

    def booking_problem(self, now=None):
        """Why this session cannot take a booking now, or "" when it can."""
        now = now or timezone.now()
        if self.is_cancelled:
            return "This session has been cancelled."
        if self.has_started(now):
            return "This session has already taken place."
        if self.booking_opens_at and now < self.booking_opens_at:
            return f"Booking for this session opens on {day_and_time(self.booking_opens_at)}."
        if now >= self.booking_closes():
            return "Booking for this session has closed."
        return ""

    def booking_not_open_yet(self, now=None):
        return bool(self.booking_opens_at) and (now or timezone.now()) < self.booking_opens_at

    def booking_has_closed(self, now=None):
        return (now or timezone.now()) >= self.booking_closes()

    def places_left(self):
        """Needs with_confirmed_count() or with_counts()."""
        return max(self.capacity - self.confirmed_count, 0)

    def is_full(self):
        return self.places_left() == 0

    @property
    def hours(self):
        """How long the session lasted, in hours (to the quarter hour), for a training record."""
        quarters = round((self.ends_at - self.starts_at).total_seconds() / 900)
        return quarters / 4

    def location(self):
        if self.is_online:
            return "Online"
        return ", ".join(part for part in [self.venue, " ".join(self.address.split())] if part)


class Booking(models.Model):
    """A place on a session, or a place on its waiting list. No account is needed."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    class Role(models.TextChoices):
        CONSULTANT = "consultant", "Consultant"
        SUPERVISOR = "supervisor", "Educational or clinical supervisor"
        PROGRAMME_DIRECTOR = "programme_director", "Training programme director"
        TRAINEE = "trainee", "Doctor, dentist or public health trainee"
        OTHER_CLINICAL = "other_clinical", "Other healthcare professional"
        OTHER = "other", "Other"

    class EducatorRole(models.TextChoices):
        """Educational leaders, whom the strategy expects to show enhanced EDI training."""

        EDUCATIONAL_SUPERVISOR = "educational_supervisor", "Educational supervisor"
        CLINICAL_SUPERVISOR = "clinical_supervisor", "Clinical supervisor"
        TRAINING_PROGRAMME_DIRECTOR = "training_programme_director", "Training programme director"
        HEAD_OF_SCHOOL = "head_of_school", "Head of school"
        DIRECTOR_OF_MEDICAL_EDUCATION = (
            "director_of_medical_education",
            ("Director of medical education"),
        )
        OTHER = "other", "Other educational role"

    class LeadershipOrganisationType(models.TextChoices):
        TRUST = "trust", "A trust"
        SCHOOL = "school", "A specialty school"

    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", "Not recorded"
        ATTENDED = "attended", "Attended"
        NO_SHOW = "no_show", "Did not attend"

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bookings")
    name = models.CharField("full name", max_length=150)
    email = LowercaseEmailField("email address", max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_bookings",
        help_text="The account with this verified address, linked automatically.",
    )
    role = models.CharField(max_length=20, choices=Role)
    organisation = models.CharField("organisation or trust", max_length=200)
    department = models.CharField(max_length=200, blank=True)
    access_requirements = models.TextField(max_length=1000, blank=True)
    # Optional: educational leaders' evidence of enhanced EDI training (the training record, and
    # the reports' count of leaders trained by trust and by school).
    educator_role = models.CharField(
        "educational role", max_length=40, choices=EducatorRole, blank=True
    )
    leadership_organisation_type = models.CharField(
        "where you hold the role", max_length=10, choices=LeadershipOrganisationType, blank=True
    )
    leadership_organisation = models.CharField(
        "name of the trust or school", max_length=200, blank=True
    )
    consent = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status)
    attendance = models.CharField(max_length=10, choices=Attendance, default=Attendance.UNKNOWN)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    week_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    day_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    feedback_requested_at = models.DateTimeField(null=True, blank=True)
    emails = emails_about()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            UniqueAddressConstraint(
                "session",
                Lower("email"),
                condition=~Q(status="cancelled"),
                name=ONE_BOOKING_PER_ADDRESS,
                violation_error_message="This email address already has a place on this session.",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status", "created_at"]),
            # The admin list, newest first, reads one page from here instead of sorting all.
            models.Index(fields=["created_at", "id"], name="booking_created"),
            # The admin's search (BookingAdmin.search_fields; FeedbackAdmin's booking__name).
            admin_search_index("name", name="booking_name_trigram"),
            admin_search_index("email", name="booking_email_trigram"),
            admin_search_index("organisation", name="booking_org_trigram"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display().lower()})"

    @property
    def token(self):
        """The booking's id, signed: the same link in every email, unforgeable without the key."""
        return signing.Signer(salt=BOOKING_LINK_SALT).sign(str(self.pk))

    def get_manage_url(self):
        return reverse("training:manage", kwargs={"token": self.token})

    def get_feedback_url(self):
        return reverse("training:feedback", kwargs={"token": self.token})

    def get_certificate_url(self):
        return reverse("training:certificate", kwargs={"token": self.token})

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == self.Status.WAITING

    @property
    def can_change(self):
        """The person may still cancel the place or leave the waiting list."""
        return (
            self.status != self.Status.CANCELLED
            and not self.session.is_cancelled
            and not self.session.has_started()
        )

    def feedback_problem(self, now=None):
        """Why this booking cannot give feedback, or "" when it can."""
        if not self.is_confirmed or self.session.is_cancelled:
            return "Feedback is only for people who had a place on the session."
        if not self.session.has_ended(now):
            return "You can give feedback once the session has ended."
        if self.attendance == self.Attendance.NO_SHOW:
            return "Our register shows you did not attend this session, so we cannot take feedback."
        if hasattr(self, "feedback"):
            return "You have already given feedback for this session. Thank you."
        return ""

    @property
    def is_attended(self):
        return self.is_confirmed and self.attendance == self.Attendance.ATTENDED

    def can_have_certificate(self):
        return self.attendance == self.Attendance.ATTENDED and hasattr(self, "feedback")


FEEDBACK_QUESTIONS = [
    "usefulness",
    "applicability",
    "improved_knowledge",
    "confidence_before",
    "confidence_after",
]
SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class FeedbackQuerySet(models.QuerySet):
    def top_box_shares(self):
        """The share of 4s and 5s per question: {question: {"top": n, "total": n, "percent": p}}.

        One query. Filter first (by session or course) to get the figures for that session or
        course; percent is None when there are no responses.
        """
        return _shares(self.aggregate(**_top_box_counts()))

    def top_box_shares_by(self, *fields):
        """top_box_shares() for each group of `fields` (field paths or annotations), in one query.

        Returns {(value of each field, ...): shares}; groups without feedback are absent.
        """
        rows = self.values(*fields).annotate(**_top_box_counts()).order_by()
        return {tuple(row[field] for field in fields): _shares(row) for row in rows}


def _top_box_counts():
    # Named <question>_top: an annotation may not take the name of a model field.
    counts = {"total": Count("pk")}
    for question in Feedback.QUESTIONS:
        counts[f"{question}_top"] = Count("pk", filter=Q(**{f"{question}__gte": 4}))
    return counts


def _shares(counts):
    total = counts["total"]
    return {
        question: {
            "label": Feedback._meta.get_field(question).verbose_name,
            "top": counts[f"{question}_top"],
            "total": total,
            "percent": round(100 * counts[f"{question}_top"] / total) if total else None,
        }
        for question in Feedback.QUESTIONS
    }


class Feedback(models.Model):
    """One attendee's evaluation of a session. One per booking."""

    QUESTIONS = FEEDBACK_QUESTIONS

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="feedback")
    usefulness = models.PositiveSmallIntegerField(
        "The session was useful", validators=SCORE_VALIDATORS
    )
    applicability = models.PositiveSmallIntegerField(
        "I can apply what I learnt to my practice", validators=SCORE_VALIDATORS
    )
    improved_knowledge = models.PositiveSmallIntegerField(
        "The session improved my knowledge", validators=SCORE_VALIDATORS
    )
    confidence_before = models.PositiveSmallIntegerField(
        "Confidence to speak up before the session", validators=SCORE_VALIDATORS
    )
    confidence_after = models.PositiveSmallIntegerField(
        "Confidence to speak up after the session", validators=SCORE_VALIDATORS
    )
    comments = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "feedback"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["created_at", "id"], name="feedback_created"),
            # The admin's search (FeedbackAdmin.search_fields).
            admin_search_index("comments", name="feedback_comments_trigram"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{question}__range": (1, 5)}),
                name=f"feedback_{question}_1_to_5",
                violation_error_message="Scores must be from 1 to 5.",
            )
            for question in FEEDBACK_QUESTIONS
        ]

    def __str__(self):
        return f"Feedback from {self.booking.name}"


class SessionRequest(models.Model):
    """A department or trust asking for a session of its own; admins triage these."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        SCHEDULED = "scheduled", "Scheduled"
        DECLINED = "declined", "Declined"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"
        EITHER = "either", "Either"

    course = models.ForeignKey(
        Course,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="session_requests",
        verbose_name="course",
    )
    contact_name = models.CharField("your full name", max_length=150)
    contact_email = LowercaseEmailField("your email address")
    contact_phone = models.CharField("your phone number", max_length=30, blank=True)
    organisation = models.CharField("trust or organisation", max_length=200)
    department = models.CharField(max_length=200)
    audience = models.CharField(
        "who the session is for", max_length=300, help_text="For example, consultants in ED."
    )
    group_size = models.PositiveIntegerField(
        "expected number of people", validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    format = models.CharField(max_length=10, choices=Format, default=Format.EITHER)
    preferred_dates = models.TextField(max_length=1000)
    notes = models.TextField("anything else", max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.NEW)
    admin_notes = models.TextField(blank=True, help_text="Only admins see these.")
    created_at = models.DateTimeField(auto_now_add=True)
    emails = emails_about()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(group_size__gte=1),
                name="request_group_size_positive",
                violation_error_message="The group must have at least 1 person.",
            )
        ]

    def __str__(self):
        return f"{self.organisation}, {self.department}"


class FacilitatorOffer(models.Model):
    """A trainee in the network offering to co-facilitate a course's sessions or co-write its
    content; staff approve or decline it per course (training.services)."""

    class Role(models.TextChoices):
        CO_FACILITATE = "co_facilitate", "Co-facilitate sessions"
        CO_WRITE = "co_write", "Co-write course content"

    class Status(models.TextChoices):
        OFFERED = "offered", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="facilitator_offers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitator_offers"
    )
    name = models.CharField("your name", max_length=150)
    role = models.CharField("how you would like to help", max_length=20, choices=Role)
    statement = models.TextField("why you would like to help", max_length=1000)
    may_be_named = models.BooleanField("name me on the pages of the sessions I facilitate")
    status = models.CharField(max_length=10, choices=Status, default=Status.OFFERED)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    emails = emails_about()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user"], name="one_facilitator_offer_a_course"
            )
        ]
        indexes = [models.Index(fields=["created_at", "id"], name="facilitator_offer_created")]

    def __str__(self):
        return f"{self.name}, {self.course.name}"

    @property
    def role_in_session(self):
        return "Co-facilitator" if self.role == self.Role.CO_FACILITATE else "Content co-writer"


class SessionFacilitator(models.Model):
    """An approved trainee facilitator assigned to one session (training.services)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="trainee_facilitators"
    )
    offer = models.ForeignKey(
        FacilitatorOffer, on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    week_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    day_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    emails = emails_about()

    class Meta:
        ordering = ["-assigned_at", "-pk"]
        verbose_name = "trainee facilitator of a session"
        verbose_name_plural = "trainee facilitators of sessions"
        constraints = [
            models.UniqueConstraint(fields=["session", "offer"], name="one_assignment_a_session")
        ]

    def __str__(self):
        return f"{self.offer.name}, {self.session}"

    def get_absolute_url(self):
        return reverse("training:teaching_record", kwargs={"pk": self.pk})


def session_feedback_summary(session):
    """The anonymous feedback summary of one session, numbers only, for its facilitators'
    teaching record: how many responded and the share of 4s and 5s per question, shown only when
    at least SMALL_NUMBER responded (the reports' small-number rule)."""
    shares = Feedback.objects.filter(booking__session=session).top_box_shares()
    responses = next(iter(shares.values()))["total"]
    return {
        "responses": responses,
        "minimum": settings.SMALL_NUMBER,
        "shown": responses >= settings.SMALL_NUMBER,
        "shares": list(shares.values()) if responses >= settings.SMALL_NUMBER else [],
    }
