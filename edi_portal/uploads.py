"""Uploaded PDFs (resources, QI posters): checked by content, stored under random names, and
served only through a view.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
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
