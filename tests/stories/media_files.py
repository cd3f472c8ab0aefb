"""Small real media files made at run time: videos encoded with PyAV, captions, poster images."""

import io
from functools import cache

import av
import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
CODECS = {"webm": "libvpx-vp9", "mp4": "libx264"}


def video_bytes(container="webm", seconds=4, codec=None):
    """A `seconds` long silent video, 64x48 at 10 frames a second, each second a new shade."""
    return _encoded(container, seconds, codec)


@cache  # encoding is not deterministic: one file for each kind, for the whole run
def _encoded(container, seconds, codec):
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container) as media:
        stream = media.add_stream(codec or CODECS[container], rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for index in range(seconds * 10):
            shade = (index // 10) * 50 % 256
            frame = av.VideoFrame.from_ndarray(
                np.full((48, 64, 3), shade, dtype=np.uint8), format="rgb24"
            )
            for packet in stream.encode(frame):
                media.mux(packet)
        for packet in stream.encode():
            media.mux(packet)
    return buffer.getvalue()


def video_upload(name="story.webm", container="webm", seconds=4, codec=None):
    return SimpleUploadedFile(name, video_bytes(container, seconds, codec), "video/webm")


CAPTIONS = (
    "WEBVTT\n\n"
    "00:00:00.000 --> 00:00:01.500\n"
    "<v Speaker>On my first day a patient refused my care.\n\n"
    "00:00:01.500 --> 00:00:03.900\n"
    "My consultant stepped in and spoke up for me.\n"
)


def captions_upload(text=CAPTIONS, name="story.vtt"):
    return SimpleUploadedFile(name, text.encode(), "text/vtt")


def poster_upload(name="poster.png", content=PNG_BYTES):
    return SimpleUploadedFile(name, content, "image/png")
