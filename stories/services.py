"""Publishing a story, recording the consent of the people in it, and withdrawing that consent:
used by admin, the speaker's withdrawal link and the scheduled clean-up alike."""

import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from edi_portal.services import send_email

from .models import ConsentRecord, Status, Story

logger = logging.getLogger(__name__)


class PublishingRefused(Exception):
    """The story cannot be published yet; `problems` is {field or None: [messages]}."""

    def __init__(self, problems):
        super().__init__(
            "; ".join(message for messages in problems.values() for message in messages)
        )
        self.problems = problems


def publish_story(*, story):
    """Publish a story that has its video, valid captions, a transcript and everyone's consent."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        if story.is_published:
            return story
        problems = story.publishing_problems()
        if problems:
            raise PublishingRefused(problems)
        story.status = Status.PUBLISHED
        story.published_at = story.published_at or timezone.now()
        story.save(update_fields=["status", "published_at", "updated_at"])
    return story


def _consent_context(consent):
    return {
        "consent": consent,
        "story_title": consent.story.title,
        "withdrawal_url": settings.SITE_URL + consent.withdrawal_url,
        "contact_email": settings.NETWORK_CONTACT_EMAIL,
    }


def record_consent(*, consent):
    """Save a new consent record and email the person what they agreed to, with their
    withdrawal link (the outbox keeps that link only until the email has gone)."""
    with transaction.atomic():
        consent.save()
        send_email(
            to=consent.email,
            template="stories/consent_recorded",
            context=_consent_context(consent),
            idempotency_key=f"story-consent:{consent.pk}",
            about=consent,
        )
    return consent


def withdraw_consent(*, consent, by):
    """Withdraw one person's consent: their story leaves the portal at once, for good, and its
    files are deleted once this commits (and by the beat task should that fail).

    `by` is who withdrew it (ConsentRecord.Withdrawal: the person by their link, or staff).
    Withdrawing twice changes nothing. Returns the consent record.
    """
    with transaction.atomic():
        consent = (
            ConsentRecord.objects.select_for_update().select_related("story").get(pk=consent.pk)
        )
        if consent.withdrawn_at is not None:
            return consent
        now = timezone.now()
        consent.withdrawn_at = now
        consent.withdrawal = by
        consent.save(update_fields=["withdrawn_at", "withdrawal"])
        Story.objects.filter(pk=consent.story_id).exclude(status=Status.WITHDRAWN).update(
            status=Status.WITHDRAWN, withdrawn_at=now, updated_at=now
        )
        send_email(
            to=consent.email,
            template="stories/consent_withdrawn",
            context=_consent_context(consent),
            idempotency_key=f"story-consent-withdrawn:{consent.pk}",
            about=consent,
        )
        transaction.on_commit(_queue_file_deletion)
    return consent


def _queue_file_deletion():
    """Queue the clean-up now; if Redis is down the beat task does it within the hour."""
    try:
        delete_withdrawn_story_files.delay()
    except Exception as error:  # kombu raises several types for an unreachable broker
        logger.warning("Could not queue the deletion of withdrawn stories' files (%s)", error)


@shared_task(name="stories.tasks.delete_withdrawn_story_files")
def delete_withdrawn_story_files():
    """After each withdrawal, and every STORY_WITHDRAWN_FILES_HOURS (CELERY_BEAT_SCHEDULE).
    Delete the video, captions and poster from storage, and the transcript, of every withdrawn
    story that still has them. Running it again changes nothing. Returns how many stories."""
    done = 0
    stories = Story.objects.filter(status=Status.WITHDRAWN, files_deleted_at__isnull=True)
    for story in stories.only("pk", "video", "captions", "poster"):
        for field_file in (story.video, story.captions, story.poster):
            if field_file:
                field_file.storage.delete(field_file.name)
        # update(), not save(): nothing else about the row changes, and no signal runs again.
        Story.objects.filter(pk=story.pk).update(
            video="",
            captions="",
            poster="",
            poster_alt="",
            transcript="",
            files_deleted_at=timezone.now(),
        )
        done += 1
    return done
