"""What an uploaded story is made of, checked from the files' own bytes: the video (MP4 or
WebM that browsers play, and how long it runs), its captions (WebVTT) and its poster image.

Every refusal is a ValidationError that says what is wrong, so staff can fix the file; nothing
a file holds can raise anything else.
"""

import io
from dataclasses import dataclass

import av
import webvtt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from webvtt.errors import MalformedCaptionError, MalformedFileError

# The codecs browsers play in each container (H.264 in MP4; VP8, VP9 or AV1 in WebM).
PLAYABLE_CODECS = {"mp4": {"h264", "av1"}, "webm": {"vp8", "vp9", "av1"}}
CONTENT_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}
# A caption may end this much after the last frame: containers round their duration.
DURATION_TOLERANCE_SECONDS = 0.5
IMAGE_SIGNATURES = {b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
# WebVTT blocks that are not cues.
NON_CUE_BLOCKS = ("NOTE", "STYLE", "REGION")


@dataclass(frozen=True)
class Video:
    format: str  # "mp4" or "webm"
    duration: float  # seconds


def first_bytes(file, size=64):
    position = file.tell()
    file.seek(0)
    head = file.read(size)
    file.seek(position)
    return head


def _refuse_if_larger_than(file, limit, what):
    if file.size > limit:
        raise ValidationError(
            "The selected %(what)s must be smaller than %(limit)s",
            code="file_too_large",
            params={"what": what, "limit": filesizeformat(limit)},
        )


def container_of(head):
    """ "mp4" or "webm" from a file's first bytes, or None: never from its name."""
    if head[4:8] == b"ftyp" and head[8:12] != b"qt  ":  # an ISO media file, not QuickTime
        return "mp4"
    if head.startswith(EBML_MAGIC) and b"webm" in head:  # Matroska whose DocType is webm
        return "webm"
    return None


def inspect_video(file):
    """The Video in an uploaded file, or ValidationError saying why it cannot be shown."""
    _refuse_if_larger_than(file, settings.STORY_VIDEO_MAX_BYTES, "video")
    container = container_of(first_bytes(file))
    if container is None:
        raise ValidationError("The selected file must be an MP4 or WebM video", code="not_video")
    file.seek(0)
    try:
        with av.open(file, mode="r") as media:
            streams = media.streams.video
            if not streams:
                raise ValidationError("The selected file has no video in it", code="no_video")
            codec = streams[0].codec_context.name
            duration = _duration(media, streams[0])
    except av.FFmpegError:
        raise ValidationError(
            "The selected video cannot be read: it may be damaged. Export it again and upload "
            "the new file",
            code="unreadable_video",
        ) from None
    finally:
        file.seek(0)
    if codec not in PLAYABLE_CODECS[container]:
        raise ValidationError(
            "The video is encoded in a way browsers cannot play (%(codec)s). Export it as an MP4 "
            "with H.264, or a WebM with VP9",
            code="unplayable_codec",
            params={"codec": codec},
        )
    if not duration:
        raise ValidationError("The selected video has no length", code="no_duration")
    return Video(format=container, duration=duration)


def _duration(media, stream):
    """Seconds, from the container's header, or the stream's, or (a WebM recorded in a browser
    has neither) the end of its last frame."""
    if media.duration:
        return media.duration / av.time_base
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    end = 0
    for packet in media.demux(stream):
        if packet.pts is not None and packet.time_base:
            end = max(end, float((packet.pts + (packet.duration or 0)) * packet.time_base))
    return end


def format_time(seconds):
    """00:01:05.250, as WebVTT writes times."""
    milliseconds = round(seconds * 1000)
    hours, milliseconds = divmod(milliseconds, 3_600_000)
    minutes, milliseconds = divmod(milliseconds, 60_000)
    return f"{hours:02}:{minutes:02}:{milliseconds / 1000:06.3f}"


def check_captions(file, *, duration):
    """Parse a WebVTT file and check its cues against a video `duration` seconds long: timings
    in order and within the video, no empty cue. Raises ValidationError with every problem."""
    _refuse_if_larger_than(file, settings.UPLOAD_MAX_BYTES, "captions file")
    file.seek(0)
    raw = file.read()
    file.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "The captions file must be saved as UTF-8 text", code="captions_encoding"
        ) from None
    if "\x00" in text:
        raise ValidationError("The captions file must be a WebVTT text file", code="not_webvtt")
    try:
        captions = webvtt.from_buffer(io.StringIO(text), strict=True).captions
    except MalformedFileError:
        raise ValidationError(
            'The captions file must be WebVTT: its first line must be "WEBVTT"',
            code="not_webvtt",
        ) from None
    except MalformedCaptionError as error:
        raise ValidationError(
            "The captions file has a caption whose timing cannot be read: %(detail)s. Write "
            "times like 00:01:05.250 --> 00:01:07.000",
            code="bad_cue",
            params={"detail": str(error)[:200]},
        ) from None
    problems = _skipped_blocks(text, len(captions))
    if not captions and not problems:
        problems.append("The captions file has no captions in it")
    previous_start = 0.0
    for number, caption in enumerate(captions, start=1):
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        at = f"Caption {number} ({format_time(start)})"
        if not caption.text.strip():
            problems.append(f"{at} has no text")
        if end <= start:
            problems.append(f"{at} ends at {format_time(end)}, before it starts")
        if start < previous_start:
            problems.append(
                f"{at} starts before the caption above it ({format_time(previous_start)}): put "
                "captions in the order they are spoken"
            )
        if end > duration + DURATION_TOLERANCE_SECONDS:
            problems.append(
                f"{at} ends at {format_time(end)}, after the video ends ({format_time(duration)})"
            )
        previous_start = max(previous_start, start)
    if problems:
        raise ValidationError(
            [ValidationError(problem, code="bad_captions") for problem in problems]
        )
    return captions


def _skipped_blocks(text, cue_count):
    """Blocks the parser passed over as neither cue nor note (a timing line such as
    "00:00:01.000 -> 00:00:02.000"): a caption that would silently never show."""
    blocks = [block for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()][1:]
    cues = [block for block in blocks if not block.lstrip().startswith(NON_CUE_BLOCKS)]
    if len(cues) == cue_count:
        return []
    unread = next(
        (block for block in cues if not any("-->" in line for line in block.splitlines()[:2])),
        cues[-1],
    )
    first_line = unread.strip().splitlines()[0][:80]
    return [
        f'The captions file has a part that is not a caption: "{first_line}". Each caption '
        "needs a timing line like 00:01:05.250 --> 00:01:07.000"
    ]


def image_extension(file):
    """ "jpg" or "png" from an uploaded poster's first bytes, or ValidationError."""
    _refuse_if_larger_than(file, settings.UPLOAD_MAX_BYTES, "image")
    head = first_bytes(file, 8)
    for signature, extension in IMAGE_SIGNATURES.items():
        if head.startswith(signature):
            return extension
    raise ValidationError("The poster image must be a JPEG or PNG file", code="not_image")


def validate_poster(file):
    image_extension(file)
