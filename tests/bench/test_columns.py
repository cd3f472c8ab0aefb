"""The pieces of `make bench` behind its columns, tested without a run: the steady writer, the
wrk script that counts X-Page-Cache, and the results with their targets (bench/results.py)."""

import importlib.util
import json
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench import results as report
from bench.pages import DETAIL, LIST, STAFF, BenchPage
from bench.writer import Writer, writer_session
from tests.training.factories import SessionFactory
from training.models import Booking

ROOT = Path(__file__).resolve().parents[2]


def bench_script():
    spec = importlib.util.spec_from_file_location("bench_script", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_the_writer_books_at_the_asked_rate_on_its_own_session():
    SessionFactory(capacity=5)
    SessionFactory(capacity=5)
    first = writer_session()
    second = writer_session(skip={first.pk, first.copied_from})
    assert first.pk != second.pk
    assert first.capacity == second.capacity == 100_000

    with Writer(session_id=first.pk, interval=0.1, label="fast") as writer:
        time.sleep(1.55)
    summary = writer.summary()

    # 16 bookings started in 1.55 s: one at once, then one every 0.1 s, however long each took
    # (the pool finishes those in progress before the writer stops).
    assert 15 <= summary["started"] <= 17, summary
    assert summary["bookings"] == summary["started"]
    assert summary["failed"] == 0, summary["errors"]
    assert summary["bookings_per_second"] > 5
    booked = Booking.objects.filter(session=first)
    assert booked.count() == summary["bookings"]
    assert set(booked.values_list("status", flat=True)) == {Booking.Status.CONFIRMED}
    assert not Booking.objects.filter(session=second).exists()


class CachedPages(BaseHTTPRequestHandler):
    """Answers like a page that may be kept: every third answer a miss, the others hits."""

    count = 0
    lock = threading.Lock()

    def do_GET(self):  # noqa: N802  (http.server's name)
        with CachedPages.lock:
            CachedPages.count += 1
            state = "miss" if CachedPages.count % 3 == 0 else "hit"
        body = b"<p>page</p>"
        self.send_response(200)
        if not self.path.startswith("/accessibility/"):  # the layout page is never kept
            self.send_header("X-Page-Cache", state)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk (Debian's package) is not installed")
def test_the_wrk_script_counts_hits_and_misses_from_the_header(tmp_path):
    bench = bench_script()
    script = tmp_path / "bench.lua"
    script.write_text(bench.WRK_SCRIPT)
    server = ThreadingHTTPServer(("127.0.0.1", 0), CachedPages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        histogram, requests, _, errors, hits, misses = bench.wrk(
            "/training/", "", 1, str(script), base_url
        )
        layout = bench.wrk("/accessibility/", "", 1, str(script), base_url)
    finally:
        server.shutdown()
    assert requests > 10 and errors == 0
    assert hits + misses == requests
    assert 0.5 < hits / requests < 0.8
    assert layout[4:] == (0, 0)  # no header: neither hit nor miss, so the hit rate is unknown


def served(p50, *, layout=10.0, requests=1000, seconds=1.0, hits=0, misses=0):
    return {
        "layout_requests": 2000,
        "layout_seconds": 1.0,
        "p50": p50,
        "p99": p50 * 2,
        "layout_p50": layout,
        "requests": requests,
        "seconds": seconds,
        "hits": hits,
        "misses": misses,
        "errors": 0,
        "served_bytes": 5000,
        "mode": "16 connections",
    }


LOCAL = {"status": 200, "queries": 1, "rendered_queries": 5, "rendered_seconds": 0.02, "bytes": 9}
DETAIL_PAGE = BenchPage("a QI project page", "/qi-projects/x/", kind=DETAIL)
SEARCH = BenchPage("search", "/search/?q=bystander", kind=LIST)
SESSION_PAGE = BenchPage("a session page", "/training/s/", kind=DETAIL, shows_bookings=True)
ADMIN = BenchPage("admin users", "/admin/network/user/", STAFF)


def measured(*, with_header):
    hits = {"hits": 95, "misses": 5} if with_header else {}
    return [
        (
            DETAIL_PAGE,
            LOCAL,
            {
                report.KEPT: served(10.0, **hits),
                report.FRESH: served(25.0),  # ratio 0.4: met
                report.WRITER_SLOW: served(11.0, **hits),
                report.WRITER_FAST: served(12.0, requests=800, **hits),
            },
        ),
        (
            SEARCH,
            LOCAL,
            {
                report.KEPT: served(10.0, **hits),
                report.FRESH: served(100.0),  # ratio 0.1: missed by 0.1
                report.WRITER_SLOW: served(20.0, **hits),
                # Half the throughput and, with the header, 50% hits: both missed.
                report.WRITER_FAST: served(
                    40.0, requests=500, **({"hits": 50, "misses": 50} if with_header else {})
                ),
            },
        ),
        (
            SESSION_PAGE,
            LOCAL,
            {
                report.KEPT: served(10.0, **hits),
                report.FRESH: served(20.0),
                report.WRITER_SLOW: served(20.0),
                report.WRITER_FAST: served(
                    20.0, requests=900, **({"hits": 10, "misses": 90} if with_header else {})
                ),
            },
        ),
        (
            ADMIN,
            LOCAL,
            {name: served(50.0) for name in report.COLUMNS},
        ),
    ]


def everything(rows):
    return report.results(
        run={"scale": 1},
        rows=rows,
        admin_searches=[{"page": "admin users search", "p50": 180.0}],
        reports_cold={"p50": 450.0, "bytes": 150 * 1024},
        worker_rss={"before_kb": [90_000, 91_000], "after_kb": [95_000, 96_000]},
        writers={},
        bookings={},
    )


def marks(row):
    return {result["target"]: (result["mark"], result["by"]) for result in row["checks"]}


def test_every_page_has_the_four_columns_and_the_json_holds_them():
    data = json.loads(json.dumps(everything(report.page_rows(measured(with_header=True)))))

    assert set(data["columns"]) == {"kept", "fresh", "writer 1 s", "writer 0.2 s"}
    for row in data["pages"]:
        assert set(row["columns"]) == set(data["columns"])
        for column in row["columns"].values():
            assert {"ratio", "throughput", "hit_rate", "p50", "layout_p50"} <= set(column)
    search = next(row for row in data["pages"] if row["page"] == "search")
    assert search["columns"]["fresh"]["ratio"] == 0.1
    assert search["columns"]["writer 0.2 s"]["hit_rate"] == 0.5
    assert search["columns"]["kept"]["throughput"] == 1000
    assert data["worker_rss"]["after_kb"] == [95_000, 96_000]
    assert {"reports_cold", "admin_searches", "writers", "simultaneous_bookings"} <= set(data)


def test_each_row_marks_the_targets_that_apply_to_it():
    rows = report.page_rows(measured(with_header=True))
    detail, search, session, admin = rows

    assert marks(detail) == {
        "fresh ≥ 0.3": ("✓", None),
        "throughput at 0.2 s ≥ 0.7": ("✓", None),
        "hits at 0.2 s ≥ 0.95": ("✓", None),
    }
    assert marks(search) == {
        "fresh ≥ 0.2": ("✗", 0.1),
        "throughput at 0.2 s ≥ 0.7": ("✗", 0.2),
        "hits at 0.2 s ≥ 0.95": ("✗", 0.45),
    }
    # A page that shows bookings is not held to the hit rate; staff pages have no such targets.
    assert "hits at 0.2 s ≥ 0.95" not in marks(session)
    assert marks(admin) == {}

    targets = {result["target"]: result for result in everything(rows)["targets"]}
    assert targets["/reports/ cold under 500 ms"]["mark"] == "✓"
    assert targets["/reports/ HTML under 120 KB"]["missed"][0]["by"] == 30
    assert targets["admin changelist searches under 150 ms one at a time"]["mark"] == "✗"
    assert targets["fresh render: lists and search 0.2 or more"]["missed"][0]["page"] == "search"
    table = report.visitors_table(rows)
    assert (
        "| search | anonymous | 1.00 (95% hits) | 0.10 | 0.50 (95% hits) | 0.25 (50% hits) "
        in table
    )
    assert "✗" in report.targets_table(everything(rows)["targets"])


def test_the_hit_rate_is_unknown_until_the_server_says_whether_a_page_was_kept():
    rows = report.page_rows(measured(with_header=False))
    detail = rows[0]

    assert detail["columns"]["writer 0.2 s"]["hit_rate"] is None
    assert marks(detail)["hits at 0.2 s ≥ 0.95"] == ("?", None)
    targets = {result["target"]: result for result in everything(rows)["targets"]}
    hit_rate = targets[
        "under one booking per 0.2 s: hit rate 0.95 or more (pages that do not show bookings)"
    ]
    assert hit_rate["mark"] == "?"
    assert "a QI project page" in hit_rate["unknown"]
    assert "?" in report.targets_table(everything(rows)["targets"])
