"""Mail transports for tests: Django's in-memory outbox, made slow or failing on purpose."""

import smtplib
import time

from django.core.mail.backends.locmem import EmailBackend


class SlowBackend(EmailBackend):
    """Takes a while to send, so two deliveries of one email overlap."""

    def send_messages(self, messages):
        time.sleep(0.3)
        return super().send_messages(messages)


class FlakyBackend(EmailBackend):
    """Fails the next `failures_left` sends like a mail server that drops the connection."""

    failures_left = 0
    attempted_at = []

    def send_messages(self, messages):
        FlakyBackend.attempted_at.append(time.monotonic())
        if FlakyBackend.failures_left > 0:
            FlakyBackend.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
