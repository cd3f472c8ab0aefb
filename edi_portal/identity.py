"""The identity rule: which addresses, and so which records, are a person's.

An address is a person's only once they have shown they can read its mail: for an account, the
addresses it has verified (allauth's EmailAddress rows with verified=True; user.email counts
only as one of those). An address added but not verified brings nothing with it.

A record kept under an address (an application, a booking) joins the account that verifies that
address (when it is made, or when the address is verified later), and stays with that account.
So a person's records are those linked to their account, and those under their verified
addresses that no account holds yet.

Every feature that answers "what is this person's" (the download, deleting an account, the
subject access tool, linking, "Your network") asks this module; tests/accounts/test_identity.py
generates sequences of sign-ups, addresses and records to show nobody gets another's.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db.models import Q

from .addresses import normalise


def verified_addresses(user):
    """The addresses this account has verified, in lower case."""
    return frozenset(
        normalise(address)
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    )


def account_with_verified_address(email):
    """The account that has verified this address (letter case aside), or None. allauth lets
    only one account verify an address (ACCOUNT_UNIQUE_EMAIL)."""
    address = (
        EmailAddress.objects.filter(email__iexact=normalise(email), verified=True)
        .select_related("user")
        .first()
    )
    return address.user if address else None


@dataclass(frozen=True)
class Person:
    """Someone the portal knows: their verified addresses, and their account if they have one."""

    addresses: frozenset
    user: object = None

    @classmethod
    def for_user(cls, user):
        return cls(verified_addresses(user), user)

    @classmethod
    def find(cls, email):
        """For staff answering a request about an address (having checked who is asking): the
        address is the person's; so is the account that verified it, with its verified addresses.
        An account that added the address without verifying it is someone else."""
        user = account_with_verified_address(email)
        return cls.for_user(user) if user else cls(frozenset({normalise(email)}))

    def address_in(self, field_name):
        """Q for rows whose `field_name` is one of the person's addresses, in any case. For rows
        that can also be linked to an account, use records()."""
        query = Q(pk__in=[])
        for address in self.addresses:
            query |= Q(**{f"{field_name}__iexact": address})
        return query

    def user_is(self, field_name):
        """Q for rows whose `field_name` is the person's account (none without one)."""
        return Q(**{field_name: self.user.pk}) if self.user else Q(pk__in=[])

    def records(self, address_field="email", account_field="user"):
        """Q for rows kept under an address and linked to an account once it is verified: those
        linked to the person's account, and those under their addresses that no account holds
        (a row another account holds is that account's, whatever its address)."""
        return self.user_is(account_field) | (
            self.address_in(address_field) & Q(**{f"{account_field}__isnull": True})
        )
