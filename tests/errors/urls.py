"""The portal's URLs plus three that fail on purpose, so the tests can see every error page."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from edi_portal.urls import handler400, handler500  # noqa: F401
from edi_portal.urls import urlpatterns as portal_urlpatterns


def bad_request(request):
    raise BadRequest("A request the portal cannot read.")


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("A fault in the portal.")


urlpatterns = [
    path("test-errors/400/", bad_request),
    path("test-errors/403/", forbidden),
    path("test-errors/500/", broken),
    *portal_urlpatterns,
]
