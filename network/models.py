from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


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
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

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
            )
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A trainee's membership of the network for one cohort (created when an application is accepted)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="memberships")
    email = models.EmailField()
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    full_name = models.CharField(max_length=200)
    workstreams = models.ManyToManyField(
        "workstreams.Workstream", blank=True, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "email"], name="one_membership_per_email_per_cohort"
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.cohort})"


class Concern(models.Model):
    """A concern raised through the website, related to a protected or other characteristic.

    Sensitive: readable in admin only by users with the view_concern permission (superusers
    aside); notification emails carry no part of it. Deleted after CONCERN_RETENTION_DAYS.
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

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in-progress", "In progress"
        CLOSED = "closed", "Closed"

    reference = models.CharField(max_length=12, unique=True, editable=False)
    characteristic = models.CharField(max_length=30, choices=Characteristic)
    characteristic_other = models.CharField(
        "something else (described)", max_length=200, blank=True
    )
    details = models.TextField("what happened", max_length=5000)
    email = models.EmailField(
        blank=True, help_text="Empty when the person chose to stay anonymous."
    )
    status = models.CharField(max_length=12, choices=Status, default=Status.NEW)
    notes = models.TextField("internal notes", blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        # No add or delete: concerns come only from the public form and leave by retention.
        default_permissions = ("view", "change")

    def __str__(self):
        return f"Concern {self.reference}"

    @property
    def is_anonymous(self):
        return not self.email
