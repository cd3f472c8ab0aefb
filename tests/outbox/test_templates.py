"""One Markdown template per email gives the subject, the text body and the NHS-styled HTML."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from edi_portal.models import OutboundEmail
from edi_portal.services import render_email


def test_render_email_gives_subject_text_and_html():
    subject, text, html = render_email(
        "test_message", {"site_url": "https://portal.example.nhs.uk", "sent_at": "1 May 2026"}
    )

    assert subject == "Test email from the NW EDI Allyship Network portal"
    assert text.startswith("Hello,\n\nThis is a test email from the portal at ")
    assert "https://portal.example.nhs.uk, written to the outbox at 1 May 2026." in text
    assert "<p>Hello,</p>" in html
    assert "<title>Test email from the NW EDI Allyship Network portal</title>" in html
    assert "NW EDI Allyship Network</span>" in html  # the layout's banner


def test_markup_in_context_values_is_shown_as_text_in_the_html():
    hostile = '<script>alert("x")</script><img src=x onerror="alert(1)"> & <b>bold</b>'

    subject, text, html = render_email(
        "test_message", {"site_url": "https://portal.example.nhs.uk", "sent_at": hostile}
    )

    assert "<script" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(" in html  # shown as the text it is
    assert hostile in text  # the text body is plain text: written as given, never escaped


@pytest.mark.django_db
def test_send_test_email_command_goes_through_the_outbox(django_capture_on_commit_callbacks):
    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_test_email", "ops@nhs.net", stdout=output)

    email = OutboundEmail.objects.get()
    assert f"Test email {email.pk} is in the outbox for ops@nhs.net." in output.getvalue()
    assert email.status == OutboundEmail.Status.SENT
    assert [message.to for message in mail.outbox] == [["ops@nhs.net"]]


def test_send_test_email_command_refuses_a_bad_address():
    with pytest.raises(CommandError, match="is not an email address"):
        call_command("send_test_email", "not-an-address")
