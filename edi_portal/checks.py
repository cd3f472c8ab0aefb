from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def admin_two_factor_required(app_configs, **kwargs):
    """Admins see special category data: two-factor may be off only for the local demo."""
    if not settings.DEBUG and not settings.ADMIN_REQUIRE_2FA:
        return [
            Error(
                "ADMIN_REQUIRE_2FA is off while DEBUG is off.",
                hint="Two-factor authentication for /admin/ may be switched off only in local "
                "development (DJANGO_DEBUG=true).",
                id="edi_portal.E001",
            )
        ]
    return []
