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

from reports.sections import SECTIONS
from training.models import Feedback

from . import bulk
from .conftest import grant
from .helpers import moment, page_tables, report_pages, table_slugs

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
    """The contents page, every section's page and every table's CSV."""
    slugs = table_slugs(YEAR)
    return [
        f"/reports/?year={YEAR}",
        *(f"/reports/{section.slug}/?year={YEAR}" for section in SECTIONS),
        *(f"/reports/csv/{slug}/?year={YEAR}" for slug in slugs),
    ]


def test_same_number_of_queries_with_50_and_5000_applications(client, equality_user):
    """Sections count in a few grouped queries. Checked for the contents page, every section's
    page and every CSV (concerns' too), at two sizes, with nothing kept yet; then a section's page
    and a CSV of a page just shown."""
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
    # The sections make 22 of these for each year: network 4, training 6, QI 5, diversity 1,
    # concerns 1, mentoring 5. A section's page makes only its own, for both years; storing them
    # in the database cache takes a few more.
    assert small[f"/reports/network/?year={YEAR}"] <= 30
    assert small[f"/reports/diversity/?year={YEAR}"] <= 22
    # The contents page shows no figures, so it never works them out.
    assert small[f"/reports/?year={YEAR}"] <= 8
    # A CSV lays out the same kept figures as the section's page: with none kept, it works them
    # out as the page would (so the two always agree); once the page has kept them, it only
    # reads them.
    csv = f"/reports/csv/diversity-ethnic-group/?year={YEAR}"
    assert small[csv] <= small[f"/reports/diversity/?year={YEAR}"]
    reports_client.get(f"/reports/diversity/?year={YEAR}")
    with CaptureQueriesContext(connection) as queries:
        assert reports_client.get(csv).status_code == 200
    assert len(queries) <= 7
    with CaptureQueriesContext(connection) as queries:
        assert reports_client.get(f"/reports/diversity/?year={YEAR}").status_code == 200
    assert len(queries) <= 9


def test_every_reports_page_stays_small_with_a_filled_database(reports_client):
    """The contents page and each section's page stay under 120 KB of HTML (the whole report on
    one page was 315 KB at national scale), and between them they show every table."""
    bulk.applications(2000)
    bulk.applications(2000, year="2025-26", start=100_000)
    bulk.sessions(60, bookings_each=10)
    bulk.qi_projects(200)
    bulk.qi_projects(200, year="2025-26")
    pages = report_pages(reports_client, YEAR)
    assert len(pages) == 1 + len(SECTIONS)
    sizes = {path: len(html.encode()) for path, html in pages.items()}
    assert max(sizes.values()) < 120 * 1024, sizes
    assert set(page_tables("".join(pages.values()))) == set(table_slugs(YEAR))


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
        *(f"/reports/{section.slug}/?year={YEAR}" for section in SECTIONS),
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
