import codecs

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
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


class RejectUnreadableRequestsMiddleware:
    """Answers 400 (the portal's page) to requests that no form or list can read safely.

    - A body in any charset but UTF-8. Browsers send forms in the page's UTF-8; Python's codecs
      (utf-16, rot13, hex...) would turn the fields into garbage or fail while reading them.
    - A NUL character in the query string: PostgreSQL can neither store nor compare one, and no
      link or filter form has it. (Forms answer one in a field with their own message.)
    Runs before the session, CSRF and auth middleware, which read the body and query string.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        charset = request.content_params.get("charset")
        if charset is not None and not _is_utf8(charset):
            raise BadRequest(f"Request body in an unsupported charset: {charset[:40]!r}")
        if _has_nul(request.GET):
            raise BadRequest("NUL character in the query string")
        return self.get_response(request)


def _is_utf8(charset):
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


def _has_nul(query):
    return any("\x00" in key or "\x00" in "".join(values) for key, values in query.lists())
