import re
import uuid
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.html import escape, format_html, linebreaks

from .email_templates import email_html
from .ratelimit import client_address
from .services import enqueue_email


def on_site_url(url):
    """The same path, query and fragment on SITE_URL, whatever host the URL was built for."""
    parts = urlsplit(url)
    return settings.SITE_URL + urlunsplit(("", "", parts.path, parts.query, parts.fragment))


def html_with_links(text, links):
    """Plain text as HTML paragraphs, where only the given URLs become links (nothing else)."""
    html = escape(text)
    if links:
        pattern = "|".join(re.escape(escape(link)) for link in sorted(links, key=len, reverse=True))
        html = re.sub(pattern, lambda match: format_html('<a href="{0}">{0}</a>', match[0]), html)
    return linebreaks(html)


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's emails (verification, sign-in codes, password reset) through the outbox.

    Their links are built on SITE_URL, never on the Host header of the request that caused them
    (allauth builds them from the request), and only those links are links in the HTML part.
    The outbox removes the links and the sign-in code (allauth's `code`) from its copy once
    sent. allauth's rate limits get the same client address as the portal's own.
    """

    def get_client_ip(self, request):
        return client_address(request)

    def send_mail(self, template_prefix, email, context):
        links = {
            key: on_site_url(value)
            for key, value in context.items()
            if key.endswith("_url") and isinstance(value, str)
        }
        site = SimpleNamespace(
            name="NW EDI Allyship Network", domain=urlsplit(settings.SITE_URL).netloc
        )
        context = {**context, **links, "email": email, "current_site": site}
        message = self.render_mail(template_prefix, email, context)
        enqueue_email(
            to=email,
            template=template_prefix,
            subject=message.subject,
            text=message.body,
            html=email_html(message.subject, html_with_links(message.body, links.values())),
            idempotency_key=f"account:{template_prefix}:{uuid.uuid4()}",
            codes=[context["code"]] if context.get("code") else [],
        )
