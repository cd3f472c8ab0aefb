"""Checks for uploaded PDFs.

Kept in this app for now; a shared validator is being written in edi_portal/uploads.py and the
two are to be unified there.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

PDF_MAGIC = b"%PDF-"


def validate_pdf(file):
    """Refuse anything over UPLOAD_MAX_BYTES, or whose content does not start like a PDF.

    The file's name and the browser's content type are ignored: both are the sender's say-so.
    """
    if file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            "The selected file must be smaller than %(limit)s",
            code="file_too_large",
            params={"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(position)
    if head != PDF_MAGIC:
        raise ValidationError("The selected file must be a PDF", code="not_pdf")
