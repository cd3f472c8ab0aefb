from functools import partial

from django.conf import settings

from . import page_cache

SERVICE_NAME = "NW EDI Allyship Network"

# The header's navigation: (text, path). Paths are the stable addresses in DESIGN.md.
NAVIGATION = [
    ("Home", "/"),
    ("About", "/about/"),
    ("Workstreams", "/workstreams/"),
    ("Training", "/training/"),
    ("QI projects", "/qi-projects/"),
    ("Peer support", "/peer-support/"),
    ("Join the network", "/join/"),
]


def portal(request):
    """Values every page's layout uses."""
    path = request.path
    navigation = [
        {
            "text": text,
            "href": href,
            "current": path == href,
            "active": path == href or (href != "/" and path.startswith(href)),
        }
        for text, href in NAVIGATION
    ]
    return {
        "service_name": SERVICE_NAME,
        "network_contact_email": settings.NETWORK_CONTACT_EMAIL,
        "navigation": navigation,
        # Called by the header only for a signed-in visitor: the 500 page reads no user.
        "account_label": partial(page_cache.account_label, request),
    }
