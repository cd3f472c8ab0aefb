"""Who may see trainee-only parts of the portal."""

from django.conf import settings

from edi_portal.identity import verified_addresses


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
    return any(email_domain_allowed(email) for email in verified_addresses(user))


def is_network_member(user):
    """True for a signed-in user with a membership of any cohort."""
    return user.is_authenticated and user.memberships.exists()
