"""Signing in the way a person does (through allauth), and computing authenticator codes."""

import re
import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail

from edi_portal.models import OutboundEmail

PASSWORD = "correct-horse-battery"


def totp_code(secret, step=0):
    """The code an authenticator app shows now for `secret` (RFC 6238, allauth's own maths);
    `step=1` gives the next period's, which allauth accepts too (MFA_TOTP_TOLERANCE)."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + step
    return format_hotp_value(hotp_value(secret, counter))


def sign_in(client, user, password=PASSWORD):
    """Sign in through allauth's form, so allauth records how and when the user signed in."""
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def sign_in_in_browser(page, user, *, totp_secret=None):
    """Sign in through allauth's pages in the browser (with JavaScript on or off), entering the
    authenticator code when the user has one; waits until the browser has left /accounts/."""
    page.goto("/accounts/login/")
    main = page.locator("main")
    main.locator("input[name=login]").fill(user.email)
    main.locator("input[name=password]").fill(PASSWORD)
    main.locator("input[name=password]").press("Enter")
    if totp_secret:
        page.wait_for_url("**/accounts/2fa/authenticate/**")
        main.locator("input[name=code]").fill(totp_code(totp_secret))
        main.locator("input[name=code]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/" not in url)


def reauthenticate(client, password=PASSWORD):
    """allauth asks for the password again before two-factor settings change."""
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content.decode()[:2000]


def activate_totp(client):
    """Set up an authenticator app for the signed-in user, as the activation page asks."""
    reauthenticate(client)
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


def latest_email(to):
    return OutboundEmail.objects.filter(to=to).latest("created_at")


def received_text(email):
    """The text the person received: once an outbox row is sent it keeps no link or code, so
    the message sent (in Django's mail.outbox, found by its Message-ID); before that, the row's.
    """
    if email.status != OutboundEmail.Status.SENT:
        return email.text_body
    [message] = [m for m in mail.outbox if m.extra_headers.get("Message-ID") == email.message_id]
    return message.body


def link_in(email, path_start):
    """The first link in an email's text whose path starts with `path_start`."""
    text = received_text(email)
    match = re.search(rf"https?://[^/\s]+({re.escape(path_start)}\S+)", text)
    assert match, f"no {path_start} link in:\n{text}"
    return match.group(1)


def code_in(email):
    """The sign-in code: the line of the text that is one short run of letters and digits."""
    text = received_text(email)
    match = re.search(r"^\s*([A-Z0-9-]{6,12})\s*$", text, re.MULTILINE)
    assert match, f"no code in:\n{text}"
    return match.group(1)
