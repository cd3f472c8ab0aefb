"""Django's test client as a browser uses the portal.

Django's test client skips the CSRF check unless asked, and holds no csrftoken cookie: a fault
that shows only when both are there (an error page whose CSRF wrapper reads the request's body
again) stays hidden from it. This client has the check on, opens a page before sending its form
(which gives it the cookie, as every visitor has after one page) and sends the page's token.
"""

import re

from django.conf import settings
from django.test import Client

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Pages with a form anyone may open, for a form whose own address shows no page (sign out).
PAGES_WITH_A_FORM = ("/concerns/", "/accounts/login/")


class BrowserClient(Client):
    def __init__(self, **defaults):
        super().__init__(enforce_csrf_checks=True, **defaults)

    def has_csrf_cookie(self):
        return settings.CSRF_COOKIE_NAME in self.cookies

    def csrf_token(self, page):
        """Open `page` and return the CSRF token of its form (a page without a form: the token
        of the first of PAGES_WITH_A_FORM that opens). The browser holds the cookie after."""
        for path in (page, *PAGES_WITH_A_FORM):
            match = CSRF_FIELD.search(self.get(path).content.decode(errors="replace"))
            if match:
                assert self.has_csrf_cookie(), f"{path} gave a token but no cookie"
                return match.group(1)
        raise AssertionError(f"No page with a form opened, starting from {page}")

    def post(self, path, data=None, *args, **kwargs):
        """POST a form as a browser does: with the token of the form's page, opened first.

        Data that already has a token, or is not a dict (a body built by the test), is sent as
        given."""
        if isinstance(data, dict) and "csrfmiddlewaretoken" not in data:
            data = {**data, "csrfmiddlewaretoken": self.csrf_token(path)}
        return super().post(path, data, *args, **kwargs)
