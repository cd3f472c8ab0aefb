"""Staff upload stories in admin: bad files get a clear error at their field (never a 500),
publishing is refused with each reason, and consent records are for their permission only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stories.models import ConsentRecord, Status, Story
from tests.factories import StaffFactory, WorkstreamFactory, give_authenticator
from tests.reports.conftest import grant

from .factories import ConsentFactory, PublishedStoryFactory, StoryFactory
from .media_files import CAPTIONS, captions_upload, poster_upload, video_upload

pytestmark = pytest.mark.django_db

ADD = "/admin/stories/story/add/"


@pytest.fixture
def editor(client):
    staff = grant(StaffFactory(), "stories.add_story", "stories.change_story", "stories.view_story")
    give_authenticator(staff)
    client.force_login(staff)
    return client


def story_form(**changes):
    workstream = WorkstreamFactory()
    return {
        "title": "Refused by a patient",
        "summary": "A trainee describes a patient refusing their care.",
        "workstream": workstream.pk,
        "content_warning": "Describes racist abuse from a patient.",
        "video": video_upload(),
        "captions": captions_upload(),
        "transcript": "On my first day a patient refused my care.",
        "poster_alt": "",
        **changes,
    }


def errors_in(response):
    assert response.status_code == 200, response.status_code
    return " ".join(response.content.decode().split())


def test_staff_upload_a_draft_and_its_length_and_format_are_read(editor):
    response = editor.post(ADD, story_form(video=video_upload("clip.MOV")))
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.status == Status.DRAFT and story.video_format == "webm"
    assert story.duration == pytest.approx(4, abs=0.2)
    assert story.video.name.startswith("stories/videos/") and story.video.name.endswith(".webm")
    assert story.captions.name.endswith(".vtt")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"video": SimpleUploadedFile("story.mp4", b"%PDF-1.4 not a video" * 20)},
            "The selected file must be an MP4 or WebM video",
        ),
        (
            {"captions": captions_upload("WEBVTT\n\n00:00:0x.000 --> 00:00:01.000\nHi\n")},
            "The captions file has a caption whose timing cannot be read",
        ),
        (
            {"captions": captions_upload("1\n00:00:00,000 --> 00:00:01,000\nSRT, not VTT\n")},
            "The captions file must be WebVTT: its first line must be &quot;WEBVTT&quot;",
        ),
        (
            {"captions": captions_upload(CAPTIONS + "\n00:00:03.900 --> 00:00:09.000\nLate\n")},
            "Caption 3 (00:00:03.900) ends at 00:00:09.000, after the video ends (00:00:04.",
        ),
        ({"poster": poster_upload(content=b"GIF89a" + b"\0" * 30)}, "must be a JPEG or PNG"),
        ({"poster": poster_upload()}, "Describe the poster image for people who cannot see it"),
    ],
)
def test_bad_files_are_refused_at_their_field_with_what_is_wrong(editor, changes, message):
    html = errors_in(editor.post(ADD, story_form(**changes)))
    assert message in html
    assert not Story.objects.exists()


def test_an_oversize_video_is_refused(editor, settings):
    settings.STORY_VIDEO_MAX_BYTES = 500
    html = errors_in(editor.post(ADD, story_form()))
    assert "The selected video must be smaller than 500 bytes" in html  # spaces made plain


def test_publishing_is_refused_with_each_reason_then_allowed(editor):
    html = errors_in(editor.post(ADD, story_form(captions="", transcript="", publish="on")))
    assert "Upload the captions (a WebVTT file) before publishing" in html
    assert "Write the transcript before publishing" in html
    assert "Record the consent of each person who appears in the video" in html
    assert not Story.objects.exists()

    editor.post(ADD, story_form())
    story = Story.objects.get()
    ConsentFactory(story=story)
    change = f"/admin/stories/story/{story.pk}/change/"
    response = editor.post(change, story_form(video="", captions="", publish="on"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED


def test_new_captions_and_publishing_in_one_save(editor):
    story = StoryFactory(captions="", transcript="")
    ConsentFactory(story=story)
    response = editor.post(
        f"/admin/stories/story/{story.pk}/change/",
        story_form(video="", transcript="On my first day a patient refused my care.", publish="on"),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_published
    with story.captions.open("rb"):
        assert story.captions.read().decode() == CAPTIONS


def test_a_withdrawn_story_cannot_be_changed_in_admin(editor):
    story = PublishedStoryFactory(status=Status.WITHDRAWN, withdrawn_at="2026-01-01T10:00Z")
    page = errors_in(editor.get(f"/admin/stories/story/{story.pk}/change/"))
    assert 'name="title"' not in page and "Publish this story" not in page


@pytest.fixture
def consent_staff(client):
    staff = grant(StaffFactory(), "stories.manage_consent", "stories.view_story")
    give_authenticator(staff)
    client.force_login(staff)
    return client


def test_consent_records_are_hidden_from_staff_without_their_permission(editor):
    ConsentFactory(name="Dr Amina Yusuf")
    assert editor.get("/admin/stories/consentrecord/").status_code == 403
    assert "Consent records" not in editor.get("/admin/").content.decode()


def test_staff_with_the_permission_record_consent_and_it_is_emailed(consent_staff):
    story = StoryFactory()
    response = consent_staff.post(
        "/admin/stories/consentrecord/add/",
        {
            "story": story.pk,
            "name": "Dr Amina Yusuf",
            "email": "amina.yusuf@nhs.net",
            "consented_on": "2026-03-02",
            "agreed_to_portal": "on",
            "credit": "anonymous",
        },
    )
    assert response.status_code == 302
    consent = ConsentRecord.objects.get()
    assert consent.emails.get().to == "amina.yusuf@nhs.net"


def test_staff_withdraw_consent_after_confirming_and_the_story_comes_down(consent_staff):
    story = PublishedStoryFactory()
    consent = story.consents.get()
    changelist = "/admin/stories/consentrecord/"
    chosen = {"action": "withdraw", "_selected_action": [consent.pk]}
    page = errors_in(consent_staff.post(changelist, chosen))
    assert "You cannot undo this" in page
    story.refresh_from_db()
    assert story.is_published

    response = consent_staff.post(changelist, {**chosen, "confirmed": "yes"})
    assert response.status_code == 302
    story.refresh_from_db()
    consent.refresh_from_db()
    assert story.is_withdrawn and consent.withdrawal == ConsentRecord.Withdrawal.STAFF


def test_consent_cannot_be_recorded_for_a_withdrawn_story(consent_staff):
    withdrawn = PublishedStoryFactory(status=Status.WITHDRAWN, withdrawn_at="2026-01-01T10:00Z")
    page = errors_in(consent_staff.get("/admin/stories/consentrecord/add/"))
    assert f'value="{withdrawn.pk}"' not in page


def test_what_was_agreed_cannot_be_changed_once_recorded(consent_staff):
    consent = ConsentFactory(agreed_to_teaching=False)
    page = errors_in(consent_staff.get(f"/admin/stories/consentrecord/{consent.pk}/change/"))
    assert 'name="agreed_to_teaching"' not in page and 'name="email"' in page
