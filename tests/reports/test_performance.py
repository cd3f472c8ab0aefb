"""The reports page makes the same number of queries whatever the amount of data.

The render-time benchmark (5,000 applications, 500 sessions) is skipped unless asked for:
REPORTS_BENCHMARK=1 make test PYTEST_ARGS="tests/reports/test_performance.py -s"
"""

import os
import time

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from . import bulk
from .conftest import grant
from .helpers import moment

pytestmark = pytest.mark.django_db

YEAR = "2026-27"


@pytest.fixture(autouse=True)
def in_march_2027():
    with time_machine.travel(moment(2027, 3, 1), tick=True):
        yield


@pytest.fixture
def reports_client(client, equality_user):
    """Staff who see every section, concerns included."""
    client.force_login(grant(equality_user, "network.view_concern"))
    return client


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def every_path():
    """The page and every table's CSV."""
    from reports.sections import SECTIONS, Years

    slugs = [table.slug for section in SECTIONS for table in section.build(Years.ending(YEAR))]
    return [f"/reports/?year={YEAR}", *(f"/reports/csv/{slug}/?year={YEAR}" for slug in slugs)]


def test_same_number_of_queries_with_50_and_5000_applications(reports_client):
    """Sections count in a few grouped queries; a CSV of one equality question asks about that
    question only. Checked for the page and every CSV, at two sizes."""
    bulk.sessions(5, bookings_each=4)
    bulk.qi_projects(3)
    bulk.applications(50)
    bulk.applications(20, year="2025-26", start=100_000)
    paths = every_path()
    small = {path: count_queries(reports_client, path) for path in paths}
    bulk.applications(4950, start=50)
    bulk.sessions(50, bookings_each=10)
    bulk.qi_projects(100, year="2025-26")
    assert {path: count_queries(reports_client, path) for path in paths} == small
    # The sections make 28 of these: network 4, training 6, QI 5, diversity 1, concerns 5,
    # mentoring 7.
    assert small[f"/reports/?year={YEAR}"] <= 36
    assert small[f"/reports/csv/diversity-ethnic-group/?year={YEAR}"] <= 6


@pytest.mark.skipif(
    os.environ.get("REPORTS_BENCHMARK") != "1", reason="benchmark: set REPORTS_BENCHMARK=1"
)
def test_benchmark_render_time_at_5000_applications_and_500_sessions(reports_client):
    bulk.applications(5000)
    bulk.applications(4000, year="2025-26", start=100_000)
    bulk.sessions(500)
    bulk.qi_projects(200)
    path = f"/reports/?year={YEAR}"
    reports_client.get(path)  # warm up: templates, connection
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = reports_client.get(path)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    print(
        f"\nreports page, 5,000 applications (+4,000 the year before), 500 sessions, "
        f"10,000 bookings: {len(queries)} queries, best {min(timings) * 1000:.0f} ms, "
        f"median {sorted(timings)[2] * 1000:.0f} ms, worst {max(timings) * 1000:.0f} ms; "
        f"of which SQL {sum(float(q['time']) for q in queries.captured_queries) * 1000:.0f} ms"
    )
