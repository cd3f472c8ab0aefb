import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.template.loader import render_to_string
from django.utils.html import linebreaks, urlize

from .ratelimit import client_address
from .services import enqueue_email


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's emails (verification, sign-in codes, password reset) through the outbox,
    and gives allauth's rate limits the same client address as the portal's own."""

    def get_client_ip(self, request):
        return client_address(request)

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, {"email": email, **context})
        content = linebreaks(urlize(message.body, autoescape=True))
        html = render_to_string(
            "emails/layout.html", {"subject": message.subject, "content": content}
        )
        enqueue_email(
            to=email,
            subject=message.subject,
            text=message.body,
            html=html,
            idempotency_key=f"account:{template_prefix}:{uuid.uuid4()}",
        )
