"""The outbox with a real Celery worker on Redis: exactly-once delivery, outages and retries."""

import logging
import re
import threading
import time

import pytest
from celery.signals import task_postrun
from django.core import mail
from django.core.mail.backends import locmem
from django.db import transaction
from django.utils import timezone

from edi_portal.models import OutboundEmail
from edi_portal.services import deliver, deliver_email, enqueue_email, send_email
from edi_portal.tasks import requeue_unsent_emails
from tests.factories import UserFactory
from tests.fixtures.celery_worker import broker_at, running_worker
from tests.outbox.conftest import wait_for
from tests.outbox.factories import OutboundEmailFactory

pytestmark = pytest.mark.worker


def send_test_message(to, key):
    return send_email(
        to=to, template="test_message", context={"sent_at": "now"}, idempotency_key=key
    )


def sent(key):
    return lambda: OutboundEmail.objects.filter(
        idempotency_key=key, status=OutboundEmail.Status.SENT
    ).exists()


def recipients():
    return sorted(message.to[0] for message in mail.outbox)


def test_rolled_back_transaction_sends_nothing(celery_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_test_message("rolled-back@nhs.net", "rolled-back")
        raise RuntimeError("the cause of the email failed")

    # The worker takes tasks in order: once a later email is sent, an earlier one would be too.
    send_test_message("later@nhs.net", "later")
    wait_for(sent("later"), message="the later email")

    assert recipients() == ["later@nhs.net"]
    assert not OutboundEmail.objects.filter(idempotency_key="rolled-back").exists()


def test_committed_transaction_sends_exactly_once(celery_worker):
    with transaction.atomic():
        send_test_message("trainee@nhs.net", "booking:1")
        # The same cause sending again (a retried request) changes nothing.
        send_test_message("trainee@nhs.net", "booking:1")
        assert mail.outbox == []  # nothing leaves before the transaction commits

    wait_for(sent("booking:1"), message="the email to be sent")
    send_test_message("later@nhs.net", "later")
    wait_for(sent("later"), message="the later email")

    assert recipients() == ["later@nhs.net", "trainee@nhs.net"]
    message = next(m for m in mail.outbox if m.to == ["trainee@nhs.net"])
    assert message.subject == "Test email from the NW EDI Allyship Network portal"
    assert message.alternatives[0].mimetype == "text/html"
    email = OutboundEmail.objects.get(idempotency_key="booking:1")
    assert email.attempts == 1
    assert email.sent_at is not None


@pytest.mark.parametrize(
    "worker_options", [{"pool": "solo"}, {"pool": "threads", "concurrency": 2}], ids=str
)
def test_delivery_task_run_twice_sends_once(transactional_db, settings, worker_options):
    # A slow mail server, so that with two worker threads both runs overlap and one waits for
    # the other's row lock.
    settings.EMAIL_BACKEND = "tests.outbox.backends.SlowBackend"
    email = OutboundEmailFactory()
    runs = []
    lock = threading.Lock()

    def count_run(sender=None, args=(), **kwargs):
        if sender.name == deliver_email.name and list(args) == [email.pk]:
            with lock:
                runs.append(time.monotonic())

    task_postrun.connect(count_run, weak=False)
    try:
        with running_worker(**worker_options):
            deliver_email.delay(email.pk)
            deliver_email.delay(email.pk)
            wait_for(lambda: len(runs) == 2, message="both runs of the task")
    finally:
        task_postrun.disconnect(count_run)

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert email.attempts == 1


def test_email_waits_out_a_broker_outage(transactional_db, client, throwaway_redis, caplog):
    caplog.set_level(logging.WARNING, logger="edi_portal.services")
    user = UserFactory()
    with broker_at(throwaway_redis.url):
        throwaway_redis.stop()

        started = time.monotonic()
        response = client.post("/accounts/password/reset/", {"email": user.email})
        took = time.monotonic() - started

        # The person asking for a reset sees the usual next page, without a long wait.
        assert response.status_code == 302
        assert took < 1.5
        email = OutboundEmail.objects.get(to=user.email)
        assert email.status == OutboundEmail.Status.QUEUED
        assert mail.outbox == []
        assert "the outbox sweeper will retry it" in caplog.text
        assert client.get("/healthz").json()["broker"] == "down"

        throwaway_redis.start()
        # As if the sweep time had come (2 minutes later): the beat task finds the email.
        OutboundEmail.objects.update(requeue_at=timezone.now())
        with running_worker():
            requeue_unsent_emails.delay()
            wait_for(sent(email.idempotency_key), message="the sweeper to deliver the email")

    assert recipients() == [user.email]
    assert "reset" in mail.outbox[0].subject.lower()


def test_failing_mail_server_is_recorded_and_retried_with_backoff(
    celery_worker, settings, flaky_mail_server
):
    settings.OUTBOX_RETRY_BASE_SECONDS = 0.5
    settings.OUTBOX_MAX_ATTEMPTS = 3
    flaky_mail_server.failures_left = 99

    send_test_message("trainee@nhs.net", "never-delivered")
    wait_for(
        lambda: OutboundEmail.objects.filter(status=OutboundEmail.Status.FAILED).exists(),
        message="the email to be marked failed",
    )

    email = OutboundEmail.objects.get()
    assert email.attempts == 3
    assert email.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert email.sent_at is None
    assert mail.outbox == []
    first, second, third = flaky_mail_server.attempted_at
    # Waits of at least 0.5 s then 1 s: the delay doubles after each failure.
    assert second - first >= 0.5
    assert third - second >= 1.0


def test_mail_server_back_after_a_failure_gets_the_email_sent(
    celery_worker, settings, flaky_mail_server
):
    settings.OUTBOX_RETRY_BASE_SECONDS = 0.1
    flaky_mail_server.failures_left = 1

    send_test_message("trainee@nhs.net", "second-time-lucky")
    wait_for(sent("second-time-lucky"), message="the retry to send the email")

    email = OutboundEmail.objects.get()
    assert email.attempts == 2
    assert email.last_error == ""
    assert recipients() == ["trainee@nhs.net"]


def test_once_sent_the_outbox_keeps_no_link_or_code_but_the_person_got_them(celery_worker):
    link = "https://portal.example.nhs.uk/accounts/password/reset/key/1-abc123/"
    calendar = {"filename": "session.ics", "mimetype": "text/calendar", "content": link}
    with transaction.atomic():
        enqueue_email(
            to="someone@nhs.net",
            template="account/email/login_code",
            subject="Sign in",
            text=f"Your code:\n\nQX7B2K\n\nOr reset: {link}\n",
            html=f'<p>QX7B2K <a href="{link}">{link}</a> https&#58;&#47;&#47;x.example&#47;t</p>',
            idempotency_key="secret-link",
            attachments=[calendar],
            codes=["QX7B2K"],
        )
        queued = OutboundEmail.objects.get(idempotency_key="secret-link")
        assert link in queued.text_body, "kept until sent: the worker needs it"
    wait_for(sent("secret-link"), message="the email to be sent")

    email = OutboundEmail.objects.get(idempotency_key="secret-link")
    assert email.text_body == "Your code:\n\n[code removed]\n\nOr reset: [link removed]\n"
    assert email.html_body == (
        '<p>[code removed] <a href="[link removed]">[link removed]</a> [link removed]</p>'
    )
    assert "abc123" not in email.attachments[0]["content"] and email.codes == []
    [message] = mail.outbox
    assert link in message.body and "QX7B2K" in message.body
    assert message.attachments[0][1] == link


def test_an_email_that_failed_keeps_its_link_to_be_sent_again(
    celery_worker, settings, flaky_mail_server
):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    flaky_mail_server.failures_left = 1
    send_email(
        to="someone@nhs.net",
        template="test_message",
        context={"sent_at": "now", "site_url": "https://portal.example.nhs.uk"},
        idempotency_key="failed-link",
    )
    wait_for(
        lambda: OutboundEmail.objects.filter(status=OutboundEmail.Status.FAILED).exists(),
        message="the email to be marked failed",
    )
    assert "https://portal.example.nhs.uk" in OutboundEmail.objects.get().text_body


class WorkerKilled(BaseException):
    """The worker process dying: not an error the outbox could catch and record."""


class DiesAfterTheServerAccepts(locmem.EmailBackend):
    """The mail server takes the message, then the worker dies before the row is marked sent."""

    def send_messages(self, messages):
        super().send_messages(messages)
        raise WorkerKilled


def test_an_email_sent_again_after_a_crash_has_the_same_message_id(db, settings):
    email = OutboundEmailFactory(idempotency_key="booking-confirmed:7")
    settings.EMAIL_BACKEND = "tests.outbox.test_delivery.DiesAfterTheServerAccepts"
    with pytest.raises(WorkerKilled):
        deliver(email.pk)
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.QUEUED, "rolled back with the worker"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver(email.pk) is True

    first, second = (message.message()["Message-ID"] for message in mail.outbox)
    assert first == second == email.message_id
    assert re.fullmatch(r"<outbox-\d+-[0-9a-f]{16}@edi-allyship\.example\.nhs\.uk>", first)
    other = OutboundEmailFactory()
    assert other.message_id != email.message_id
