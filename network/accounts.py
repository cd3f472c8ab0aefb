"""Who may see trainee-only parts of the portal."""

from allauth.account.models import EmailAddress
from django.conf import settings


def email_domain_allowed(email):
    """True when the address is on one of the allowed trainee domains (or a subdomain of one)."""
    domain = email.rpartition("@")[2].lower()
    return any(
        domain == allowed or domain.endswith(f".{allowed}")
        for allowed in (d.lower() for d in settings.ALLOWED_TRAINEE_EMAIL_DOMAINS)
    )


def is_verified_trainee(user):
    """True for a signed-in user with a verified email address on an allowed trainee domain."""
    if not user.is_authenticated:
        return False
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return any(email_domain_allowed(email) for email in verified)


def is_network_member(user):
    """True for a signed-in user with a membership of any cohort."""
    return user.is_authenticated and user.memberships.exists()


def account_with_verified_address(email):
    """The user who has verified this address (letter case aside), or None."""
    address = (
        EmailAddress.objects.filter(email__iexact=email.strip(), verified=True)
        .select_related("user")
        .first()
    )
    return address.user if address else None
