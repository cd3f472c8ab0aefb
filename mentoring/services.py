"""Mentoring actions: each one keyword-only function, used by views, admin actions and tasks."""

from django.db import IntegrityError, transaction

from edi_portal.services import send_email

from .models import SharedCharacteristics, SignUp


class SignUpError(Exception):
    """An action the programme's rules do not allow; the message is for the person."""


def sign_up(*, programme, user, answers, characteristics=()):
    """Record a sign-up (and, apart from it, anything shared for matching); acknowledge it."""
    if not programme.is_open():
        raise SignUpError("Sign-up to this programme has closed. Your answers were not sent.")
    try:
        with transaction.atomic():
            record = SignUp.objects.create(
                programme=programme, user=user, email=user.email, **answers
            )
    except IntegrityError:
        raise SignUpError("You have already signed up to this programme.") from None
    if characteristics:
        SharedCharacteristics.objects.create(sign_up=record, characteristics=list(characteristics))
    send_email(
        to=record.email,
        template="mentoring/sign_up_received",
        context={
            "name": record.full_name,
            "programme": programme.name,
            "role": programme.role_label(record.role),
        },
        idempotency_key=f"mentoring-sign-up-{record.pk}",
        about=record,
    )
    return record
