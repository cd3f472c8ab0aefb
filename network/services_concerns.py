"""Raising a concern, telling the people who may read it, and deleting old concerns."""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from edi_portal.services import send_email

from .models import Concern, User

logger = logging.getLogger(__name__)

# No 0/O or 1/I/L: references are read out over the phone and typed back.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_reference():
    return "C-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def concern_readers():
    """Active users holding network.view_concern, directly or through a group."""
    permission = Permission.objects.get(content_type__app_label="network", codename="view_concern")
    return (
        User.objects.filter(is_active=True)
        .filter(Q(user_permissions=permission) | Q(groups__permissions=permission))
        .distinct()
        .order_by("pk")
    )


def raise_concern(*, characteristic, details, characteristic_other="", email=""):
    """Store a concern and email its readers (and the person, if they gave an address).

    The emails say only that a concern arrived and where to read it: no part of its text.
    """
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    concern = Concern.objects.create(
                        reference=new_reference(),
                        characteristic=characteristic,
                        characteristic_other=characteristic_other,
                        details=details,
                        email=email,
                    )
                break
            except IntegrityError:  # a reference already in use: draw another
                continue
        else:
            raise RuntimeError("Could not draw an unused concern reference.")
        admin_url = settings.SITE_URL + reverse("admin:network_concern_change", args=[concern.pk])
        recipients = [reader.email for reader in concern_readers()]
        if not recipients:
            logger.warning("Nobody holds network.view_concern; telling the network's inbox.")
            recipients = [settings.NETWORK_CONTACT_EMAIL]
        for recipient in recipients:
            send_email(
                to=recipient,
                template="concern_notification",
                context={"admin_url": admin_url},
                idempotency_key=f"concern-notification:{concern.pk}:{recipient}",
                about=concern,
            )
        if concern.email:
            send_email(
                to=concern.email,
                template="concern_acknowledgement",
                context={"reference": concern.reference},
                idempotency_key=f"concern-acknowledgement:{concern.pk}",
                about=concern,
            )
    return concern


def delete_expired_concerns(*, now=None):
    """Delete concerns older than CONCERN_RETENTION_DAYS. Returns how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CONCERN_RETENTION_DAYS)
    # The emails about each concern go with it (OutboundEmail.about).
    _, per_model = Concern.objects.filter(created_at__lt=cutoff).delete()
    return per_model.get("network.Concern", 0)
