"""The stories list and a story's page; the video served in byte ranges, its captions and
poster; search, workstream pages and the sitemap find published stories only."""

import re

import pytest
from django.core.files.storage import default_storage

from stories import services
from stories.models import ConsentRecord
from tests.factories import StaffFactory, WorkstreamFactory
from tests.reports.conftest import grant

from .factories import PublishedStoryFactory, StoryFactory, StoryTopicFactory
from .media_files import poster_upload, video_bytes

pytestmark = pytest.mark.django_db


def page_text(response):
    return " ".join(response.content.decode().split())


def test_the_list_shows_published_stories_and_filters_by_workstream_and_topic(client):
    content = WorkstreamFactory(name="Content Creation", slug="content-creation")
    racism = StoryTopicFactory(name="Racism", slug="racism")
    first = PublishedStoryFactory(title="Refused by a patient", workstream=content, topics=[racism])
    second = PublishedStoryFactory(title="Names on the rota")
    StoryFactory(title="A draft nobody sees")

    html = page_text(client.get("/stories/"))
    assert "2 stories found." in html
    assert first.title in html and second.title in html and "A draft" not in html
    assert "Content warning: Describes racist abuse from a patient." in html

    for query in ("?workstream=content-creation", "?topic=racism"):
        html = page_text(client.get(f"/stories/{query}"))
        assert "1 story found." in html and first.title in html and second.title not in html


def test_an_unknown_filter_says_so_and_is_not_an_error(client):
    response = client.get("/stories/?topic=nope&workstream=content-creation")
    assert response.status_code == 400
    html = page_text(response)
    assert "Select a topic from the list" in html
    assert "Select a workstream from the list" in html


def test_a_story_page_warns_before_the_player_which_has_captions_and_no_autoplay(client):
    story = PublishedStoryFactory(
        title="Refused by a patient", poster=poster_upload(), poster_alt="A ward at night"
    )
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Content warning") < html.index("<video")
    video = re.search(r"<video[^>]*>", html).group(0)
    assert " controls" in video and "autoplay" not in video
    assert f'poster="/stories/{story.slug}/poster/"' in video
    assert f'<source src="/stories/{story.slug}/video/" type="video/webm">' in html
    assert (
        f'<track kind="captions" src="/stories/{story.slug}/captions.vtt" srclang="en" '
        'label="English" default>' in html
    )
    assert "My consultant stepped in and spoke up for me." in html.split("<h2>Transcript</h2>")[1]


def test_a_draft_is_a_preview_for_its_editors_only(client):
    story = StoryFactory()
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get(f"/stories/{story.slug}/video/").status_code == 404
    client.force_login(grant(StaffFactory(), "stories.change_story"))
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "This is a preview of a draft" in page_text(response)
    assert client.get(f"/stories/{story.slug}/video/").status_code == 200


def test_a_withdrawn_story_says_so_and_its_files_are_gone(client):
    story = PublishedStoryFactory(title="Refused by a patient")
    services.withdraw_consent(consent=story.consents.get(), by=ConsentRecord.Withdrawal.SPEAKER)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 410
    html = page_text(response)
    assert "<h1>This story was withdrawn</h1>" in html
    assert "Refused by a patient" not in html and "<video" not in html
    for file in ("video/", "captions.vtt", "poster/"):
        assert client.get(f"/stories/{story.slug}/{file}").status_code == 404


def streamed(response):
    return b"".join(response.streaming_content)


def test_the_video_is_served_in_byte_ranges_so_players_can_seek(client):
    story = PublishedStoryFactory()
    whole = video_bytes()
    url = f"/stories/{story.slug}/video/"

    response = client.get(url)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes" and response["Content-Type"] == "video/webm"
    assert streamed(response) == whole

    # gzip offered, as by most clients: a range is still the stored bytes.
    response = client.get(url, headers={"Range": "bytes=100-199", "Accept-Encoding": "gzip"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(whole)}"
    assert response["Content-Length"] == "100" and "Content-Encoding" not in response
    assert streamed(response) == whole[100:200]

    response = client.get(url, headers={"Range": "bytes=-50"})
    assert response.status_code == 206 and streamed(response) == whole[-50:]
    response = client.get(url, headers={"Range": f"bytes={len(whole) - 10}-"})
    assert response.status_code == 206 and streamed(response) == whole[-10:]

    response = client.get(url, headers={"Range": f"bytes={len(whole)}-"})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(whole)}"
    # Several ranges, or nonsense: the whole file, as RFC 9110 allows.
    for header in ("bytes=0-1,5-9", "pages=1-2", "bytes=9-1"):
        response = client.get(url, headers={"Range": header})
        assert response.status_code == 200 and streamed(response) == whole
    assert "no-store" in response["Cache-Control"]


def test_captions_and_poster_are_served_with_their_types(client):
    story = PublishedStoryFactory(poster=poster_upload(), poster_alt="A ward at night")
    captions = client.get(f"/stories/{story.slug}/captions.vtt")
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert streamed(captions).startswith(b"WEBVTT")
    poster = client.get(f"/stories/{story.slug}/poster/")
    assert poster["Content-Type"] == "image/png"
    assert poster["X-Content-Type-Options"] == "nosniff"


def test_a_video_missing_from_storage_is_not_found(client):
    story = PublishedStoryFactory()
    default_storage.delete(story.video.name)
    assert client.get(f"/stories/{story.slug}/video/").status_code == 404


def test_search_finds_a_story_by_its_transcript_once_published(client):
    def found(query):
        response = client.get("/search/", {"q": query})
        return {(result["url"], result["label"]) for result in response.context["results"]}

    draft = StoryFactory(transcript="The registrar said my accent was unprofessional.")
    assert (draft.get_absolute_url(), "Story") not in found("unprofessional accent")
    ConsentRecord.objects.create(story=draft, name="A", email="a@nhs.net", agreed_to_portal=True)
    services.publish_story(story=draft)
    assert (draft.get_absolute_url(), "Story") in found("unprofessional accent")


def test_a_workstream_page_lists_its_published_stories(client):
    workstream = WorkstreamFactory(name="Content Creation")
    story = PublishedStoryFactory(workstream=workstream, title="Refused by a patient")
    StoryFactory(workstream=workstream, title="Still a draft")
    html = page_text(client.get(workstream.get_absolute_url()))
    assert "<h2>Trainees&#x27; stories</h2>" in html
    assert f'<a href="{story.get_absolute_url()}">Refused by a patient</a>' in html
    assert "Still a draft" not in html


def test_the_sitemap_lists_the_stories_page_and_published_stories_only(client):
    story = PublishedStoryFactory()
    draft = StoryFactory()
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/stories/</loc>" in xml
    assert f"http://testserver{story.get_absolute_url()}</loc>" in xml
    assert draft.get_absolute_url() not in xml
