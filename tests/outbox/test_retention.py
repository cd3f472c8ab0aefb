"""The outbox forgets on time: an email goes with the record it was about, and sent mail goes
after OUTBOX_RETENTION_DAYS."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from concerns import services as services_concerns
from concerns.models import Concern
from edi_portal.models import OutboundEmail
from edi_portal.tasks import delete_expired_records
from network import services as network_services
from network.models import Application
from tests.factories import StaffFactory
from tests.network.factories import ApplicationFactory
from tests.outbox.factories import OutboundEmailFactory
from tests.training.factories import SessionFactory
from training import services as training_services
from training.models import Booking

pytestmark = pytest.mark.django_db


def deleted(records):
    """How many `records` (a retention rule's words) the daily retention task deleted."""
    return delete_expired_records.delay().get()[records]


def emails_about(record):
    return OutboundEmail.objects.filter(
        about_type=ContentType.objects.get_for_model(record), about_id=record.pk
    )


def test_a_deleted_applications_emails_are_deleted_by_the_retention_task():
    declined, kept = ApplicationFactory(), ApplicationFactory()
    for application in (declined, kept):
        network_services.decline(application=application, by=StaffFactory())
    Application.objects.filter(pk=declined.pk).update(
        status_changed_at=timezone.now() - timedelta(days=400)
    )
    assert emails_about(declined).count() == 1
    unrelated = OutboundEmailFactory()

    assert deleted("Declined and withdrawn applications, with their equality answers") == 1

    assert not emails_about(declined).exists()
    assert emails_about(kept).count() == 1
    assert OutboundEmail.objects.filter(pk=unrelated.pk).exists()


def test_a_concerns_emails_are_deleted_with_it():
    reader = StaffFactory(email="reader@nhs.net")
    reader.user_permissions.add(Permission.objects.get(codename="view_concern"))
    concern, _token = services_concerns.raise_concern(
        recorded_as=Concern.RecordedAs.DISCRIMINATION,
        characteristic=Concern.Characteristic.RACE,
        setting=Concern.Setting.PLACEMENT,
        details="What happened",
        email="me@nhs.net",
    )
    assert emails_about(concern).count() == 2  # the reader's notification, the acknowledgement
    Concern.objects.update(created_at=timezone.now() - timedelta(days=800))

    assert deleted("Concerns, with their messages and history") == 1

    assert not OutboundEmail.objects.exists()


def test_a_bookings_emails_go_whatever_deletes_it():
    session = SessionFactory()
    booking = training_services.book_place(
        session_id=session.pk,
        name="Amara Okafor",
        email="amara@nhs.net",
        role=Booking.Role.CONSULTANT,
        organisation="A trust",
        consent=True,
    )
    assert emails_about(booking).count() == 1

    booking.delete()  # in admin, say

    assert not OutboundEmail.objects.exists()


def test_sent_and_failed_mail_is_deleted_after_the_retention_period(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    now = timezone.now()
    Status = OutboundEmail.Status
    old_sent = OutboundEmailFactory(status=Status.SENT)
    old_failed = OutboundEmailFactory(status=Status.FAILED)
    old_queued = OutboundEmailFactory(status=Status.QUEUED)  # still to send: never lost
    recent_sent = OutboundEmailFactory(status=Status.SENT)
    OutboundEmail.objects.exclude(pk=recent_sent.pk).update(created_at=now - timedelta(days=31))
    OutboundEmail.objects.filter(pk=recent_sent.pk).update(created_at=now - timedelta(days=29))

    assert deleted("Sent and failed emails") == 2

    assert set(OutboundEmail.objects.all()) == {old_queued, recent_sent}
    assert not OutboundEmail.objects.filter(pk__in=[old_sent.pk, old_failed.pk]).exists()
    assert deleted("Sent and failed emails") == 0


def test_the_outbox_retention_task_is_scheduled(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "edi_portal.tasks.delete_expired_records" in tasks


def test_emails_written_before_the_relation_are_linked_to_their_record():
    backfill = __import__(
        "edi_portal.migrations.0004_outbox_about_backfill", fromlist=["link_emails"]
    )
    application = ApplicationFactory()
    linked = [
        OutboundEmailFactory(idempotency_key=f"application-acknowledgement:{application.pk}"),
        OutboundEmailFactory(idempotency_key=f"application-decision:{application.pk}:declined"),
    ]
    left = OutboundEmailFactory(idempotency_key="application-digest:2026-05-01:3")

    backfill.link_emails(apps, None)

    assert set(emails_about(application)) == set(linked)
    left.refresh_from_db()
    assert left.about is None


def test_emails_sent_before_links_were_removed_lose_them_and_unsent_ones_keep_them():
    migration = __import__(
        "edi_portal.migrations.0007_outbox_codes_instead_of_erasing",
        fromlist=["remove_links_from_sent_emails"],
    )
    link = "https://portal.example.nhs.uk/training/bookings/7:abc/"
    calendar = {"filename": "session.ics", "mimetype": "text/calendar", "content": link}
    sent = OutboundEmailFactory(
        status=OutboundEmail.Status.SENT, text_body=f"Manage: {link}\n", attachments=[calendar]
    )
    waiting = OutboundEmailFactory(text_body=f"Manage: {link}\n", attachments=[calendar])

    migration.remove_links_from_sent_emails(apps, None)

    sent.refresh_from_db()
    waiting.refresh_from_db()
    assert sent.text_body == "Manage: [link removed]\n"
    assert link not in sent.attachments[0]["content"]
    assert waiting.text_body == f"Manage: {link}\n" and waiting.attachments == [calendar]
