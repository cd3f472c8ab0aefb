"""Records join an account when its address is verified, however that happens."""

from allauth.account.models import EmailAddress
from django.db.models.signals import post_save
from django.dispatch import receiver

from .services import link_records_to_account


@receiver(post_save, sender=EmailAddress, dispatch_uid="accounts.link_verified_address")
def link_verified_address(sender, instance, **kwargs):
    """One receiver for every way an address becomes verified: confirming it at sign-up or
    after adding it, changing the primary address to a verified one, or an admin ticking
    "verified" (allauth's email_confirmed and email_changed signals do not cover the last)."""
    if instance.verified and instance.user_id:
        link_records_to_account(user=instance.user, email=instance.email)
