"""A steady writer for `make bench`: one booking every `interval` seconds while pages are read.

Each booking goes through the real service (training.services.book_place), so it commits a
Booking and its outbox email in one transaction, as a visitor's booking does; the page cache
sees the same writes as it would in production. The writer keeps to a clock, not a sleep after
each booking, and starts each booking in a small pool of threads, so a booking slower than the
interval (a busy machine) does not lower the rate; it counts what it made and what failed.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.utils import timezone

from training.models import Session
from training.services import book_place

# Far more places than a run books: every booking is confirmed, so the session's page changes.
WRITER_PLACES = 100_000
# Bookings that may be in progress at once, when each takes longer than the interval.
WRITER_THREADS = 4


def writer_session(*, skip=()):
    """A copy of an upcoming session open for booking, with room for every booking of a run.

    A copy, so the sessions the benchmark reads keep their own bookings; `skip` are sessions
    already taken (another writer's), so two writers book different sessions."""
    now = timezone.now()
    original = next(
        session
        for session in Session.objects.upcoming().order_by("starts_at", "pk")
        if not session.booking_problem(now) and session.pk not in skip
    )
    copied_from = original.pk
    original.pk = None
    original.capacity = WRITER_PLACES
    original.save()
    original.copied_from = copied_from
    return original


class Writer(threading.Thread):
    """Books a place on `session_id` every `interval` seconds until stop()."""

    def __init__(self, *, session_id, interval, label="writer"):
        super().__init__(name=f"bench-{label}", daemon=True)
        self.session_id = session_id
        self.interval = interval
        self.label = label
        self.asked = 0  # bookings started, one every interval
        self.made = 0
        self.failed = 0
        self.errors = []
        self.started_at = self.stopped_at = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    def book(self, number):
        try:
            book_place(
                session_id=self.session_id,
                name=f"Bench Writer {number}",
                email=f"bench.{self.label}.{number}@nhs.net",
                role="consultant",
                organisation="Manchester University NHS Foundation Trust",
                department="Emergency department",
                consent=True,
            )
            with self._lock:
                self.made += 1
        except Exception as error:  # noqa: BLE001  (counted and reported, never fatal)
            with self._lock:
                self.failed += 1
                if len(self.errors) < 5:
                    self.errors.append(repr(error))
        finally:
            connection.close()  # this pool thread's own connection

    def run(self):
        self.started_at = time.monotonic()
        due = self.started_at
        number = 0
        with ThreadPoolExecutor(max_workers=WRITER_THREADS) as pool:
            while not self._stopping.is_set():
                number += 1
                self.asked = number
                pool.submit(self.book, number)
                due += self.interval
                self._stopping.wait(max(0.0, due - time.monotonic()))
        # The pool has finished the bookings in progress.
        self.stopped_at = time.monotonic()

    def stop(self):
        self._stopping.set()
        self.join(timeout=60)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def summary(self):
        """What the writer did: bookings made and failed, over how long, and the rate achieved."""
        seconds = (self.stopped_at or time.monotonic()) - (self.started_at or time.monotonic())
        return {
            "interval_seconds": self.interval,
            "started": self.asked,
            "bookings": self.made,
            "failed": self.failed,
            "seconds": round(seconds, 1),
            "bookings_per_second": round(self.made / seconds, 3) if seconds else 0.0,
            "errors": self.errors,
        }
