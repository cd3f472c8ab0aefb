"""The reports page makes the same number of queries whatever the amount of data.

The benchmark at national scale (60,000 applications, 40,000 bookings) is skipped unless asked for:
REPORTS_BENCHMARK=1 make test PYTEST_ARGS="tests/reports/test_performance.py -s"
"""

import os
import statistics
import time

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from training.models import Feedback

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
    client.force_login(grant(equality_user, "concerns.view_concern"))
    return client


def count_queries(client, path):
    """The queries of working the figures out: none are cached yet."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def every_path():
    """The page and every table's CSV."""
    from reports.sections import SECTIONS, Years

    slugs = [table.slug for section in SECTIONS for table in section.build(Years.ending(YEAR))]
    return [f"/reports/?year={YEAR}", *(f"/reports/csv/{slug}/?year={YEAR}" for slug in slugs)]


def test_same_number_of_queries_with_50_and_5000_applications(client, equality_user):
    """Sections count in a few grouped queries; a CSV of one equality question asks about that
    question only. Checked for the page and every CSV (concerns' too), at two sizes."""
    reports_client = client
    reports_client.force_login(grant(equality_user, "concerns.view_concern"))
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
    # mentoring 7. Storing the figures in the database cache takes about 5 a section more.
    assert small[f"/reports/?year={YEAR}"] <= 70
    # One more to look for the page's copy of the table.
    assert small[f"/reports/csv/diversity-ethnic-group/?year={YEAR}"] <= 7


def national_scale():
    """Issue 12's national scale for the reports: 60,000 applications with equality answers over
    three cohorts, 2,000 sessions with 40,000 bookings and 15,000 feedback responses, 3,000 QI
    projects; then fresh planner statistics, as autovacuum would give."""
    for index, year in enumerate(["2024-25", "2025-26", YEAR]):
        bulk.applications(20_000, year=year, start=index * 100_000)
    bulk.sessions(2000, bookings_each=20)
    Feedback.objects.filter(pk__in=Feedback.objects.order_by("pk").values("pk")[15_000:]).delete()
    for year in ["2024-25", "2025-26", YEAR]:
        bulk.qi_projects(1000, year=year)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@pytest.mark.skipif(
    os.environ.get("REPORTS_BENCHMARK") != "1", reason="benchmark: set REPORTS_BENCHMARK=1"
)
def test_benchmark_at_national_scale(reports_client):
    national_scale()
    for path in [
        *(f"/reports/?year={year}" for year in (YEAR, "2025-26", "2024-25")),
        f"/reports/csv/diversity-ethnic-group/?year={YEAR}",
        f"/reports/csv/network-applications-by-status/?year={YEAR}",
        f"/reports/csv/training-attendance/?year={YEAR}",
    ]:
        reports_client.get(path)  # warm up: templates, connection
        timings = []
        for _ in range(7):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = reports_client.get(path)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200
        sql = sum(float(q["time"]) for q in queries.captured_queries)
        print(
            f"\n{path}: {len(queries)} queries, p50 {statistics.median(timings) * 1000:.0f} ms, "
            f"worst {max(timings) * 1000:.0f} ms, SQL {sql * 1000:.0f} ms"
        )
