"""Publishing needs captions, a transcript and everyone's consent; consent is emailed with a
signed withdrawal link; withdrawal takes the story down at once and its files go from storage."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.storage import default_storage

from edi_portal.models import OutboundEmail
from stories import services
from stories.models import ConsentRecord, Status, Story

from .factories import ConsentFactory, PublishedStoryFactory, StoryFactory
from .media_files import captions_upload, poster_upload

pytestmark = pytest.mark.django_db

SPEAKER = ConsentRecord.Withdrawal.SPEAKER


def stored(story):
    return [f.name for f in (story.video, story.captions, story.poster) if f]


def test_a_story_with_captions_transcript_and_consent_is_published():
    story = StoryFactory()
    ConsentFactory(story=story)
    services.publish_story(story=story)
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED and story.published_at is not None


def test_publishing_is_refused_with_each_thing_that_is_missing():
    story = StoryFactory(captions="", transcript="  ")
    with pytest.raises(services.PublishingRefused) as refusal:
        services.publish_story(story=story)
    assert refusal.value.problems == {
        "captions": ["Upload the captions (a WebVTT file) before publishing"],
        "transcript": ["Write the transcript before publishing"],
        None: ["Record the consent of each person who appears in the video before publishing"],
    }
    assert Story.objects.get().status == Status.DRAFT


def test_stored_captions_are_checked_again_against_the_video_as_it_is_now():
    story = StoryFactory(duration=2.0)  # the captions run to 3.9 s
    ConsentFactory(story=story)
    with pytest.raises(services.PublishingRefused) as refusal:
        services.publish_story(story=story)
    assert refusal.value.problems == {
        "captions": [
            "Caption 2 (00:00:01.500) ends at 00:00:03.900, after the video ends (00:00:02.000)"
        ]
    }


def test_consent_only_for_teaching_does_not_let_a_story_onto_the_portal():
    story = StoryFactory()
    ConsentFactory(story=story, agreed_to_portal=False)
    with pytest.raises(services.PublishingRefused, match="has not agreed to it being shown"):
        services.publish_story(story=story)


def test_recording_consent_emails_what_was_agreed_with_a_working_withdrawal_link(
    client, django_capture_on_commit_callbacks
):
    story = StoryFactory(title="Spoken up for")
    with django_capture_on_commit_callbacks(execute=True):
        consent = services.record_consent(
            consent=ConsentRecord(
                story=story,
                name="Dr Amina Yusuf",
                email="amina.yusuf@nhs.net",
                agreed_to_portal=True,
                agreed_to_teaching=False,
                credit="named",
            )
        )
    [sent] = [m for m in mail.outbox if m.to == ["amina.yusuf@nhs.net"]]
    assert sent.subject == 'Your consent to appear in "Spoken up for"'
    assert "Used in teaching: no" in sent.body
    assert "Named or anonymous: Named" in sent.body
    assert settings.SITE_URL + consent.withdrawal_url in sent.body
    # The outbox keeps no copy of the private link once the email has gone.
    email = OutboundEmail.objects.get(to="amina.yusuf@nhs.net")
    assert email.status == "sent" and consent.withdrawal_url not in email.text_body
    assert client.get(consent.withdrawal_url).status_code == 200


def test_a_tampered_withdrawal_link_is_not_found(client):
    consent = ConsentFactory()
    assert client.get(consent.withdrawal_url + "x").status_code == 404
    assert client.get("/stories/consent/nonsense/").status_code == 404


def test_withdrawal_takes_the_story_down_at_once_and_deletes_its_files(
    django_capture_on_commit_callbacks,
):
    story = PublishedStoryFactory(poster=poster_upload(), poster_alt="A hospital corridor")
    names = stored(story)
    assert len(names) == 3 and all(default_storage.exists(name) for name in names)
    consent = story.consents.get()

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_consent(consent=consent, by=SPEAKER)

    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN and story.withdrawn_at is not None
    assert not any(default_storage.exists(name) for name in names)
    assert stored(story) == [] and story.transcript == "" and story.files_deleted_at
    consent.refresh_from_db()
    assert consent.withdrawal == SPEAKER
    assert (
        OutboundEmail.objects.filter(to=consent.email, template="stories/consent_withdrawn").count()
        == 1
    )


def test_the_deletion_task_catches_up_and_running_it_again_changes_nothing(
    django_capture_on_commit_callbacks,
):
    story = PublishedStoryFactory()
    names = stored(story)
    # Redis was down: the withdrawal's own deletion was never queued.
    with django_capture_on_commit_callbacks(execute=False):
        services.withdraw_consent(consent=story.consents.get(), by=SPEAKER)
    assert all(default_storage.exists(name) for name in names)

    assert services.delete_withdrawn_story_files() == 1
    assert not any(default_storage.exists(name) for name in names)
    assert services.delete_withdrawn_story_files() == 0


def test_withdrawing_twice_sends_one_email_and_a_withdrawn_story_stays_down():
    story = PublishedStoryFactory()
    consent = story.consents.get()
    services.withdraw_consent(consent=consent, by=SPEAKER)
    services.withdraw_consent(consent=consent, by=ConsentRecord.Withdrawal.STAFF)
    assert OutboundEmail.objects.filter(template="stories/consent_withdrawn").count() == 1
    story.refresh_from_db()
    story.captions = captions_upload()
    with pytest.raises(services.PublishingRefused, match="cannot be published again"):
        services.publish_story(story=story)
