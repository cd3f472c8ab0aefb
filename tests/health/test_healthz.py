"""/healthz for load balancers and docker compose: the database decides; the broker and the
uploads' store are reported, quickly even when they do not answer."""

import socket
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from edi_portal.models import OutboundEmail
from tests.fixtures.celery_worker import broker_at
from tests.fixtures.object_store import (
    OBJECT_STORE_ENVIRONMENT,
    closed_port,
    keep_uploads_in_bucket,
)


@contextmanager
def database_down():
    """The database at an address where nothing listens, as when PostgreSQL is down (for a test
    using transactional_db: the connection is closed and opened again)."""
    settings_dict = connection.settings_dict
    real_host, real_port = settings_dict["HOST"], settings_dict["PORT"]
    connection.close()
    settings_dict.update(HOST="127.0.0.1", PORT=closed_port())
    try:
        yield
    finally:
        connection.close()
        settings_dict.update(HOST=real_host, PORT=real_port)


@contextmanager
def silent_port():
    """A local port that takes connections and never answers: a store that hangs."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield sock.getsockname()[1]


@pytest.mark.django_db
def test_healthy_with_database_and_broker(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "database": "ok",
        "broker": "ok",
        "outbox": {"unsent": 0, "oldest_unsent_seconds": None},
        "storage": "ok",
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_object_store_answering_is_reported(client, uploads_on_object_store):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["storage"] == "ok"


@pytest.mark.django_db
@pytest.mark.parametrize("store", ["refusing", "hanging"])
def test_the_object_store_down_is_reported_quickly_but_still_healthy(client, settings, store):
    """The store does not decide: pages work without it (only files wait), and every node
    shares it, so taking a node out of service would not help."""
    with silent_port() as hanging:
        port = closed_port() if store == "refusing" else hanging
        endpoint = f"http://127.0.0.1:{port}"
        keep_uploads_in_bucket(
            settings, {**OBJECT_STORE_ENVIRONMENT, "AWS_S3_ENDPOINT_URL": endpoint}
        )
        started = time.monotonic()
        response = client.get("/healthz")
        took = time.monotonic() - started

    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["storage"] == "down"
    assert took < 2.5


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
    with database_down():
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "database": "down",
        "broker": "ok",
        "outbox": None,
        "storage": "ok",
    }


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
