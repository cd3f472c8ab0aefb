"""An educator's EDI training record: every session they attended, across years, as a page and as
one PDF for appraisal and revalidation portfolios.

The strategy expects "all educational leaders ... to include evidence of having undertaken
enhanced training in EDI over the course of the three year period"; bookings are kept for
BOOKING_RETENTION_DAYS (three years) after the session, so the record covers that period.

People with an account see theirs on "Your network" (accounts/views.py); people without one ask
for a signed link by email (services.send_training_record_link), which opens the record of the
bookings under that address that no account holds, for RECORD_LINK_DAYS.
"""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from edi_portal.addresses import normalise

from .models import Booking, Session

RECORD_LINK_SALT = "training.record-link"
RECORD_LINK_DAYS = 7
PDF_STYLESHEET = Path(__file__).parent / "pdf" / "record.css"


def attended(records):
    """The attended places among the bookings matching `records` (a Q), newest first: one query,
    whatever their number."""
    return list(
        Booking.objects.filter(
            records,
            status=Booking.Status.CONFIRMED,
            attendance=Booking.Attendance.ATTENDED,
            session__status=Session.Status.SCHEDULED,
        )
        .select_related("session__course", "feedback")
        .order_by("-session__starts_at", "-pk")
    )


def record_context(bookings, *, certificate_base=""):
    """What the record's template shows. certificate_base prefixes the certificate links (the
    site's address in the PDF, so they work outside the browser)."""
    for booking in bookings:
        booking.hours_text = f"{booking.session.hours:g}"
        booking.certificate_link = (
            f"{certificate_base}{booking.get_certificate_url()}"
            if booking.can_have_certificate()
            else ""
        )
    return {
        "record_bookings": bookings,
        "record_name": bookings[0].name if bookings else "",
        "record_hours": f"{sum(booking.session.hours for booking in bookings):g}",
        "record_years": round(settings.BOOKING_RETENTION_DAYS / 365),
        "record_date": timezone.localdate(),
    }


def record_pdf_response(bookings):
    """The record as one PDF (WeasyPrint, from the template the page includes), with a title and
    its language set, as a download."""
    from weasyprint import CSS, HTML  # imported when used: it loads Pango

    context = record_context(bookings, certificate_base=settings.SITE_URL)
    html = render_to_string("training/record_pdf.html", context)
    pdf = HTML(string=html, url_fetcher=_fetch_nothing).write_pdf(
        stylesheets=[CSS(filename=str(PDF_STYLESHEET), url_fetcher=_fetch_nothing)]
    )
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="edi-training-record-{stamp}.pdf"'
    return response


def _fetch_nothing(url, *args, **kwargs):
    """The PDF is made from the template alone: it never fetches an address (nothing a visitor
    typed can make the server request one)."""
    raise ValueError(f"The training record does not fetch {url}")


def record_link_token(email):
    return signing.dumps(normalise(email), salt=RECORD_LINK_SALT, compress=True)


def address_from_token(token):
    """The address a record link was sent to, or None when the link is wrong or has expired."""
    try:
        address = signing.loads(
            token, salt=RECORD_LINK_SALT, max_age=timedelta(days=RECORD_LINK_DAYS)
        )
    except signing.BadSignature:
        return None
    return address if isinstance(address, str) else None


def unlinked_under(address):
    """Bookings kept under the address that no account holds (the identity rule: a booking an
    account holds is that account's, seen on its "Your network")."""
    return Q(email=normalise(address), user__isnull=True)
