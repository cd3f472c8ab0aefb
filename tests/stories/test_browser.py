"""Stories in Chromium: staff upload and publish one in admin, a visitor plays it with captions
and seeks (byte ranges), the speaker withdraws from their email's link, and the pages fit a
320 px screen and work without JavaScript."""

import re

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.test import Client
from playwright.sync_api import expect

from stories.models import ConsentRecord, Status, Story
from stories.services import record_consent
from tests.factories import StaffFactory, WorkstreamFactory, give_authenticator

from .factories import PublishedStoryFactory
from .media_files import CAPTIONS, video_bytes
from .pages import story_list, story_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_quickly(page, live_server, user):
    """A session made by Django's test client, handed to the browser (for pages, not journeys)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return str(path)


def field_errors(page, field):
    return page.locator(f".field-{field} .errorlist").inner_text()


def test_staff_upload_a_story_and_publish_it_once_captions_transcript_and_consent_are_there(
    page, live_server, tmp_path
):
    WorkstreamFactory(name="Content Creation")
    staff = StaffFactory(is_superuser=True)
    give_authenticator(staff)
    sign_in_quickly(page, live_server, staff)
    video = write(tmp_path, "interview.mp4", video_bytes())  # a WebM, whatever its name

    page.goto("/admin/stories/story/add/")
    page.fill("#id_title", "Refused by a patient")
    page.fill("#id_summary", "A trainee describes a patient refusing their care.")
    page.select_option("#id_workstream", label="Content Creation")
    page.fill("#id_content_warning", "Describes racist abuse from a patient.")
    page.set_input_files("#id_video", video)
    page.check("#id_publish")
    page.click("input[name=_continue]")
    assert "Upload the captions (a WebVTT file) before publishing" in field_errors(page, "captions")
    assert "Write the transcript before publishing" in field_errors(page, "transcript")
    assert "Record the consent of each person" in page.locator("ul.errorlist.nonfield").inner_text()
    assert not Story.objects.exists()

    late = CAPTIONS + "\n00:00:03.900 --> 00:00:09.000\nAnd then I left.\n"
    page.set_input_files("#id_video", video)
    page.set_input_files("#id_captions", write(tmp_path, "late.vtt", late))
    page.fill("#id_transcript", "On my first day a patient refused my care.")
    page.uncheck("#id_publish")
    page.click("input[name=_continue]")
    # Retried until it holds: the page before has caption errors of its own.
    expect(page.locator(".field-captions .errorlist")).to_contain_text(
        "Caption 3 (00:00:03.900) ends at 00:00:09.000, after the video ends"
    )

    page.set_input_files("#id_video", video)
    page.set_input_files("#id_captions", write(tmp_path, "good.vtt", CAPTIONS))
    page.click("input[name=_continue]")
    page.wait_for_url("**/admin/stories/story/*/change/")
    story = Story.objects.get()
    assert story.status == Status.DRAFT and story.video_format == "webm"

    page.goto("/admin/stories/consentrecord/add/")
    page.select_option("#id_story", label="Refused by a patient")
    page.fill("#id_name", "Dr Amina Yusuf")
    page.fill("#id_email", "amina.yusuf@nhs.net")
    page.check("#id_agreed_to_portal")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/stories/consentrecord/")
    assert ConsentRecord.objects.filter(story=story).exists()
    assert [m.to for m in mail.outbox] == [["amina.yusuf@nhs.net"]]

    page.goto(f"/admin/stories/story/{story.pk}/change/")
    page.check("#id_publish")
    page.click("input[name=_continue]")
    assert "Refused by a patient is published." in page.locator(".messagelist").inner_text()
    story.refresh_from_db()
    assert story.is_published


def test_a_visitor_plays_a_story_with_captions_on_and_seeks(page):
    story = PublishedStoryFactory(title="Refused by a patient")
    ranges = []
    page.on(
        "response",
        lambda response: ranges.append(response.status) if "/video/" in response.url else None,
    )
    page.goto(story.get_absolute_url())
    warning = page.locator(".nhsuk-warning-callout")
    assert "Describes racist abuse from a patient." in warning.inner_text()
    assert (
        warning.evaluate("node => node.compareDocumentPosition(document.querySelector('video'))")
        & 4
    )

    video = page.locator("video")
    video.evaluate(
        "video => new Promise(done => video.readyState >= 1 ? done() : video.addEventListener('loadedmetadata', done))"
    )
    assert video.evaluate("video => video.autoplay") is False
    assert video.evaluate("video => video.paused") is True
    assert video.evaluate("video => video.textTracks[0].mode") == "showing"
    assert video.evaluate("video => Math.round(video.duration)") == 4

    video.evaluate("video => { video.muted = true; return video.play(); }")
    video.evaluate(
        "video => new Promise(done => { video.addEventListener('seeked', done, {once: true});"
        " video.currentTime = 3; })"
    )
    page.wait_for_function(
        "() => document.querySelector('video').textTracks[0].activeCues?.length > 0"
    )
    cue = video.evaluate("video => video.textTracks[0].activeCues[0].text")
    assert cue == "My consultant stepped in and spoke up for me."
    assert 206 in ranges, ranges


@pytest.fixture(params=["local disk", "object store"])
def storage(request):
    """Where uploads live for the test: the local disk, or the S3 test server (fixed port:
    run under flock /tmp/fixed-ports.lock)."""
    if request.param == "object store":
        return request.getfixturevalue("uploads_on_object_store").keys
    return None


def test_the_speaker_withdraws_from_their_email_and_the_story_and_its_files_are_gone(
    page, live_server, storage
):
    story = PublishedStoryFactory(title="Refused by a patient")
    record_consent(
        consent=ConsentRecord(
            story=story, name="Dr Amina Yusuf", email="amina.yusuf@nhs.net", agreed_to_portal=True
        )
    )
    files = [story.video.name, story.captions.name]
    assert all(default_storage.exists(name) for name in files)
    if storage:
        assert set(files) <= set(storage())
    [email] = [m for m in mail.outbox if m.to == ["amina.yusuf@nhs.net"]]
    link = re.search(r"https?://[^/\s]+(/stories/consent/[^/\s]+/)", email.body).group(1)

    page.goto(link)
    page.get_by_role("button", name="Withdraw my consent").click()
    expect(page.locator("h1")).to_have_text("You have withdrawn your consent")

    response = page.goto(story.get_absolute_url())
    assert response.status == 410
    assert page.locator("h1").inner_text() == "This story was withdrawn"
    assert not any(default_storage.exists(name) for name in files)
    if storage:
        assert not set(files) & set(storage())
    assert page.goto(f"/stories/{story.slug}/video/").status == 404


@pytest.mark.parametrize("setup", [story_list, story_page], ids=["list", "story"])
def test_the_pages_fit_a_320_pixel_screen(page, setup):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(setup())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_without_javascript_the_player_has_its_controls_captions_and_the_transcript(
    page_without_js,
):
    page_without_js.goto(story_page())
    video = page_without_js.locator("video[controls]")
    assert video.count() == 1
    assert video.locator("track[kind=captions][default]").count() == 1
    expect(
        page_without_js.get_by_text("My consultant stepped in and spoke up for me.")
    ).to_be_visible()


def test_a_filter_with_an_unknown_topic_shows_the_error_summary(page, axe):
    response = page.goto(story_list() + "?topic=no-such-topic")
    assert response.status == 400
    assert "Select a topic from the list" in page.locator(".nhsuk-error-summary").inner_text()
    axe(page)
