"""Stories on S3-compatible object storage (moto's server on a fixed port: run under
flock /tmp/fixed-ports.lock): the video plays from the bucket through a short-lived signed link
that answers byte ranges, captions come through the portal, and withdrawal empties the bucket."""

import pytest
import requests

from stories import services
from stories.models import ConsentRecord
from stories.views import VIDEO_LINK_SECONDS as VIDEO_LINK
from tests.fixtures.object_store import (
    BUCKET,
    OBJECT_STORE_ENVIRONMENT,
    OBJECT_STORE_URL,
    settings_read_with,
)

from .factories import PublishedStoryFactory
from .media_files import poster_upload, video_bytes

pytestmark = pytest.mark.django_db


def test_the_video_plays_from_the_bucket_through_a_signed_link_that_answers_ranges(
    client, uploads_on_object_store
):
    story = PublishedStoryFactory()
    assert uploads_on_object_store.keys() == sorted([story.video.name, story.captions.name])
    response = client.get(f"/stories/{story.slug}/video/")
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    link = response["Location"]
    assert link.startswith(f"{OBJECT_STORE_URL}/{BUCKET}/{story.video.name}?")
    assert f"X-Amz-Expires={VIDEO_LINK}" in link

    ranged = requests.get(link, headers={"Range": "bytes=100-199"}, timeout=10)
    assert ranged.status_code == 206
    assert ranged.content == video_bytes()[100:200]
    assert ranged.headers["Content-Type"] == "video/webm"
    assert requests.get(link.split("?")[0], timeout=10).status_code == 403

    captions = client.get(f"/stories/{story.slug}/captions.vtt")
    assert b"".join(captions.streaming_content).startswith(b"WEBVTT")


def test_withdrawal_deletes_the_video_captions_and_poster_from_the_bucket(
    client, uploads_on_object_store, django_capture_on_commit_callbacks
):
    story = PublishedStoryFactory(poster=poster_upload(), poster_alt="A ward at night")
    kept = PublishedStoryFactory()
    assert len(uploads_on_object_store.keys()) == 5
    link = client.get(f"/stories/{story.slug}/video/")["Location"]

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_consent(consent=story.consents.get(), by=ConsentRecord.Withdrawal.SPEAKER)

    assert uploads_on_object_store.keys() == sorted([kept.video.name, kept.captions.name])
    assert requests.get(link, timeout=10).status_code == 404
    assert client.get(f"/stories/{story.slug}/video/").status_code == 404


def test_the_content_security_policy_lets_media_come_from_the_bucket_only():
    directives = settings_read_with(OBJECT_STORE_ENVIRONMENT).CONTENT_SECURITY_POLICY
    assert directives["DIRECTIVES"]["media-src"] == ["'self'", OBJECT_STORE_URL]
    amazon = settings_read_with({"AWS_STORAGE_BUCKET_NAME": "portal-uploads"})
    assert amazon.CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"] == [
        "'self'",
        "https://portal-uploads.s3.amazonaws.com",
    ]
