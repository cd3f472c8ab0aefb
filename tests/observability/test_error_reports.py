"""Error reports to Sentry (SENTRY_DSN) carry no personal data: a real event, captured from a
failing request by a transport that keeps it, has no body, email address or concern content.

And they are worth reading: one server error is one event, and a probe that fails the same way
every few seconds (a load balancer asking /healthz while the database is down) sends it once a
minute, not on every probe."""

import json
from datetime import UTC, datetime

import pytest
import sentry_sdk
import time_machine
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory
from django.utils.crypto import get_random_string
from sentry_sdk.transport import Transport

from concerns import services as services_concerns
from edi_portal.observability import start_error_reporting
from tests.concerns.factories import CONCERN_CHOICES
from tests.concerns.test_concerns import SECRET_TEXT
from tests.health.test_healthz import database_down

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
    assert len(sentry_events) == 1
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


@pytest.mark.parametrize("signed_in", [False, True], ids=["no-session", "with-a-session"])
def test_one_server_error_is_one_event(settings, django_db_blocker, sentry_events, signed_in):
    """With the database out of reach, the page fails once; nothing on the way out (reading the
    session or the user for the response's headers) fails again and reports it a second time."""
    client = Client(raise_request_exception=False)
    if signed_in:
        client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-key"
    with django_db_blocker.block():
        response = client.get("/")
    sentry_sdk.flush()

    assert response.status_code == 500
    assert len(sentry_events) == 1


def test_the_same_error_on_two_requests_is_two_events(monkeypatch, sentry_events):
    """Only a probe's repeats are held back: each person's server error is reported."""

    def fail(**answers):
        raise RuntimeError("Could not store the concern")

    monkeypatch.setattr(services_concerns, "raise_concern", fail)
    for _ in range(2):
        status, _headers = post_through_wsgi("/concerns/", {**CONCERN_CHOICES, "details": "x"})
        assert status.startswith("500")
    sentry_sdk.flush()

    assert len(sentry_events) == 2


def test_a_probe_failing_the_same_way_is_reported_once_a_minute(transactional_db, sentry_events):
    client = Client()
    with database_down(), time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=UTC)) as clock:
        statuses = [client.get("/healthz").status_code for _ in range(5)]
        sentry_sdk.flush()
        after_five_probes = len(sentry_events)
        clock.shift(59)
        client.get("/healthz")
        sentry_sdk.flush()
        within_the_minute = len(sentry_events)
        clock.shift(2)
        client.get("/healthz")
        sentry_sdk.flush()

    assert statuses == [503] * 5
    assert (after_five_probes, within_the_minute, len(sentry_events)) == (1, 1, 2)
    assert all(
        event["logentry"]["message"] == "Health check: database not reachable"
        for event in sentry_events
    )
