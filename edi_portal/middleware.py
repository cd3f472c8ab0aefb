from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect

# The staff areas that need two-factor authentication, and what staff are told on the way to it.
# The reports show aggregates of equality monitoring answers (special category data).
TWO_FACTOR_AREAS = {
    "/admin/": "Set up two-factor authentication to use the admin pages.",
    "/reports/": "Set up two-factor authentication to see the reports.",
}


class AdminRequiresTwoFactorMiddleware:
    """Keeps staff out of /admin/ and /reports/ until they have set up two-factor authentication.

    Admins see special category data (equality monitoring, concerns), so a password alone is not
    enough. The local demo may turn this off with ADMIN_REQUIRE_2FA (refused with DEBUG off).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        message = next(
            (text for prefix, text in TWO_FACTOR_AREAS.items() if request.path.startswith(prefix)),
            None,
        )
        if (
            settings.ADMIN_REQUIRE_2FA
            and message
            and request.user.is_authenticated
            and request.user.is_staff
            and not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            messages.info(request, message)
            return redirect("mfa_activate_totp")
        return self.get_response(request)
