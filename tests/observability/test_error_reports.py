"""Error reports to Sentry (SENTRY_DSN) carry no personal data: a real event, captured from a
failing request by a transport that keeps it, has no body, email address or concern content."""

import json

import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.utils.crypto import get_random_string
from sentry_sdk.transport import Transport

from concerns import services as services_concerns
from edi_portal.observability import start_error_reporting
from tests.concerns.factories import CONCERN_CHOICES
from tests.concerns.test_concerns import SECRET_TEXT

pytestmark = pytest.mark.django_db

EMAIL = "amara.okafor@nhs.net"


class KeepEvents(Transport):
    """Keeps each event instead of sending it."""

    events = []

    def capture_envelope(self, envelope):
        for item in envelope.items:
            if item.type == "event":
                self.events.append(item.payload.json)


def post_through_wsgi(path, data):
    """POST as gunicorn does, through Django's WSGI handler (where Sentry reads the request),
    with a valid CSRF cookie and token; returns (status, headers)."""
    token = get_random_string(32)
    environ = RequestFactory().post(path, {**data, "csrfmiddlewaretoken": token}).environ
    environ["HTTP_COOKIE"] = f"csrftoken={token}"
    environ["HTTP_USER_AGENT"] = "Test browser"
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    # As Django's test client does: keep the test's database connection (and transaction) open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        b"".join(WSGIHandler()(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"]


@pytest.fixture
def sentry_events():
    KeepEvents.events = []
    start_error_reporting(
        dsn="https://public-key@errors.example.invalid/1",
        environment="test",
        transport=KeepEvents,
    )
    yield KeepEvents.events
    sentry_sdk.init(dsn=None)


def test_a_failing_concern_is_reported_without_what_the_person_wrote(monkeypatch, sentry_events):
    def fail(**answers):
        # An error message that quotes personal data, as database errors can.
        raise RuntimeError(
            f"Could not store the concern from {answers['email']}\n"
            f"DETAIL: Failing row contains ({answers['details']}, {answers['email']})."
        )

    monkeypatch.setattr(services_concerns, "raise_concern", fail)
    status, headers = post_through_wsgi(
        f"/concerns/?email={EMAIL}",
        {**CONCERN_CHOICES, "details": SECRET_TEXT, "email": EMAIL},
    )
    sentry_sdk.flush()

    assert status.startswith("500")
    # The exception, and the error Django logs about it: neither carries personal data.
    assert sentry_events
    for event in sentry_events:
        text = json.dumps(event)
        assert EMAIL not in text and "amara" not in text
        assert "accent" not in text and "registrar" not in text
        assert "Test browser" not in text and "csrftoken" not in text
        assert set(event.get("request", {})) <= {"method", "url"}
        assert event["tags"]["request_id"] == headers["X-Request-ID"]
    [event] = [event for event in sentry_events if event.get("exception")]
    assert event["request"] == {"method": "POST", "url": "http://testserver/concerns/"}
    [exception] = event["exception"]["values"]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "Could not store the concern from [email]\n"
    assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])
