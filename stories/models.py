"""Trainees' stories: videos with captions and a transcript, and the consent of each person who
appears in them (kept apart, for staff with the consent permission only)."""

import uuid

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from edi_portal.addresses import LowercaseEmailField
from edi_portal.fulltext import SearchableManager, search_document_field, search_index
from edi_portal.links import address_of_each
from edi_portal.models import SlugFromTitleMixin, emails_about
from workstreams.models import Workstream

from . import media

# What site search and the list's search read, most important first (edi_portal.fulltext).
SEARCH_FIELDS = ("title", "summary", "transcript")
# Paths under /stories/ that are pages, so no story may take them as its slug.
RESERVED_SLUGS = {"consent"}
# Speakers' withdrawal links carry their consent record under this salt.
CONSENT_LINK_SALT = "stories.consent-withdrawal"


def _stored_name(folder, extension):
    return f"stories/{folder}/{uuid.uuid4().hex}.{extension}"


def video_name(instance, filename):
    """A random name whose extension is the container found in the file's bytes (object storage
    serves the file with the content type that extension gives)."""
    return _stored_name("videos", media.container_of(media.first_bytes(instance.video)) or "video")


def captions_name(instance, filename):
    return _stored_name("captions", "vtt")


def poster_name(instance, filename):
    return _stored_name("posters", media.image_extension(instance.poster))


class Topic(models.Model):
    """What a story is about ("Racism", "Being an international graduate"), for the filter."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


def may_preview_drafts(user):
    """Editors of stories see drafts on the website before they are published."""
    return user.has_perm("stories.change_story")


class StoryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Published and withdrawn stories (whose page says so), and drafts for their editors."""
        return self.shown_to(editor=may_preview_drafts(user))

    def shown_to(self, *, editor):
        """What visible_to() gives a user who is (or is not) an editor of stories."""
        return self if editor else self.exclude(status=Status.DRAFT)


class Story(SlugFromTitleMixin, models.Model):
    reserved_slugs = RESERVED_SLUGS
    slug_fallback = "story"

    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True, editable=False)
    summary = models.CharField(max_length=300, help_text="One or two sentences, shown in lists.")
    workstream = models.ForeignKey(
        Workstream, on_delete=models.PROTECT, related_name="stories", null=True, blank=True
    )
    topics = models.ManyToManyField(Topic, related_name="stories", blank=True)
    content_warning = models.TextField(
        max_length=500,
        help_text="Shown before the video: what the story describes, so viewers can choose "
        "(for example: racist abuse from a patient).",
    )
    video = models.FileField(
        "video (MP4 or WebM)",
        upload_to=video_name,
        help_text="MP4 with H.264, or WebM with VP8, VP9 or AV1.",
    )
    captions = models.FileField(
        "captions (WebVTT)",
        upload_to=captions_name,
        blank=True,
        help_text="Needed to publish: a .vtt file whose captions fit the video.",
    )
    transcript = models.TextField(
        blank=True, help_text="Needed to publish: shown under the video, and found by search."
    )
    poster = models.FileField(
        "poster image (JPEG or PNG)",
        upload_to=poster_name,
        blank=True,
        validators=[media.validate_poster],
        help_text="Shown before the video plays and in the list of stories.",
    )
    poster_alt = models.CharField(
        "poster image description",
        max_length=200,
        blank=True,
        help_text="What the poster shows, for people who cannot see it.",
    )
    # Read from the video's bytes whenever a new video is uploaded.
    video_format = models.CharField(max_length=4, editable=False)
    duration = models.FloatField("length in seconds", null=True, editable=False)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the video, captions, poster and transcript of a withdrawn story were deleted.
    files_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_document = search_document_field()  # SEARCH_FIELDS

    objects = SearchableManager.from_queryset(StoryQuerySet)()

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at", "id"], name="stories_list_order"),
            search_index(name="stories_search"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="stories_status",
                violation_error_message="Choose a status from the list.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.PUBLISHED) | models.Q(published_at__isnull=False),
                name="stories_published_has_date",
                violation_error_message="A published story needs the date it was published.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.WITHDRAWN) | models.Q(withdrawn_at__isnull=False),
                name="stories_withdrawn_has_date",
                violation_error_message="A withdrawn story needs the date it was withdrawn.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address_of_each("stories:detail", "slug")(self.slug)

    @classmethod
    def topic_names_by_story(cls, stories):
        """{story pk: [topic name, ...]} in name order, for a page of stories, in one query and
        without a model instance per topic."""
        links = cls.topics.through.objects.filter(story__in=[story.pk for story in stories])
        names = {}
        for story_id, name in links.order_by("topic__name").values_list("story_id", "topic__name"):
            names.setdefault(story_id, []).append(name)
        return names

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_withdrawn(self):
        return self.status == Status.WITHDRAWN

    @property
    def content_type(self):
        return media.CONTENT_TYPES.get(self.video_format, "application/octet-stream")

    def clean(self):
        """Reads a newly uploaded video's container and length, and checks newly uploaded
        captions against the video (the new one, or the one already stored)."""
        errors = {}
        if self.video and not self.video._committed:
            try:
                video = media.inspect_video(self.video)
            except ValidationError as error:
                errors["video"] = error.error_list
                self.duration = None
            else:
                self.video_format, self.duration = video.format, video.duration
        if self.captions and not self.captions._committed and self.duration:
            try:
                media.check_captions(self.captions, duration=self.duration)
            except ValidationError as error:
                errors["captions"] = error.error_list
        if self.poster and not self.poster_alt.strip():
            errors["poster_alt"] = "Describe the poster image for people who cannot see it"
        if errors:
            raise ValidationError(errors)

    def publishing_problems(self):
        """{field name or None: [what is wrong]} that stop this story being published; empty
        when it can be. Stored captions are checked again, against the video as it is now."""
        problems = {}
        if self.is_withdrawn:
            problems[None] = ["This story was withdrawn: it cannot be published again"]
            return problems
        if not self.video or not self.duration:
            problems["video"] = ["Upload the video before publishing"]
        if not self.captions:
            problems["captions"] = ["Upload the captions (a WebVTT file) before publishing"]
        elif self.duration and self.captions._committed:  # a new upload was checked in clean()
            try:
                with self.captions.open("rb"):
                    media.check_captions(self.captions, duration=self.duration)
            except ValidationError as error:
                problems["captions"] = error.messages
            except OSError:
                problems["captions"] = ["The captions file is missing: upload it again"]
        if not self.transcript.strip():
            problems["transcript"] = ["Write the transcript before publishing"]
        if self.pk is None or not self.consents.exists():
            problems.setdefault(None, []).append(
                "Record the consent of each person who appears in the video before publishing"
            )
        elif self.consents.filter(withdrawn_at__isnull=False).exists():
            problems.setdefault(None, []).append(
                "Someone who appears in the video has withdrawn their consent"
            )
        elif self.consents.filter(agreed_to_portal=False).exists():
            problems.setdefault(None, []).append(
                "Someone who appears in the video has not agreed to it being shown on the portal"
            )
        return problems


class Credit(models.TextChoices):
    NAMED = "named", "Named"
    ANONYMOUS = "anonymous", "Anonymous"


class ConsentRecord(models.Model):
    """One person who appears in a story, and what they agreed to. Only staff with the
    manage_consent permission see these (admin); the person withdraws by their signed link."""

    class Withdrawal(models.TextChoices):
        SPEAKER = "speaker", "By the person, through their link"
        STAFF = "staff", "By staff"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="consents")
    name = models.CharField(max_length=150)
    email = LowercaseEmailField(
        help_text="Where we send the consent email and its withdrawal link."
    )
    consented_on = models.DateField("date of consent", default=timezone.localdate)
    agreed_to_portal = models.BooleanField(
        "agreed to the video being shown on this portal", default=False
    )
    agreed_to_teaching = models.BooleanField(
        "agreed to the video being used in teaching", default=False
    )
    credit = models.CharField(
        "named or anonymous", max_length=10, choices=Credit, default=Credit.ANONYMOUS
    )
    # Who recorded or withdrew it is in the admin history.
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawal = models.CharField(max_length=10, choices=Withdrawal, blank=True, editable=False)
    emails = emails_about()

    class Meta:
        ordering = ["story", "name"]
        default_permissions = ()
        permissions = [("manage_consent", "Can see, record and withdraw consent for stories")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(credit__in=Credit.values),
                name="stories_consent_credit",
                violation_error_message="Choose named or anonymous.",
            ),
        ]

    def __str__(self):
        return f"{self.name}, for {self.story}"

    @property
    def withdrawal_token(self):
        return signing.Signer(salt=CONSENT_LINK_SALT).sign_object(self.pk)

    @property
    def withdrawal_url(self):
        return reverse("stories:withdraw_consent", kwargs={"token": self.withdrawal_token})

    @classmethod
    def for_token(cls, token):
        """The record a withdrawal link points at, or None for a tampered or unknown link."""
        try:
            pk = signing.Signer(salt=CONSENT_LINK_SALT).unsign_object(token)
        except (signing.BadSignature, ValueError):
            return None
        if not isinstance(pk, int):
            return None
        return cls.objects.select_related("story").filter(pk=pk).first()
