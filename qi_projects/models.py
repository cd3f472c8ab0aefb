from django.conf import settings
from django.db import models
from django.urls import reverse

from edi_portal.academic_year import academic_year_for
from edi_portal.fulltext import (
    SearchableManager,
    admin_search_index,
    search_document_field,
    search_index,
)
from edi_portal.links import address_of_each
from edi_portal.models import SlugFromTitleMixin, emails_about
from edi_portal.uploads import RandomPdfName, validate_pdf
from network.models import Specialty

from .permissions import is_moderator


class Theme(models.TextChoices):
    """The themes of the GMC's Promoting Excellence standards."""

    LEARNING_ENVIRONMENT = "learning-environment", "Learning environment and culture"
    GOVERNANCE = "governance", "Educational governance and leadership"
    SUPPORTING_LEARNERS = "supporting-learners", "Supporting learners"
    SUPPORTING_EDUCATORS = "supporting-educators", "Supporting educators"
    CURRICULA = "curricula", "Developing and implementing curricula and assessments"


class EdiFocus(models.TextChoices):
    RACE = "race", "Race and ethnicity"
    DISABILITY = "disability", "Disability"
    IMG = "img", "International medical graduates"
    GENDER = "gender", "Gender"
    LGBTQ = "lgbtq", "LGBTQ+"
    NEURODIVERSITY = "neurodiversity", "Neurodiversity"
    HEALTH_INEQUITY = "health-inequity", "Health inequity"
    RELIGION = "religion", "Religion or belief"
    INCLUSION = "inclusion", "Inclusion in general"


class Stage(models.TextChoices):
    IDEA = "idea", "Idea"
    IN_PROGRESS = "in-progress", "In progress"
    COMPLETED = "completed", "Completed"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    CHANGES_REQUESTED = "changes-requested", "Changes requested"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Paths under /qi-projects/ that are pages, so no project may take them as its slug.
RESERVED_SLUGS = {"submit", "mine", "conference", "report"}

TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 5000


# What the gallery's search and site search read, most important first (edi_portal.fulltext).
SEARCH_FIELDS = ("title", "aim", "results", "change_ideas", "measures", "trust", "team_members")


class QIProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Published projects, plus the user's own, plus every project for moderators."""
        if is_moderator(user):
            return self
        if user.is_authenticated:
            return self.filter(models.Q(status=Status.PUBLISHED) | models.Q(author=user))
        return self.published()


class QIProject(SlugFromTitleMixin, models.Model):
    """A trainee's quality-improvement project, from draft to the public gallery."""

    reserved_slugs = RESERVED_SLUGS
    slug_fallback = "project"

    # A rejected project may be changed by its author: it becomes a new draft when saved.
    EDITABLE_STATUSES = {Status.DRAFT, Status.CHANGES_REQUESTED, Status.WITHDRAWN, Status.REJECTED}

    slug = models.SlugField(max_length=80, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="qi_projects",
        help_text="The trainee who submitted it; they are emailed at each step.",
    )
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    team_members = models.TextField(
        max_length=1000, help_text="Names and roles of everyone in the team, one on each line."
    )
    trust = models.CharField("trust or organisation", max_length=200)
    specialty = models.CharField(max_length=30, choices=Specialty)
    theme = models.CharField("GMC Promoting Excellence theme", max_length=30, choices=Theme)
    edi_focus = models.CharField("EDI focus", max_length=30, choices=EdiFocus)
    aim = models.TextField(max_length=TEXT_MAX_LENGTH)
    change_ideas = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    measures = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    results = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    stage = models.CharField(max_length=20, choices=Stage)
    academic_year = models.CharField(max_length=7, default=academic_year_for)
    poster = models.FileField(
        "poster or report (PDF)",
        upload_to=RandomPdfName("qi-posters"),
        blank=True,
        validators=[validate_pdf],
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    search_document = search_document_field()  # SEARCH_FIELDS
    emails = emails_about()

    objects = SearchableManager.from_queryset(QIProjectQuerySet)()

    class Meta:
        verbose_name = "QI project"
        ordering = ["-published_at", "-created_at"]
        indexes = [
            # The gallery's filter and order exactly, so any page is read from the index.
            models.Index(fields=["status", "-published_at", "id"], name="qi_gallery_order"),
            models.Index(fields=["status", "academic_year"], name="qi_status_year"),
            # A year's projects in the annual report's order, and the gallery's filters and the
            # report's tables counted from the index alone.
            models.Index(
                fields=["status", "academic_year", "theme", "title", "id"],
                include=["edi_focus", "specialty", "stage"],
                name="qi_report_order",
            ),
            # The admin list's order (Meta.ordering, then the primary key), newest first.
            models.Index(fields=["-published_at", "-created_at", "-id"], name="qi_admin_order"),
            search_index(name="qi_search"),
            # The admin's search (QIProjectAdmin.search_fields; the author's address is the
            # users' own index).
            admin_search_index("title", name="qiproject_title_trigram"),
            admin_search_index("aim", name="qiproject_aim_trigram"),
            admin_search_index("results", name="qiproject_results_trigram"),
            admin_search_index("team_members", name="qiproject_team_trigram"),
            admin_search_index("trust", name="qiproject_trust_trigram"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(theme__in=Theme.values),
                name="qi_theme",
                violation_error_message="Choose a GMC Promoting Excellence theme from the list.",
            ),
            models.CheckConstraint(
                condition=models.Q(edi_focus__in=EdiFocus.values),
                name="qi_edi_focus",
                violation_error_message="Choose an EDI focus from the list.",
            ),
            models.CheckConstraint(
                condition=models.Q(specialty__in=Specialty.values),
                name="qi_specialty",
                violation_error_message="Choose a specialty from the list.",
            ),
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values),
                name="qi_stage",
                violation_error_message="Choose a project stage from the list.",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="qi_status",
                violation_error_message="Choose a status from the list.",
            ),
            models.CheckConstraint(
                condition=models.Q(academic_year__regex=r"^[0-9]{4}-[0-9]{2}$"),
                name="qi_academic_year_format",
                violation_error_message="Write the academic year like 2026-27.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.PUBLISHED) | models.Q(published_at__isnull=False),
                name="qi_published_has_date",
                violation_error_message="A published project needs the date it was published.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address_of_each("qi_projects:detail", "slug")(self.slug)

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def can_be_submitted(self):
        return self.is_editable and self.status != Status.REJECTED

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


class ModerationEvent(models.Model):
    """One step in a project's life; its id keys the email that step sends (exactly once)."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        CHANGES_REQUESTED = "changes-requested", "Changes requested"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    project = models.ForeignKey(QIProject, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(blank=True, help_text="What the moderator told the author.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.project}"


class SubmittedProject(QIProject):
    """The moderation queue in admin: projects waiting for a decision."""

    class Meta:
        proxy = True
        verbose_name = "submitted project (moderation queue)"
        verbose_name_plural = "moderation queue"


class QIConference(models.Model):
    """The QI conference of one academic year, and the projects presented at it."""

    academic_year = models.CharField(max_length=7, unique=True, default=academic_year_for)
    date = models.DateField()
    venue = models.CharField(max_length=300)
    submission_deadline = models.DateField(
        help_text="Projects submitted by this date are considered for presentation."
    )
    details = models.TextField(blank=True, help_text="Plain text: programme, how to get there.")
    presenting_projects = models.ManyToManyField(
        QIProject,
        blank=True,
        related_name="conferences",
        limit_choices_to={"status": Status.PUBLISHED},
    )

    class Meta:
        verbose_name = "QI conference"
        ordering = ["-academic_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(submission_deadline__lte=models.F("date")),
                name="qi_conference_deadline_before_date",
                violation_error_message="The submission deadline must be on or before the conference date.",
            ),
            models.CheckConstraint(
                condition=models.Q(academic_year__regex=r"^[0-9]{4}-[0-9]{2}$"),
                name="qi_conference_academic_year_format",
                violation_error_message="Write the academic year like 2026-27.",
            ),
        ]

    def __str__(self):
        return f"QI conference {self.academic_year}"

    def get_absolute_url(self):
        return reverse("qi_projects:conference", kwargs={"year": self.academic_year})
