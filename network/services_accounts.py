"""The account as the one place a trainee meets the network: linking their records to it."""

from django.db import transaction

from edi_portal.addresses import normalise
from training.models import Booking

from .models import Application, Membership

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
