import codecs

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.middleware import gzip
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

# The staff areas that need two-factor authentication, and what staff are told on the way to it.
# The reports show aggregates of equality monitoring answers (special category data).
TWO_FACTOR_AREAS = {
    "/admin/": "Set up two-factor authentication to use the admin pages.",
    "/reports/": "Set up two-factor authentication to see the reports.",
    # What people searched for, which may say something about them.
    "/search/to-improve/": "Set up two-factor authentication to see the searches to improve.",
}


class AdminRequiresTwoFactorMiddleware:
    """Keeps staff out of the staff areas (TWO_FACTOR_AREAS) until they have set up two-factor
    authentication.

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
    - A date drill-down of an admin list (date_hierarchy) outside the calendar: Django's admin
      fails with a 500 on a year it cannot turn into a date range. Checked here for every model
      admin, the portal's and other packages' alike.
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

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Every view of a model admin carries it (ModelAdmin.get_urls).
        model_admin = getattr(view_func, "model_admin", None)
        field = getattr(model_admin, "date_hierarchy", None)
        if field and not _drill_down_in_calendar(request.GET, field):
            raise BadRequest(f"Date drill-down outside the calendar on {field}")
        return None


def _is_utf8(charset):
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


# The numbers each part of an admin list's date drill-down may be. The admin filters from the
# first day shown to the day after the last, so the last year it can show is 9998.
DRILL_DOWN_PARTS = {"year": range(1, 9999), "month": range(1, 13), "day": range(1, 32)}


def _drill_down_in_calendar(query, field):
    """False when a part of the drill-down on `field` is a number outside DRILL_DOWN_PARTS.

    Anything else is left to the admin, which answers a value that is no number, or a day its
    month does not have, by sending the browser to the whole list."""
    for part, numbers in DRILL_DOWN_PARTS.items():
        try:
            number = int(query.get(f"{field}__{part}"))
        except (TypeError, ValueError):
            continue
        if number not in numbers:
            return False
    return True


def _has_nul(query):
    return any("\x00" in key or "\x00" in "".join(values) for key, values in query.lists())


# The browser features the portal never uses, turned off for it and anything it might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    ]
)
# URL arguments that carry a secret: pages reached by a signed link (a booking's, an
# application's) or by an account link (email confirmation, password reset).
SECRET_URL_ARGUMENTS = {"token", "key", "uidb36"}


class PrivacyHeadersMiddleware:
    """Sends Permissions-Policy with every response, and keeps private pages out of caches.

    A page is private when the person is signed in, when its address carries a secret, or when
    the visitor's session holds something of theirs (an application's answers in progress).
    Such pages get Cache-Control: no-store, so that neither a shared computer's browser nor a
    proxy keeps a copy for the next person. So does a server error, without asking who the
    visitor is: the database may be why the request failed, and asking it again would fail again
    (and be reported as a second error).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        match = request.resolver_match
        if (
            response.status_code >= 500
            or request.user.is_authenticated
            or (match and SECRET_URL_ARGUMENTS & match.kwargs.keys())
            or request.session.keys()
        ):
            add_never_cache_headers(response)
        return response


class GZipMiddleware(gzip.GZipMiddleware):
    """Django's, but never for a response that answers byte ranges (a video): a range counts
    the stored bytes, so compressing it would make its Content-Range and length wrong."""

    def process_response(self, request, response):
        if response.get("Accept-Ranges") == "bytes":
            return response
        return super().process_response(request, response)
