"""Send a test email through the outbox, to check a deployment's mail set-up end to end."""

import uuid

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from edi_portal.services import send_email


class Command(BaseCommand):
    help = "Send a test email through the outbox, the Celery worker and the mail server."

    def add_arguments(self, parser):
        parser.add_argument("to", help="the address to send the test email to")

    def handle(self, *args, to, **options):
        try:
            validate_email(to)
        except ValidationError as error:
            raise CommandError(f"{to!r} is not an email address.") from error
        with transaction.atomic():
            email = send_email(
                to=to,
                template="test_message",
                context={"sent_at": timezone.localtime().strftime("%d %B %Y %H:%M:%S")},
                idempotency_key=f"test-email:{uuid.uuid4()}",
            )
        self.stdout.write(
            f"Test email {email.pk} is in the outbox for {to}. "
            "Its status in the admin (Outbound emails) turns to Sent once the worker sends it."
        )
