"""Simultaneous booking requests never overbook a session (real PostgreSQL, real transactions)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from training.models import Booking

from .factories import SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

REQUESTS = 60
PLACES = 20
# Each thread holds its own database connection; 30 at once stays well inside the shared
# server's max_connections while keeping every request in contention for the same row lock.
THREADS = 30


def post_booking(session_id, number):
    try:
        response = Client().post(
            f"/training/sessions/{session_id}/",
            {
                "name": f"Educator {number}",
                "email": f"educator{number}@nhs.net",
                "role": "consultant",
                "organisation": "Manchester University NHS Foundation Trust",
                "department": "Emergency department",
                "consent": "on",
            },
        )
        return response.status_code
    finally:
        connection.close()


@pytest.mark.parametrize("attempt", range(5))
def test_sixty_simultaneous_bookings_for_twenty_places(settings, attempt):
    settings.RATELIMIT_ENABLE = False
    session = SessionFactory(capacity=PLACES)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(lambda n: post_booking(session.pk, n), range(REQUESTS)))
    assert statuses == [302] * REQUESTS  # every request answered, none a server error
    bookings = Booking.objects.filter(session=session)
    assert bookings.filter(status=Booking.Status.CONFIRMED).count() == PLACES
    assert bookings.filter(status=Booking.Status.WAITING).count() == REQUESTS - PLACES
