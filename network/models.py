from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from edi_portal.addresses import LowercaseEmailField, UniqueAddressConstraint
from edi_portal.fulltext import admin_search_index
from edi_portal.models import emails_about


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. The email address is the login; there is no username."""

    username = None
    email = LowercaseEmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        constraints = [
            UniqueAddressConstraint(
                Lower("email"),
                name="one_account_per_email_in_any_case",
                violation_error_message="An account with this email address already exists.",
            )
        ]
        # The admin's search (UserAdmin.search_fields).
        indexes = [
            admin_search_index("email", name="user_email_trigram"),
            admin_search_index("first_name", name="user_first_name_trigram"),
            admin_search_index("last_name", name="user_last_name_trigram"),
        ]

    def __str__(self):
        return self.email


class Cohort(models.Model):
    """The network's intake for one academic year ("2026-27"), with its application window."""

    name = models.CharField(
        max_length=7, unique=True, help_text='The academic year, like "2026-27".'
    )
    applications_open = models.DateTimeField()
    applications_close = models.DateTimeField()

    class Meta:
        ordering = ["-name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(applications_close__gt=models.F("applications_open")),
                name="cohort_closes_after_it_opens",
                violation_error_message="Applications must close after they open.",
            )
        ]

    def __str__(self):
        return self.name

    def is_open(self, at=None):
        at = at or timezone.now()
        return self.applications_open <= at < self.applications_close

    @classmethod
    def next_change(cls, now):
        """The next moment applications open or close for any cohort."""
        moments = cls.objects.aggregate(
            opens=models.Min("applications_open", filter=models.Q(applications_open__gt=now)),
            closes=models.Min("applications_close", filter=models.Q(applications_close__gt=now)),
        )
        return min((moment for moment in moments.values() if moment is not None), default=None)

    @classmethod
    def for_applications(cls, at=None):
        """The cohort taking applications now, or else the next to open (or None).

        Returns (cohort, is_open).
        """
        at = at or timezone.now()
        current = cls.objects.filter(applications_open__lte=at, applications_close__gt=at)
        cohort = current.order_by("applications_close").first()
        if cohort is not None:
            return cohort, True
        upcoming = cls.objects.filter(applications_open__gt=at).order_by("applications_open")
        return upcoming.first(), False


class Profession(models.TextChoices):
    MEDICINE = "medicine", "Medicine"
    DENTISTRY = "dentistry", "Dentistry"
    PUBLIC_HEALTH = "public_health", "Public health"


class Grade(models.TextChoices):
    FOUNDATION_1 = "fy1", "Foundation year 1 (FY1)"
    FOUNDATION_2 = "fy2", "Foundation year 2 (FY2)"
    DENTAL_FOUNDATION = "dft", "Dental foundation trainee"
    DENTAL_CORE = "dct", "Dental core trainee"
    CORE = "core", "Core or specialty trainee, years 1 to 2 (CT1 to CT2, ST1 to ST2)"
    GP_TRAINEE = "gpst", "GP specialty trainee (GPST1 to GPST3)"
    REGISTRAR = "registrar", "Specialty registrar (ST3 and above)"
    PUBLIC_HEALTH_REGISTRAR = "ph_registrar", "Public health registrar"
    OTHER = "other", "Other grade"


class Area(models.TextChoices):
    CHESHIRE_MERSEYSIDE = "cheshire_merseyside", "Cheshire and Merseyside"
    GREATER_MANCHESTER = "greater_manchester", "Greater Manchester"
    LANCASHIRE_SOUTH_CUMBRIA = "lancashire_south_cumbria", "Lancashire and South Cumbria"


class Specialty(models.TextChoices):
    """Specialty groups, broad enough that every trainee finds theirs and filters stay useful."""

    ANAESTHETICS = "anaesthetics", "Anaesthetics and intensive care"
    DENTISTRY = "dentistry", "Dentistry"
    EMERGENCY = "emergency-medicine", "Emergency medicine"
    FOUNDATION = "foundation", "Foundation programme"
    GENERAL_PRACTICE = "general-practice", "General practice"
    MEDICINE = "medicine", "Medicine"
    OBSTETRICS = "obstetrics", "Obstetrics and gynaecology"
    OPHTHALMOLOGY = "ophthalmology", "Ophthalmology"
    PAEDIATRICS = "paediatrics", "Paediatrics"
    PATHOLOGY = "pathology", "Pathology"
    PSYCHIATRY = "psychiatry", "Psychiatry"
    PUBLIC_HEALTH = "public-health", "Public health"
    RADIOLOGY = "radiology", "Radiology"
    SURGERY = "surgery", "Surgery"
    CROSS_SPECIALTY = "cross-specialty", "More than one specialty"
    OTHER = "other", "Other"


class OversightGroupOutcome(models.TextChoices):
    NOT_REQUESTED = "not_requested", "Not requested"
    REQUESTED = "requested", "Requested, not yet decided"
    SHORTLISTED = "shortlisted", "Shortlisted"
    APPOINTED = "appointed", "Appointed"
    NOT_APPOINTED = "not_appointed", "Not appointed"


class Membership(models.Model):
    """A trainee's membership of the network for one cohort (created when an application is accepted)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="memberships")
    email = LowercaseEmailField()
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    full_name = models.CharField(max_length=200)
    workstreams = models.ManyToManyField(
        "workstreams.Workstream", blank=True, related_name="memberships"
    )
    application = models.OneToOneField(
        "Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membership",
        help_text="The accepted application this membership came from.",
    )
    oversight_group_outcome = models.CharField(
        "Oversight Group",
        max_length=20,
        choices=OversightGroupOutcome.choices,
        default=OversightGroupOutcome.NOT_REQUESTED,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            UniqueAddressConstraint(
                "cohort",
                Lower("email"),
                name="one_membership_per_email_per_cohort",
                violation_error_message="This email address already has a membership of this "
                "cohort.",
            )
        ]
        # The admin's search (MembershipAdmin.search_fields).
        indexes = [
            admin_search_index("full_name", name="membership_name_trigram"),
            admin_search_index("email", name="membership_email_trigram"),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.cohort})"


class Application(models.Model):
    """A trainee's application to join the network for one cohort."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        IN_REVIEW = "in_review", "In review"
        ACCEPTED = "accepted", "Accepted"
        WAITLISTED = "waitlisted", "Waiting list"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # Which status may follow which. Accepted, declined and withdrawn are final.
    TRANSITIONS = {
        Status.SUBMITTED: {
            Status.IN_REVIEW,
            Status.ACCEPTED,
            Status.WAITLISTED,
            Status.DECLINED,
            Status.WITHDRAWN,
        },
        Status.IN_REVIEW: {Status.ACCEPTED, Status.WAITLISTED, Status.DECLINED, Status.WITHDRAWN},
        Status.WAITLISTED: {Status.IN_REVIEW, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN},
        Status.ACCEPTED: set(),
        Status.DECLINED: set(),
        Status.WITHDRAWN: set(),
    }
    # Statuses whose applications the retention task deletes once old enough.
    UNSUCCESSFUL = (Status.DECLINED, Status.WITHDRAWN)

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="applications")
    reference = models.CharField(max_length=12, unique=True, editable=False)
    full_name = models.CharField(max_length=200)
    pronouns = models.CharField(max_length=50, blank=True)
    email = LowercaseEmailField("NHS email address")
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        help_text="The account with this verified address, linked automatically.",
    )
    phone = models.CharField("phone number", max_length=30, blank=True)
    profession = models.CharField(max_length=20, choices=Profession.choices)
    grade = models.CharField(max_length=20, choices=Grade.choices)
    specialty = models.CharField(max_length=120)
    employing_trust = models.CharField("employing trust or lead employer", max_length=200)
    area = models.CharField("area of the North West", max_length=30, choices=Area.choices)
    workstreams = models.ManyToManyField("workstreams.Workstream", related_name="applications")
    oversight_group_statement = models.TextField(
        "Oversight Group statement",
        blank=True,
        help_text="Empty when the applicant did not ask to be considered.",
    )
    oversight_group_outcome = models.CharField(
        "Oversight Group",
        max_length=20,
        choices=OversightGroupOutcome.choices,
        default=OversightGroupOutcome.NOT_REQUESTED,
    )
    motivation = models.TextField("why they want to join")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    status_changed_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    internal_notes = models.TextField(
        blank=True, help_text="Seen only by admins. Never sent to the applicant."
    )
    emails = emails_about()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            # A withdrawn or declined applicant may apply to the same cohort again.
            UniqueAddressConstraint(
                "cohort",
                Lower("email"),
                condition=~models.Q(status__in=["declined", "withdrawn"]),
                name="one_active_application_per_email_per_cohort",
                violation_error_message="This email address already has an application to this "
                "cohort that is not withdrawn or declined.",
            )
        ]
        indexes = [
            models.Index(fields=["status", "status_changed_at"]),
            # The reports count a cohort's applications by these columns (reports/sections/
            # network.py and diversity.py): read from the index alone, not from the wide rows.
            models.Index(
                fields=["cohort"],
                include=[
                    "id",
                    "status",
                    "oversight_group_outcome",
                    "profession",
                    "area",
                    "grade",
                    "employing_trust",
                ],
                name="application_cohort_counts",
            ),
            # The admin's search (ApplicationAdmin.search_fields).
            admin_search_index("full_name", name="application_name_trigram"),
            admin_search_index("email", name="application_email_trigram"),
            admin_search_index("reference", name="application_ref_trigram"),
            admin_search_index("employing_trust", name="application_trust_trigram"),
        ]

    def __str__(self):
        return f"{self.reference} {self.full_name}"

    @property
    def wants_oversight_group(self):
        return self.oversight_group_outcome != OversightGroupOutcome.NOT_REQUESTED

    def can_become(self, status):
        return status in self.TRANSITIONS[self.status]

    @property
    def can_withdraw(self):
        return self.can_become(self.Status.WITHDRAWN)

    @property
    def can_apply_again(self):
        """A withdrawn or declined applicant may apply again while the cohort takes applications."""
        return self.status in self.UNSUCCESSFUL and self.cohort.is_open()


class ApplicationStatusChange(models.Model):
    """One change to an application's status or Oversight Group outcome: what, who and when."""

    class Field(models.TextChoices):
        STATUS = "status", "Status"
        OVERSIGHT_GROUP = "oversight_group_outcome", "Oversight Group"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    field = models.CharField(max_length=30, choices=Field.choices, default=Field.STATUS)
    from_value = models.CharField(max_length=20, blank=True)
    to_value = models.CharField(max_length=20)
    changed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the applicant made the change.",
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = "status change"

    def __str__(self):
        return f"{self.application.reference}: {self.from_value or '-'} to {self.to_value}"

    def _label(self, value):
        choices = Application.Status if self.field == self.Field.STATUS else OversightGroupOutcome
        return dict(choices.choices).get(value, value)

    @property
    def from_label(self):
        return self._label(self.from_value) if self.from_value else ""

    @property
    def to_label(self):
        return self._label(self.to_value)


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class EthnicGroup(models.TextChoices):
    """The ONS 2021 census ethnic groups for England, each with its high-level group first."""

    INDIAN = "asian_indian", "Asian or Asian British: Indian"
    PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    OTHER_ASIAN = "asian_other", "Asian or Asian British: Any other Asian background"
    CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
    AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
    OTHER_BLACK = (
        "black_other",
        "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background",
    )
    WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        "Mixed or multiple ethnic groups: White and Black Caribbean",
    )
    WHITE_BLACK_AFRICAN = (
        "mixed_white_black_african",
        "Mixed or multiple ethnic groups: White and Black African",
    )
    WHITE_ASIAN = "mixed_white_asian", "Mixed or multiple ethnic groups: White and Asian"
    OTHER_MIXED = (
        "mixed_other",
        "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
    )
    WHITE_BRITISH = (
        "white_british",
        "White: English, Welsh, Scottish, Northern Irish or British",
    )
    WHITE_IRISH = "white_irish", "White: Irish"
    GYPSY_TRAVELLER = "white_gypsy_traveller", "White: Gypsy or Irish Traveller"
    ROMA = "white_roma", "White: Roma"
    OTHER_WHITE = "white_other", "White: Any other White background"
    ARAB = "other_arab", "Other ethnic group: Arab"
    OTHER = "other_other", "Other ethnic group: Any other ethnic group"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"

    @classmethod
    def broad_group(cls, value):
        """'Asian or Asian British' for 'asian_indian': the census's high-level group."""
        label = dict(cls.choices).get(value, "")
        return label.partition(":")[0] if ":" in label else label


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", "Straight or heterosexual"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Other sexual orientation"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    BUDDHIST = "buddhist", "Buddhist"
    CHRISTIAN = "christian", "Christian"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion or belief"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class AgeBand(models.TextChoices):
    UNDER_25 = "under_25", "Under 25"
    FROM_25_TO_29 = "25_29", "25 to 29"
    FROM_30_TO_34 = "30_34", "30 to 34"
    FROM_35_TO_39 = "35_39", "35 to 39"
    FROM_40_TO_49 = "40_49", "40 to 49"
    FROM_50 = "50_plus", "50 or over"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class EqualityMonitoring(models.Model):
    """An applicant's optional equality-monitoring answers, kept apart from the application.

    Seen only by users with the view_equalitymonitoring permission, and reported only in
    aggregate. An empty answer means the question was skipped.
    """

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="equality_monitoring"
    )
    ethnic_group = models.CharField(max_length=40, choices=EthnicGroup.choices, blank=True)
    disability = models.CharField(max_length=20, choices=YesNo.choices, blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    gender_same_as_sex_at_birth = models.CharField(
        "gender identity the same as sex registered at birth",
        max_length=20,
        choices=YesNo.choices,
        blank=True,
    )
    sexual_orientation = models.CharField(
        max_length=20, choices=SexualOrientation.choices, blank=True
    )
    religion = models.CharField(
        "religion or belief", max_length=20, choices=Religion.choices, blank=True
    )
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    caring_responsibilities = models.CharField(max_length=20, choices=YesNo.choices, blank=True)
    qualified_outside_uk = models.CharField(
        "primary medical or dental qualification outside the UK",
        max_length=20,
        choices=YesNo.choices,
        blank=True,
    )
    less_than_full_time = models.CharField(
        "less than full time training", max_length=20, choices=YesNo.choices, blank=True
    )

    ANSWER_FIELDS = (
        "ethnic_group",
        "disability",
        "sex",
        "gender_same_as_sex_at_birth",
        "sexual_orientation",
        "religion",
        "age_band",
        "caring_responsibilities",
        "qualified_outside_uk",
        "less_than_full_time",
    )

    class Meta:
        verbose_name = "equality monitoring answers"
        verbose_name_plural = "equality monitoring answers"

    def __str__(self):
        return f"Equality monitoring for {self.application.reference}"
