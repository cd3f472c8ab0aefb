"""A real Celery worker on Redis delivers a booking confirmation end to end."""

import time

import pytest
from django.core import mail

from edi_portal.models import OutboundEmail
from training import services
from training.models import Booking

from .factories import SessionFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_worker_delivers_the_confirmation_with_its_calendar_file(celery_worker):
    session = SessionFactory()
    booking = services.book_place(
        session_id=session.pk,
        name="Dr Amara Okafor",
        email="amara.okafor@nhs.net",
        role=Booking.Role.CONSULTANT,
        organisation="Manchester University NHS Foundation Trust",
        consent=True,
    )
    email = OutboundEmail.objects.get(to="amara.okafor@nhs.net")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        email.refresh_from_db()
        if email.status == OutboundEmail.Status.SENT:
            break
        time.sleep(0.1)
    assert email.status == OutboundEmail.Status.SENT
    [message] = mail.outbox
    assert message.to == ["amara.okafor@nhs.net"]
    assert message.subject.startswith("Your place is booked")
    assert booking.get_manage_url() in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("session.ics", "text/calendar; method=REQUEST")
    assert "BEGIN:VEVENT" in content
