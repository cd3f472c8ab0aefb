"""Uploaded PDFs (resources, QI posters): checked by content, stored under random names, and
served only through a view. Media files (story videos) are served in byte ranges, so that a
player can seek.
"""

import re
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible

PDF_MAGIC = b"%PDF-"


def validate_pdf(file):
    """Refuse anything over UPLOAD_MAX_BYTES or not starting with the PDF signature.

    The name and the browser's content type are not trusted: only the first bytes are.
    """
    if file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            "The selected file must be smaller than %(limit)s",
            code="file_too_large",
            params={"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
        )
    position = file.tell()
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(position)
    if head != PDF_MAGIC:
        raise ValidationError("The selected file must be a PDF", code="not_pdf")


@deconstructible
class RandomPdfName:
    """upload_to that stores every upload as <folder>/<random>.pdf, whatever it was called."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        return str(PurePosixPath(self.folder) / f"{uuid.uuid4().hex}.pdf")

    def __eq__(self, other):
        return isinstance(other, RandomPdfName) and other.folder == self.folder


def pdf_download_response(field_file, *, filename):
    """Stream a stored PDF as a download named `filename` (.pdf added), never rendered inline."""
    if not filename.lower().endswith(".pdf"):
        filename = f"{filename}.pdf"
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


BYTE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    pass


def byte_range(header, size):
    """(first, last) byte of a file of `size` bytes that a Range header asks for, or None to send
    the whole file (no header, several ranges, or one that cannot be read: RFC 9110 says to
    ignore those). Raises RangeNotSatisfiable for a range wholly past the end."""
    match = BYTE_RANGE.match(header.strip()) if header else None
    if match is None:
        return None
    first, last = match.groups()
    if not first:  # the last N bytes
        if not last:
            return None
        if int(last) == 0:
            raise RangeNotSatisfiable
        return max(size - int(last), 0), size - 1
    first = int(first)
    if first >= size:
        raise RangeNotSatisfiable
    last = size - 1 if not last else min(int(last), size - 1)
    return None if first > last else (first, last)


class _Slice:
    """A file read from where it is until `length` bytes have gone."""

    def __init__(self, handle, length):
        self.handle, self.left = handle, length

    def read(self, size=-1):
        size = self.left if size < 0 else min(size, self.left)
        chunk = self.handle.read(size)
        self.left -= len(chunk)
        return chunk

    def close(self):
        self.handle.close()


def media_response(request, field_file, *, content_type, signed_link_seconds):
    """A stored media file for the browser's player, which asks for it in byte ranges.

    On object storage: a redirect to a link signed for `signed_link_seconds`; the store itself
    answers the ranges and the file never passes through the portal. On the local disk: the
    file streamed from here, 206 with the range asked for. Never kept by a shared cache.
    """
    if not isinstance(field_file.storage, FileSystemStorage):
        response = HttpResponseRedirect(
            field_file.storage.url(field_file.name, expire=signed_link_seconds)
        )
    else:
        response = _ranged_file_response(request, field_file, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def _ranged_file_response(request, field_file, *, content_type):
    try:
        handle = field_file.open("rb")
        size = field_file.size
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    # A changed file under an If-Range validator we never gave: send it whole.
    header = None if "If-Range" in request.headers else request.headers.get("Range")
    try:
        wanted = byte_range(header, size)
    except RangeNotSatisfiable:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        if wanted is None:
            response = FileResponse(handle, content_type=content_type)
        else:
            first, last = wanted
            handle.seek(first)
            response = FileResponse(_Slice(handle, last - first + 1), content_type=content_type)
            response.status_code = 206
            response["Content-Length"] = str(last - first + 1)
            response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    return response
