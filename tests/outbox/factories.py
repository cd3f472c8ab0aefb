import factory

from edi_portal.models import OutboundEmail


class OutboundEmailFactory(factory.django.DjangoModelFactory):
    """An outbox row written directly, without queuing its delivery."""

    class Meta:
        model = OutboundEmail

    to = factory.Sequence(lambda n: f"person{n}@nhs.net")
    subject = factory.Sequence(lambda n: f"Your booking {n}")
    text_body = "Your place is booked.\n"
    html_body = "<p>Your place is booked.</p>"
    idempotency_key = factory.Sequence(lambda n: f"test:{n}")
