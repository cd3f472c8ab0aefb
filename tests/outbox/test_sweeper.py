"""The outbox sweeper queues only emails whose delivery task was lost."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from edi_portal.models import OutboundEmail
from edi_portal.services import requeue_unsent
from tests.outbox.factories import OutboundEmailFactory

pytestmark = pytest.mark.django_db


def test_sweeper_sends_overdue_emails_and_leaves_the_rest(django_capture_on_commit_callbacks):
    now = timezone.now()
    overdue = OutboundEmailFactory(requeue_at=now - timedelta(seconds=1))
    # Just written, or waiting for the task's own retry after a failure.
    waiting = OutboundEmailFactory(requeue_at=now + timedelta(minutes=2))
    already_sent = OutboundEmailFactory(
        status=OutboundEmail.Status.SENT, requeue_at=now - timedelta(minutes=5)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_unsent() == 1

    assert [message.to for message in mail.outbox] == [[overdue.to]]
    waiting.refresh_from_db()
    already_sent.refresh_from_db()
    assert waiting.status == OutboundEmail.Status.QUEUED
    assert already_sent.attempts == 0


def test_sweeper_gives_each_row_a_new_sweep_time(django_capture_on_commit_callbacks):
    # If the broker is down the row stays queued; the next sweep must not queue it at once again.
    email = OutboundEmailFactory(requeue_at=timezone.now() - timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=False):
        assert requeue_unsent() == 1
        assert requeue_unsent() == 0

    email.refresh_from_db()
    assert email.requeue_at > timezone.now() + timedelta(seconds=100)
