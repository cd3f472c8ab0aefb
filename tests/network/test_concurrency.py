"""Simultaneous identical submissions, on real PostgreSQL with one thread per request."""

import threading

import pytest
from django.db import connection
from django.test import Client

from edi_portal.models import OutboundEmail
from network.models import Application, EqualityMonitoring

from .factories import CohortFactory, WorkstreamFactory
from .journey import complete_application

pytestmark = pytest.mark.django_db(transaction=True)

SUBMISSIONS = 20


def test_twenty_simultaneous_submissions_of_one_email_make_one_application(settings):
    settings.RATELIMIT_ENABLE = False
    CohortFactory()
    workstream = WorkstreamFactory()
    clients = []
    for _ in range(SUBMISSIONS):
        client = Client(raise_request_exception=False)
        complete_application(client, workstream)
        clients.append(client)
    start = threading.Barrier(SUBMISSIONS)
    statuses = []

    def submit(client):
        try:
            start.wait()
            statuses.append(client.post("/join/check/").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * SUBMISSIONS  # every one sees the confirmation page, none a 500
    assert Application.objects.count() == 1
    assert EqualityMonitoring.objects.count() == 1
    # One acknowledgement, and one reminder (at most one a day) for all the repeats.
    keys = sorted(
        k.split(":")[0] for k in OutboundEmail.objects.values_list("idempotency_key", flat=True)
    )
    assert keys == ["application-acknowledgement", "application-reminder"]
