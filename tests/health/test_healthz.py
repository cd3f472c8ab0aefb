"""/healthz for load balancers and docker compose: the database decides, the broker is reported."""

import socket
import time
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from edi_portal.models import OutboundEmail
from tests.fixtures.celery_worker import broker_at


def closed_port():
    """A local port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_healthy_with_database_and_broker(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "database": "ok",
        "broker": "ok",
        "outbox": {"unsent": 0, "oldest_unsent_seconds": None},
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_broker_down_is_reported_but_still_healthy(client):
    with broker_at(f"redis://127.0.0.1:{closed_port()}/0"):
        started = time.monotonic()
        response = client.get("/healthz")
        took = time.monotonic() - started

    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["broker"] == "down"
    assert took < 1.5


@pytest.mark.django_db
def test_no_broker_configured_for_the_local_demo(client):
    with broker_at(""):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["broker"] == "not configured"


def test_database_down_is_unhealthy(transactional_db, client):
    settings_dict = connection.settings_dict
    real_host, real_port = settings_dict["HOST"], settings_dict["PORT"]
    connection.close()
    settings_dict.update(HOST="127.0.0.1", PORT=closed_port())
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        settings_dict.update(HOST=real_host, PORT=real_port)

    assert response.status_code == 503
    assert response.json() == {"database": "down", "broker": "ok", "outbox": None}


@pytest.mark.django_db
def test_the_outbox_backlog_and_its_oldest_email_are_reported(client):
    created = timezone.now()
    with time_machine.travel(created, tick=False):
        OutboundEmail.objects.create(to="a@nhs.net", subject="First", idempotency_key="a")
    OutboundEmail.objects.create(to="b@nhs.net", subject="Second", idempotency_key="b")
    OutboundEmail.objects.create(
        to="c@nhs.net", subject="Sent", idempotency_key="c", status=OutboundEmail.Status.SENT
    )
    with time_machine.travel(created + timedelta(minutes=15), tick=False):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["outbox"] == {"unsent": 2, "oldest_unsent_seconds": 900}


def test_liveness_asks_nothing_of_the_database(client):
    # Not marked django_db: any query would raise.
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
