"""Mentoring and buddy programmes, the people who sign up, their matches and check-ins."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from edi_portal.addresses import LowercaseEmailField
from edi_portal.fulltext import SearchableManager, search_document_field
from edi_portal.links import address_of_each
from edi_portal.models import emails_about
from network.models import Area, Grade, Specialty
from workstreams.models import MARKDOWN_HELP

# Signed acceptance links in introduction emails carry the match and the sign-up under this salt.
MATCH_LINK_SALT = "mentoring.match-link"


class Kind(models.TextChoices):
    ONE_WAY = "one_way", "One-way mentoring"
    RECIPROCAL = "reciprocal", "Reciprocal mentoring"
    BUDDY = "buddy", "Buddy scheme"


class Role(models.TextChoices):
    """In a reciprocal programme the mentor side is the senior leader, the mentee the trainee."""

    MENTOR = "mentor", "Mentor"
    MENTEE = "mentee", "Mentee"


# Mentors are often consultants and senior educators, so the grades go beyond the trainees'.
GRADE_CHOICES = [
    *(choice for choice in Grade.choices if choice[0] != Grade.OTHER),
    ("sas", "Specialty and specialist (SAS) doctor or dentist"),
    ("consultant", "Consultant or GP"),
    ("educator", "Senior educator or leader (for example a training programme director)"),
    (Grade.OTHER, Grade.OTHER.label),
]
SENIOR_GRADES = {"consultant", "educator"}
GRADE_CODES = {code for code, _label in GRADE_CHOICES}


class Topic(models.TextChoices):
    IMG_TRANSITION = "img_transition", "Starting work in the NHS as an international graduate"
    LESS_THAN_FULL_TIME = "ltft", "Less than full-time training"
    LEADERSHIP = "leadership", "Leadership"
    EXAMS = "exams", "Exams"
    RACISM = "racism", "Racism and discrimination"
    DISABILITY = "disability", "Disability"
    PARENTHOOD = "parenthood", "Parenthood and caring"


class Preference(models.TextChoices):
    SAME = "same", "The same"
    DIFFERENT = "different", "Different"
    ANY = "any", "No preference"


class MeetingMode(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "In person"
    EITHER = "either", "Either"


# What site search reads of a programme, most important first (edi_portal.fulltext).
PROGRAMME_SEARCH_FIELDS = (
    "name",
    "summary",
    "description",
    "who_may_mentor",
    "who_may_be_mentored",
)


class Programme(models.Model):
    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    workstream = models.ForeignKey(
        "workstreams.Workstream",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentoring_programmes",
    )
    summary = models.CharField(max_length=200, help_text="One line, shown in the list.")
    description = models.TextField(help_text=f"The public page. {MARKDOWN_HELP}")
    who_may_mentor = models.CharField(
        "who may be a mentor",
        max_length=300,
        help_text="For example, consultants and senior educators. In a reciprocal programme, "
        "the senior leaders.",
    )
    who_may_be_mentored = models.CharField(
        "who may be mentored",
        max_length=300,
        help_text="For example, trainees. In a reciprocal programme, the trainees.",
    )
    mentor_grades = models.JSONField(
        default=list,
        blank=True,
        help_text="Grades that may sign up as a mentor (codes); empty means any grade.",
    )
    mentee_grades = models.JSONField(
        default=list,
        blank=True,
        help_text="Grades that may sign up to be mentored (codes); empty means any grade.",
    )
    sign_up_opens_on = models.DateField(null=True, blank=True)
    sign_up_closes_on = models.DateField(null=True, blank=True)
    expected_length = models.CharField(
        max_length=100, blank=True, help_text='For example, "6 months".'
    )
    meeting_frequency = models.CharField(
        max_length=100, blank=True, help_text='For example, "once a month".'
    )
    check_in_every_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(7)],
        help_text="Days between the check-ins each person is asked for.",
    )
    mentees_choose = models.BooleanField(
        "mentees choose their mentor",
        default=False,
        help_text="Mentees see their best few suggested mentors, with the reasons, and pick one "
        "(within the same rules and places). Otherwise staff confirm the suggested pairs.",
    )
    is_published = models.BooleanField(default=True)
    search_document = search_document_field()  # PROGRAMME_SEARCH_FIELDS; no index, few rows

    objects = SearchableManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address_of_each("mentoring:programme", "slug")(self.slug)

    def clean(self):
        errors = {}
        opens, closes = self.sign_up_opens_on, self.sign_up_closes_on
        if opens and closes and closes < opens:
            errors["sign_up_closes_on"] = "Sign-up must close on or after the day it opens."
        for field in ["mentor_grades", "mentee_grades"]:
            codes = getattr(self, field)
            if not isinstance(codes, list) or not set(codes) <= GRADE_CODES:
                errors[field] = "Choose grades from the list."
        if errors:
            raise ValidationError(errors)

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return (
            self.sign_up_opens_on is not None
            and self.sign_up_opens_on <= today
            and (self.sign_up_closes_on is None or today <= self.sign_up_closes_on)
        )

    @property
    def opens_later(self):
        return self.sign_up_opens_on is not None and self.sign_up_opens_on > timezone.localdate()

    @property
    def is_reciprocal(self):
        return self.kind == Kind.RECIPROCAL

    def role_label(self, role):
        """What each side is called in this programme."""
        if self.kind == Kind.RECIPROCAL:
            return "Senior leader" if role == Role.MENTOR else "Trainee"
        if self.kind == Kind.BUDDY:
            return "Buddy" if role == Role.MENTOR else "New starter"
        return Role(role).label

    def grades_for(self, role):
        return self.mentor_grades if role == Role.MENTOR else self.mentee_grades


class SignUpQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class SignUp(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sign_ups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="mentoring_sign_ups",
    )
    full_name = models.CharField(max_length=200)
    email = LowercaseEmailField()
    role = models.CharField(max_length=10, choices=Role.choices)
    grade = models.CharField(max_length=20, choices=GRADE_CHOICES)
    specialty = models.CharField(max_length=30, choices=Specialty.choices)
    area = models.CharField(max_length=30, choices=Area.choices)
    employer = models.CharField(
        max_length=200, blank=True, help_text="Never matched with someone at the same employer."
    )
    topics = models.JSONField(default=list, blank=True)
    specialty_preference = models.CharField(
        max_length=10, choices=Preference.choices, default=Preference.ANY
    )
    area_preference = models.CharField(
        max_length=10, choices=Preference.choices, default=Preference.ANY
    )
    meeting_mode = models.CharField(
        max_length=10, choices=MeetingMode.choices, default=MeetingMode.EITHER
    )
    capacity = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Mentors: how many people they can mentor at once.",
    )
    hopes = models.TextField("what they hope to give or get", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    emails = emails_about()

    objects = SignUpQuerySet.as_manager()

    class Meta:
        verbose_name = "sign-up"
        ordering = ["programme", "created_at", "pk"]
        constraints = [
            # One current sign-up; someone who withdrew may sign up again for a later intake.
            models.UniqueConstraint(
                fields=["programme", "user"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_current_sign_up_per_programme",
                violation_error_message="You have already signed up to this programme.",
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.programme.role_label(self.role)}, {self.programme})"

    @property
    def reference(self):
        return f"MEN-{self.pk:05d}"

    def topic_labels(self):
        return [Topic(code).label for code in self.topics if code in Topic.values]


class SharedCharacteristic(models.TextChoices):
    INTERNATIONAL_GRADUATE = "img", "International medical graduate"
    ETHNIC_MINORITY = "ethnic_minority", "From an ethnic minority background"
    DISABLED = "disabled", "Disabled or living with a long-term condition"
    LGBTQ = "lgbtq", "Lesbian, gay, bisexual, trans or queer"
    PARENT_OR_CARER = "carer", "Parent or carer"
    FIRST_IN_FAMILY = "first_generation", "First in the family to go to university"


class SharedCharacteristics(models.Model):
    """What a person chose to share for matching, stored apart from the sign-up (like equality
    monitoring answers): only users with mentoring.view_sharedcharacteristics see it, it is never
    in a list, CSV or email, and it is deleted with the sign-up."""

    sign_up = models.OneToOneField(
        SignUp, on_delete=models.CASCADE, related_name="shared_characteristics"
    )
    characteristics = models.JSONField(default=list)

    class Meta:
        verbose_name = "characteristics shared for matching"
        verbose_name_plural = "characteristics shared for matching"

    def __str__(self):
        return f"Shared by sign-up {self.sign_up_id}"


class Match(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed, waiting for both to accept"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"
        CANCELLED = "cancelled", "Cancelled"
        DECLINED = "declined", "Declined"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="matches")
    mentor = models.ForeignKey(SignUp, on_delete=models.CASCADE, related_name="as_mentor")
    mentee = models.ForeignKey(SignUp, on_delete=models.CASCADE, related_name="as_mentee")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    score = models.IntegerField(default=0)
    reasons = models.JSONField(default=list, blank=True)
    confirmed_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    # When it was declined, or cancelled by staff or by a withdrawal: the pair is not suggested
    # again in the programme (services.remembered_pairs).
    cancelled_at = models.DateTimeField(null=True, blank=True)
    emails = emails_about()

    class Meta:
        verbose_name_plural = "matches"
        ordering = ["programme", "-confirmed_at", "pk"]
        constraints = [
            # A mentee has one live match per programme; cancelled ones stay for the record.
            models.UniqueConstraint(
                fields=["mentee"],
                condition=models.Q(status__in=["confirmed", "active", "ended"]),
                name="one_live_match_per_mentee",
            )
        ]

    def __str__(self):
        return f"Match {self.pk} in {self.programme}"

    def side_of(self, sign_up):
        return Role.MENTOR if sign_up.pk == self.mentor_id else Role.MENTEE

    def other(self, sign_up):
        return self.mentee if sign_up.pk == self.mentor_id else self.mentor

    def accepted_by(self, sign_up):
        field = "mentor_accepted_at" if sign_up.pk == self.mentor_id else "mentee_accepted_at"
        return getattr(self, field) is not None

    def token_for(self, sign_up):
        return signing.dumps([self.pk, sign_up.pk], salt=MATCH_LINK_SALT)

    def get_url_for(self, sign_up):
        return reverse("mentoring:match", kwargs={"token": self.token_for(sign_up)})


class Decline(models.Model):
    """Someone declined a suggested match. Their reason, if they gave one, is for the mentoring
    team only: it is never shown or emailed to the other person, and it is the decliner's data
    (exported to them, not to the other person)."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="declines")
    sign_up = models.ForeignKey(SignUp, on_delete=models.CASCADE, related_name="declines")
    reason = models.TextField("why they declined", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return f"Match {self.match_id} declined"


class CheckIn(models.Model):
    """One person's check-in on their match, due every programme.check_in_every_days."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="check_ins")
    sign_up = models.ForeignKey(SignUp, on_delete=models.CASCADE, related_name="check_ins")
    due_on = models.DateField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    met = models.BooleanField(null=True)
    rating = models.PositiveSmallIntegerField(
        null=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.TextField("anything the team should know", blank=True)
    emails = emails_about()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["match", "sign_up", "due_on"], name="one_check_in_per_person_per_date"
            )
        ]

    def __str__(self):
        return f"Check-in due {self.due_on:%d %B %Y}"


class NotWorkingReport(models.Model):
    """ "This is not working": reaches the team only, never the other person."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="not_working_reports")
    sign_up = models.ForeignKey(SignUp, on_delete=models.CASCADE, related_name="+")
    details = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    emails = emails_about()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = '"this is not working" report'

    def __str__(self):
        return f"Report {self.pk} on match {self.match_id}"


class EndFeedback(models.Model):
    sign_up = models.OneToOneField(SignUp, on_delete=models.CASCADE, related_name="end_feedback")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comments = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "end of programme feedback"
        verbose_name_plural = "end of programme feedback"

    def __str__(self):
        return f"Feedback from sign-up {self.sign_up_id}"
