"""Videos, captions and posters are read from their own bytes, and every refusal says what is
wrong: a renamed file, an oversize one, broken WebVTT, a caption past the video's end."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from stories import media

from .media_files import CAPTIONS, PNG_BYTES, captions_upload, video_bytes, video_upload


def messages(error):
    return error.value.messages


@pytest.mark.parametrize("container", ["webm", "mp4"])
def test_a_playable_video_gives_its_container_and_length(container):
    video = media.inspect_video(video_upload(f"story.{container}", container, seconds=3))
    assert video.format == container
    assert video.duration == pytest.approx(3, abs=0.2)


def test_the_container_comes_from_the_bytes_not_the_name():
    assert media.inspect_video(video_upload("story.mp4", "webm")).format == "webm"


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n" + b"x" * 200,
        PNG_BYTES,
        b"",
        b"\x00\x00\x00\x20ftypqt  " + b"\x00" * 100,  # QuickTime, not MP4
    ],
)
def test_a_file_that_is_not_mp4_or_webm_is_refused_whatever_its_name(content):
    with pytest.raises(ValidationError) as error:
        media.inspect_video(SimpleUploadedFile("story.mp4", content, "video/mp4"))
    assert messages(error) == ["The selected file must be an MP4 or WebM video"]


def test_a_damaged_video_is_refused_with_a_message():
    damaged = video_bytes("mp4")[:40] + b"\x00" * 300
    with pytest.raises(ValidationError) as error:
        media.inspect_video(SimpleUploadedFile("story.mp4", damaged, "video/mp4"))
    assert "cannot be read" in messages(error)[0] or "no length" in messages(error)[0]


def test_a_codec_browsers_cannot_play_is_refused():
    with pytest.raises(ValidationError) as error:
        media.inspect_video(video_upload("story.mp4", "mp4", codec="mpeg4"))
    assert messages(error) == [
        "The video is encoded in a way browsers cannot play (mpeg4). Export it as an MP4 with "
        "H.264, or a WebM with VP9"
    ]


def test_an_oversize_video_is_refused_before_it_is_read(settings):
    settings.STORY_VIDEO_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        media.inspect_video(video_upload())
    assert messages(error) == ["The selected video must be smaller than 1000\xa0bytes"]


def test_good_captions_pass():
    assert len(media.check_captions(captions_upload(), duration=4.0)) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello there", ['The captions file must be WebVTT: its first line must be "WEBVTT"']),
        ("WEBVTT\n\n", ["The captions file has no captions in it"]),
        (
            "WEBVTT\n\n00:00:0x.000 --> 00:00:01.000\nHi\n",
            [
                "The captions file has a caption whose timing cannot be read: Invalid cue block "
                "['00:00:0x.000 --> 00:00:01.000', 'Hi']. Write times like 00:01:05.250 --> "
                "00:01:07.000"
            ],
        ),
        (
            "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHi\n\n00:00:01.000 -> 00:00:02.000\nThere\n",
            [
                'The captions file has a part that is not a caption: "00:00:01.000 -> '
                '00:00:02.000". Each caption needs a timing line like 00:01:05.250 --> '
                "00:01:07.000"
            ],
        ),
        (
            "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n\n",
            ["Caption 1 (00:00:00.000) has no text"],
        ),
        (
            "WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nBackwards\n",
            ["Caption 1 (00:00:02.000) ends at 00:00:01.000, before it starts"],
        ),
        (
            "WEBVTT\n\n00:00:02.000 --> 00:00:03.000\nSecond\n\n00:00:01.000 --> 00:00:02.000\nFirst\n",
            [
                "Caption 2 (00:00:01.000) starts before the caption above it (00:00:02.000): put "
                "captions in the order they are spoken"
            ],
        ),
        (
            "WEBVTT\n\n00:00:01.000 --> 00:01:05.250\nToo long\n",
            ["Caption 1 (00:00:01.000) ends at 00:01:05.250, after the video ends (00:00:04.000)"],
        ),
    ],
)
def test_broken_captions_say_what_is_wrong(text, expected):
    with pytest.raises(ValidationError) as error:
        media.check_captions(captions_upload(text), duration=4.0)
    assert messages(error) == expected


def test_captions_that_are_not_text_are_refused():
    with pytest.raises(ValidationError) as error:
        media.check_captions(SimpleUploadedFile("c.vtt", b"\xff\xfe\x00W"), duration=4.0)
    assert messages(error) == ["The captions file must be saved as UTF-8 text"]


def test_notes_and_styles_are_not_taken_for_broken_captions():
    text = "WEBVTT\n\nNOTE Recorded in 2025\n\nSTYLE\n::cue { color: white }\n\n" + CAPTIONS[8:]
    assert len(media.check_captions(captions_upload(text), duration=4.0)) == 2


def test_a_poster_must_be_a_jpeg_or_png_by_its_bytes():
    assert media.image_extension(SimpleUploadedFile("p.gif", PNG_BYTES)) == "png"
    with pytest.raises(ValidationError) as error:
        media.image_extension(SimpleUploadedFile("p.png", b"GIF89a" + b"\x00" * 20))
    assert messages(error) == ["The poster image must be a JPEG or PNG file"]
