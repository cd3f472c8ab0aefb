"""The account as the one place a trainee meets the network: linking their records to it,
and their data rights (export, erasure, deleting the account)."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from edi_portal.addresses import normalise
from network.models import Application, Membership
from qi_projects.models import QIProject
from qi_projects.models import Status as ProjectStatus
from training.models import Booking

from . import personal_data
from .models import ErasureRecord

# The records kept under an email address that join the account verifying that address.
LINKED_BY_ADDRESS = (Membership, Application, Booking)


@transaction.atomic
def link_records_to_account(*, user, email):
    """Link every membership, application and booking under `email` (letter case aside) that
    no account holds yet to `user`, who has just verified the address. Returns how many."""
    address = normalise(email)
    return sum(
        model.objects.filter(email=address, user__isnull=True).update(user=user)
        for model in LINKED_BY_ADDRESS
    )


EXPORT_FORMAT = "nw-edi-portal-personal-data"
EXPORT_VERSION = 1


def export_personal_data(*, person):
    """Everything the portal holds about `person`, as one JSON-ready dict (the format is
    described in docs/personal-data-export.md)."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "documentation": settings.SITE_URL + reverse("privacy") + "#your-rights",
        "email_addresses": sorted(person.addresses),
        "records": personal_data.export(person),
    }


def export_file(*, person):
    """The export as a downloadable JSON file's bytes."""
    return json.dumps(export_personal_data(person=person), cls=DjangoJSONEncoder, indent=2)


@transaction.atomic
def erase_personal_data(*, person, reason, by=None):
    """Erase or anonymise everything about `person` in one transaction, leaving the reports'
    counts as they were, and record that it happened (without the erased data)."""
    rows = personal_data.erase(person)
    return ErasureRecord.objects.create(reason=reason, performed_by=by, rows=rows)


def delete_account(*, user, unpublish_projects=False):
    """The person deletes their own account: everything of theirs goes as for an erasure
    request. Published QI projects stay in the gallery without their name, unless they ask
    for those to be unpublished too."""
    with transaction.atomic():
        if unpublish_projects:
            QIProject.objects.filter(author=user, status=ProjectStatus.PUBLISHED).update(
                status=ProjectStatus.WITHDRAWN
            )
        return erase_personal_data(
            person=personal_data.Person.for_user(user),
            reason=ErasureRecord.Reason.ACCOUNT_DELETED,
        )
