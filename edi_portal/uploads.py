"""Uploaded PDFs (resources, QI posters): checked by content, stored under random names, and
served only through a view; a form whose file cannot be stored is given back, not lost.
"""

import logging
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible

from .storage import FileStoreUnavailable

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
STORE_UNAVAILABLE_MESSAGE = (
    "Your file could not be saved because of a problem on our side. Nothing has been saved yet."
    " Choose the file again and save, or save without it and add it later."
)


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


class StoreFailureFormMixin:
    """For a create or update view whose form takes a file.

    When the uploads' store cannot take the file, nothing is saved (the form's save runs in one
    transaction) and the form comes back with the person's answers and a message at the file:
    503, not a server error page that loses everything they typed. A browser cannot be sent a
    file back, so they choose it again.
    """

    def post(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return super().post(request, *args, **kwargs)
        except FileStoreUnavailable:
            logger.exception("File store unavailable: the form was given back unsaved")
            return self.form_given_back()

    def form_given_back(self):
        if getattr(self, "object", None) is not None:
            self.object = self.get_object()  # as stored, not as the unsaved form changed it
        form = self.get_form()
        form.is_valid()
        file_fields = [name for name in form.files if name in form.fields]
        for name in file_fields or [None]:
            form.add_error(name, STORE_UNAVAILABLE_MESSAGE)
        response = self.form_invalid(form)
        response.status_code = 503
        return response
