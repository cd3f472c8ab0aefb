"""The benchmark behind `make bench`; docs/performance.md says how to read what it prints.

1. Drops and creates BENCH_DATABASE_URL, migrates it and fills it (`seed_national`).
2. Counts each page's queries in this process (Django's test client, signed in through
   allauth's forms), then serves the database with gunicorn (2 sync workers) under production
   settings: DEBUG off, a generated secret; only the SSL redirect and secure cookies are off,
   since the benchmark speaks plain HTTP to localhost.
3. Signs a trainee and a member of staff in through the real forms (staff with an authenticator
   code), then loads each page with wrk, in rounds interleaved with the bare layout page, and
   prints queries, p50, p99 and the ratio of the layout page's p50 to the page's.

4. Measures each page again in three more columns (issue 24, "what visitors meet"): fresh, on a
   second gunicorn with PAGE_CACHE_SECONDS=0, and under a steady writer booking a place every
   second, then every 0.2 s (bench/writer.py), counting X-Page-Cache hits and misses. Then
   /reports/ cold, each admin changelist's search one at a time, and the workers' memory after a
   flood of distinct query strings. bench/results.py marks issue 24's targets.

Settings (environment): BENCH_DATABASE_URL, BENCH_SCALE (1 = national scale), BENCH_PORT (and the
port after it for the fresh server), BENCH_CONNECTIONS (16), BENCH_SECONDS (the layout page's
time in each round), BENCH_ROUNDS (kept column), BENCH_FRESH_ROUNDS, BENCH_WRITER_ROUNDS,
BENCH_FLOOD_REQUESTS.
"""

import html
import http.cookiejar
import json
import math
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import results as report  # noqa: E402
from bench.pages import ANONYMOUS, LAYOUT_PAGE, STAFF, TRAINEE, BenchPage  # noqa: E402

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/edi_bench")
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "1"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
# The reports: a contents page and a page per section; the diversity section is the largest.
REPORTS_COLD_PATH = "/reports/diversity/"
REPORTS_PAGES = {"/reports/", REPORTS_COLD_PATH}
# The other columns take fewer rounds each, so the whole run stays near 25 minutes at scale 1.
FRESH_ROUNDS = int(os.environ.get("BENCH_FRESH_ROUNDS", "2"))
WRITER_ROUNDS = int(os.environ.get("BENCH_WRITER_ROUNDS", "1"))
# Distinct query strings (/training/?x=N) sent before the workers' memory is read again.
FLOOD_REQUESTS = int(os.environ.get("BENCH_FLOOD_REQUESTS", "2000"))
FLOOD_PATH = "/training/"
WORKERS = 2
# A page slower than this in-process is timed one request at a time: under 16 connections its
# queue would outlast the round, and the requests left over would slow the next page's round.
SEQUENTIAL_SECONDS = 0.5
SEQUENTIAL_BUDGET_SECONDS = 15
# Slower pages get longer rounds (up to this), so each connection sees a few responses.
MAX_ROUND_SECONDS = 3
BASE_URL = f"http://127.0.0.1:{PORT}"
FRESH_URL = f"http://127.0.0.1:{PORT + 1}"  # the second server, which keeps no page
VAR = ROOT / "var"
PASSWORD = secrets.token_urlsafe(16)
# What a browser sends: the served size then shows whether HTML is compressed.
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br", "Accept": "text/html"}

DJANGO_ENV = {
    "DJANGO_SETTINGS_MODULE": "edi_portal.settings",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_SECURE_COOKIES": "false",
    "DATABASE_URL": DATABASE_URL,
    "STATIC_ROOT": str(VAR / "bench-static"),
    "MEDIA_ROOT": str(VAR / "bench-media"),
    "LOG_LEVEL": "WARNING",
    # As behind the production proxy: the simultaneous bookings come from different addresses
    # (X-Forwarded-For), so the per-address rate limit treats them as the different people.
    "TRUSTED_PROXY_COUNT": "1",
}
# 60 people book one session with 20 places at the same moment (issue 12: settled in under 2 s,
# exactly the capacity confirmed).
BOOKING_REQUESTS = 60
BOOKING_PLACES = 20

# wrk prints its counts and every latency bucket (microseconds, count) so rounds can be merged,
# and how many answers said `X-Page-Cache: hit` or `miss` (counted in each of its threads).
WRK_SCRIPT = """
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end
init = function(args)
  hits = 0
  misses = 0
end
response = function(status, headers, body)
  local kept = headers["X-Page-Cache"] or headers["x-page-cache"]
  if kept == "hit" then
    hits = hits + 1
  elseif kept == "miss" then
    misses = misses + 1
  end
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("summary %d %d %d\\n", summary.requests, summary.bytes,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
  for i = 1, #latency do
    local value, count = latency(i)
    io.write(string.format("latency %d %d\\n", value, count))
  end
  local all_hits, all_misses = 0, 0
  for _, thread in ipairs(threads) do
    all_hits = all_hits + thread:get("hits")
    all_misses = all_misses + thread:get("misses")
  end
  io.write(string.format("cache %d %d\\n", all_hits, all_misses))
end
"""


def fresh_database():
    import psycopg
    from psycopg import sql

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    if "bench" not in name:  # it is dropped: never a database with real data by mistake
        raise SystemExit(
            f"BENCH_DATABASE_URL must name a database with 'bench' in it, not {name!r}."
        )
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def bench_users():
    """A trainee and a superuser with an authenticator, each with a fresh random password."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from network.models import User

    trainee = User.objects.create_user("bench.trainee@nhs.net", PASSWORD)
    staff = User.objects.create_superuser("bench.staff@nhs.net", PASSWORD)
    for user in (trainee, staff):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    return trainee, staff, secret


def in_process(page_list, trainee, staff, secret):
    """Each page's status, queries, size and time, requested in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from edi_portal import page_cache
    from tests.accounts.helpers import totp_code

    def signed_in(user, code=None):
        client = Client(HTTP_HOST="127.0.0.1")
        response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        if code:
            response = client.post("/accounts/2fa/authenticate/", {"code": code})
        assert response.status_code == 302, f"{user.email} could not sign in"
        return client

    clients = {
        ANONYMOUS: Client(HTTP_HOST="127.0.0.1"),
        TRAINEE: signed_in(trainee),
        STAFF: signed_in(staff, totp_code(secret)),
    }

    def measure(page):
        client = clients[page.user]
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path, headers={"Accept": "text/html"})
            body = b"".join(response.streaming_content) if response.streaming else response.content
        return response, body, len(queries), time.perf_counter() - started

    def render(page):
        """The page rendered afresh, as after a change to what it shows (no kept page)."""
        kept = getattr(page_cache, "kept_pages", None)  # this process's kept pages, if any
        if kept is not None:
            kept.clear()
        return measure(page)

    results = {}
    pending = list(page_list)
    while pending:
        page = pending.pop(0)
        response, body, rendered_queries, rendered_seconds = render(page)
        seconds = rendered_seconds
        if rendered_seconds < 10 * SEQUENTIAL_SECONDS:
            # The first request warms caches; the faster of two renders is the least disturbed
            # by whatever else the machine is doing.
            rendered_seconds = min(rendered_seconds, render(page)[3])
            # Then as served again: from the page cache where the page is kept.
            response, body, queries, seconds = measure(page)
        results[page] = {
            "status": response.status_code,
            "queries": queries,
            "rendered_queries": rendered_queries,
            "rendered_seconds": rendered_seconds,
            "bytes": len(body),
            "seconds": min(seconds, rendered_seconds),
        }
        if page.path == REPORTS_COLD_PATH:  # and one of its CSVs, the first of the section
            links = re.findall(r'href="(/reports/csv/[^"]+)"', body.decode())
            if links:
                pending.insert(0, BenchPage("a reports CSV", html.unescape(links[0]), STAFF))
    return results


class Server:
    """gunicorn with 2 sync workers under production settings, its log under var/.

    `env` adds to the settings: PAGE_CACHE_SECONDS=0 gives the server that keeps no page."""

    def __init__(self, port=PORT, env=None, log="bench-gunicorn.log"):
        self.log = open(VAR / log, "w")  # noqa: SIM115  (open while serving)
        self.base_url = f"http://127.0.0.1:{port}"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(  # noqa: S603  (our own venv's gunicorn, fixed arguments)
            [gunicorn, "edi_portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)],
            cwd=ROOT,
            env={**os.environ, **DJANGO_ENV, **(env or {})},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{self.base_url}/healthz", timeout=5).close()  # noqa: S310
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise SystemExit(f"gunicorn did not start: see {self.log.name}") from None
                time.sleep(0.3)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()

    def worker_rss(self):
        """{pid: resident memory in KB} of the gunicorn workers, from /proc."""
        found = {}
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(
                    line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
                )
            except OSError:  # a process that ended while we looked
                continue
            if int(fields.get("PPid", "0").strip()) == self.process.pid:
                found[int(status.parent.name)] = int(fields["VmRSS"].split()[0])
        return found


def sign_in_over_http(email, secret=None):
    """Sign in through allauth's forms on the running server; returns the Cookie header."""
    from tests.accounts.helpers import totp_code

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post_form(url, page, fields):
        """Post the page's form back to it, as allauth's forms do."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        data = urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        with opener.open(url, data=data, timeout=30) as response:
            return response.geturl(), response.read().decode()

    with opener.open(f"{BASE_URL}/accounts/login/", timeout=30) as response:
        url, page = response.geturl(), response.read().decode()
    url, page = post_form(url, page, {"login": email, "password": PASSWORD})
    if secret:
        # One step ahead: the in-process sign-in may have used this period's code already.
        url, page = post_form(url, page, {"code": totp_code(secret, step=1)})
    if "/accounts/" in url:
        raise SystemExit(f"{email} could not sign in to the server (ended at {url})")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def bookable_session():
    """A copy of an upcoming session open for booking, with BOOKING_PLACES places and no bookings."""
    from django.utils import timezone

    from training.models import Session

    now = timezone.now()
    session = next(
        session
        for session in Session.objects.upcoming().order_by("starts_at")
        if not session.booking_problem(now)
    )
    session.pk = None
    session.capacity = BOOKING_PLACES
    session.save()
    return session


def simultaneous_bookings(session):
    """BOOKING_REQUESTS people, each with their own page and CSRF token from the server, post a
    booking at the same moment. Returns (seconds until the last answer, statuses)."""
    path = session.get_absolute_url()
    people = []
    for number in range(BOOKING_REQUESTS):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with opener.open(f"{BASE_URL}{path}", timeout=30) as response:
            token = re.search(
                r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()
            )[1]
        form = {
            "csrfmiddlewaretoken": token,
            "name": f"Bench Educator {number}",
            "email": f"bench.educator{number}@nhs.net",
            "role": "consultant",
            "organisation": "Manchester University NHS Foundation Trust",
            "department": "Emergency department",
            "consent": "on",
        }
        people.append(
            (opener, urlencode(form).encode(), f"10.0.{number // 250}.{number % 250 + 1}")
        )
    start = threading.Barrier(BOOKING_REQUESTS + 1)
    statuses = [None] * BOOKING_REQUESTS

    def book(number):
        opener, data, address = people[number]
        request = urllib.request.Request(  # noqa: S310  (the local server)
            f"{BASE_URL}{path}", data=data, headers={"X-Forwarded-For": address}
        )
        start.wait()
        try:
            with opener.open(request, timeout=60) as response:
                statuses[number] = response.status
        except urllib.error.HTTPError as error:
            statuses[number] = error.code

    threads = [threading.Thread(target=book, args=(number,)) for number in range(BOOKING_REQUESTS)]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, statuses


def drain(base_url=BASE_URL):
    """Wait until both workers are free: requests a finished wrk left queued are served first."""
    threads = [
        threading.Thread(target=lambda: get(LAYOUT_PAGE, "", timeout=120, base_url=base_url))
        for _ in range(WORKERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def get(path, cookie, timeout=120, base_url=BASE_URL, kept=None):
    """(seconds, body size, status) of one request; a redirect to sign in stops the run.
    `kept`, a Counter, counts the answer's X-Page-Cache ("hit", "miss" or None)."""
    headers = {**BROWSER_HEADERS, "Cookie": cookie}
    request = urllib.request.Request(f"{base_url}{path}", headers=headers)  # noqa: S310
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            size, status = len(response.read()), response.status
            if kept is not None:
                kept[response.headers.get("X-Page-Cache")] += 1
            if urlsplit(response.geturl()).path != urlsplit(path).path:
                raise SystemExit(f"{path} redirected to {response.geturl()}: not signed in?")
    except urllib.error.HTTPError as error:  # a 500 (gunicorn's timeout, say) is a result too
        size, status = len(error.read()), error.code
    return time.perf_counter() - started, size, status


def wrk(path, cookie, seconds, script, base_url=BASE_URL):
    """One wrk run: (latency histogram {microseconds: count}, requests, bytes, errors, hits,
    misses)."""
    command = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{math.ceil(seconds)}s",
        "--timeout",
        "30s",
        "-s",
        script,
    ]
    for name, value in {**BROWSER_HEADERS, "Cookie": cookie}.items():
        if value:
            command += ["-H", f"{name}: {value}"]
    output = subprocess.run(  # noqa: S603  (wrk from Debian, fixed arguments)
        [*command, f"{base_url}{path}"], capture_output=True, text=True, check=True
    ).stdout
    histogram, summary, cache = {}, (0, 0, 0), (0, 0)
    for line in output.splitlines():
        kind, *numbers = line.split()
        if kind == "latency":
            histogram[int(numbers[0])] = histogram.get(int(numbers[0]), 0) + int(numbers[1])
        elif kind == "summary":
            summary = tuple(int(number) for number in numbers)
        elif kind == "cache":
            cache = tuple(int(number) for number in numbers)
    drain(base_url)
    return histogram, *summary, *cache


def percentile(histogram, share):
    """The latency (ms) below which `share` of the requests finished."""
    total = sum(histogram.values())
    if not total:
        return float("nan")
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= share * total:
            return value / 1000
    return max(histogram) / 1000


def under_load(path, cookie, page_seconds, script, rounds=ROUNDS, base_url=BASE_URL):
    """The page and the layout page in alternating wrk rounds, so both see the same noise."""
    page, layout = {}, {}
    requests = size = errors = hits = misses = layout_requests = 0
    elapsed = layout_elapsed = 0.0
    for _ in range(rounds):
        for target, histogram, seconds in (
            (LAYOUT_PAGE, layout, SECONDS),
            (path, page, page_seconds),
        ):
            counts, done, received, failed, hit, missed = wrk(
                target, cookie, seconds, script, base_url
            )
            for value, count in counts.items():
                histogram[value] = histogram.get(value, 0) + count
            if target == path:
                requests, size, errors = requests + done, size + received, errors + failed
                hits, misses = hits + hit, misses + missed
                elapsed += math.ceil(seconds)
            else:
                layout_requests += done
                layout_elapsed += math.ceil(seconds)
    return {
        "p50": percentile(page, 0.5),
        "p99": percentile(page, 0.99),
        "layout_p50": percentile(layout, 0.5),
        "served_bytes": size / requests if requests else 0,
        "errors": errors,
        "requests": requests,
        "seconds": elapsed,
        "layout_requests": layout_requests,
        "layout_seconds": layout_elapsed,
        "hits": hits,
        "misses": misses,
    }


def one_at_a_time(path, cookie, rounds=ROUNDS, base_url=BASE_URL):
    """For slow pages: the page and the layout page alternately, one request at a time, for
    `rounds` rounds or until the page has taken SEQUENTIAL_BUDGET_SECONDS."""
    page, layout, sizes, errors, kept = [], [], [], 0, Counter()
    while len(page) < rounds and sum(page) < SEQUENTIAL_BUDGET_SECONDS:
        layout.append(get(LAYOUT_PAGE, cookie, base_url=base_url)[0])
        seconds, size, status = get(path, cookie, base_url=base_url, kept=kept)
        page.append(seconds)
        sizes.append(size)
        errors += status != 200
    return {
        "p50": statistics.median(page) * 1000,
        "p99": max(page) * 1000,
        "layout_p50": statistics.median(layout) * 1000,
        "served_bytes": statistics.mean(sizes),
        "errors": errors,
        "requests": len(page),
        "seconds": sum(page),
        "layout_requests": len(layout),
        "layout_seconds": sum(layout),
        "hits": kept["hit"],
        "misses": kept["miss"],
    }


def measure(page, measured, cookie, script, *, rounds, base_url=BASE_URL, afresh=False):
    """One page in one column: under 16 connections, or one at a time if it is slow.

    `afresh`: the column renders the page every time (the fresh server, or a writer), so its
    speed and round length follow the in-process time rendered afresh."""
    seconds_each = measured["rendered_seconds"] if afresh else measured["seconds"]
    if seconds_each >= SEQUENTIAL_SECONDS:
        return {
            **one_at_a_time(page.path, cookie, rounds, base_url),
            "mode": "one at a time",
        }
    get(page.path, cookie, base_url=base_url)  # answers without a redirect to sign in
    # Long enough for each connection to see two responses, however slow the page.
    queue_seconds = CONNECTIONS / WORKERS * seconds_each
    seconds = max(SECONDS, min(MAX_ROUND_SECONDS, 2 * queue_seconds))
    return {
        **under_load(page.path, cookie, seconds, script, rounds, base_url),
        "mode": f"{CONNECTIONS} connections",
    }


def column(name, local, cookies, script, *, rounds, base_url=BASE_URL, afresh=False):
    """{page: served} for every page, printed as it goes."""
    served = {}
    for page, measured in local.items():
        served[page] = measure(
            page,
            measured,
            cookies[page.user],
            script,
            rounds=rounds,
            base_url=base_url,
            afresh=afresh,
        )
        rate = report.hit_rate(served[page])
        hits = "" if rate is None else f", {rate:.0%} hits"
        print(
            f"  {time.strftime('%H:%M:%S')} [{name}] {page.name}: {served[page]['p50']:.0f} ms"
            f"{hits}",
            flush=True,
        )
    return served


def under_writer(name, local, cookies, script, session):
    """The column `name` measured while a Writer books a place on `session` at its interval."""
    from bench.writer import Writer

    interval = report.WRITER_INTERVALS[name]
    with Writer(session_id=session.pk, interval=interval, label=name.replace(" ", "-")) as writer:
        served = column(name, local, cookies, script, rounds=WRITER_ROUNDS, afresh=True)
    summary = {**writer.summary(), "session": session.get_absolute_url()}
    print(
        f"  [{name}] {summary['bookings']} bookings in {summary['seconds']:.0f} s "
        f"({summary['bookings_per_second']:.2f} a second), {summary['failed']} failed",
        flush=True,
    )
    return served, summary


def reports_cold(cookie):
    """The reports as the first staff visit after their figures expire: the largest section page
    (which works out its section's figures for both years), the cache emptied before each
    request, one request at a time, alternating with the layout page."""
    from django.core.cache import cache

    page, layout, sizes = [], [], []
    for _ in range(3):
        layout.append(get(LAYOUT_PAGE, cookie)[0])
        cache.clear()
        seconds, size, _ = get(REPORTS_COLD_PATH, cookie, timeout=120)
        page.append(seconds)
        sizes.append(size)
    return {
        "p50": statistics.median(page) * 1000,
        "slowest": max(page) * 1000,
        "layout_p50": statistics.median(layout) * 1000,
        "served_bytes": statistics.mean(sizes),
    }


def admin_searches(cookie):
    """Each admin changelist's search, one request at a time, alternating with the layout page."""
    from bench.pages import admin_searches as searches

    found = []
    for page in searches():
        served = one_at_a_time(page.path, cookie, rounds=3)
        found.append({"page": page.name, "path": page.path, **served})
        print(f"  {time.strftime('%H:%M:%S')} {page.name}: {served['p50']:.0f} ms", flush=True)
    return found


def flood(server):
    """FLOOD_REQUESTS distinct query strings to FLOOD_PATH (as junk parameters would come), and
    the workers' resident memory before and after."""
    before = server.worker_rss()
    kept = Counter()
    lock = threading.Lock()
    started = time.perf_counter()

    def one(number):
        counted = Counter()
        get(f"{FLOOD_PATH}?x={number}", "", kept=counted)
        with lock:
            kept.update(counted)

    with ThreadPoolExecutor(max_workers=CONNECTIONS // 2) as pool:
        list(pool.map(one, range(1, FLOOD_REQUESTS + 1)))
    after = server.worker_rss()
    return {
        "path": f"{FLOOD_PATH}?x=N",
        "requests": FLOOD_REQUESTS,
        "seconds": round(time.perf_counter() - started, 1),
        "hits": kept["hit"],
        "misses": kept["miss"],
        "before_kb": sorted(before.values()),
        "after_kb": [after[pid] for pid in sorted(after)],
        "workers_before": sorted(before),
        "workers_after": sorted(after),
        "growth_kb": sum(after.values()) - sum(before.values()),
    }


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return f"{cpu}, {os.cpu_count()} cores, {memory_kb / 1024 / 1024:.0f} GB RAM, {platform.system()} {platform.release()}"


def table(rows):
    lines = [
        "| page | as | queries | p50 | p99 | ratio to layout page | size (raw / served) | mode "
        "| rendered afresh, in-process |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for page, local, served in rows:
        ratio = served["layout_p50"] / served["p50"] if served["p50"] else float("nan")
        errors = f", {served['errors']} errors" if served["errors"] else ""
        status = "" if local["status"] == 200 else f" (status {local['status']})"
        # Rendered afresh, then asked again: a kept page (edi_portal/page_cache.py) or figures.
        queries = local["queries"]
        if local["rendered_queries"] != queries:
            queries = f"{local['rendered_queries']}, then {queries}"
        lines.append(
            f"| {page.name}{status} | {page.user} | {queries} | {served['p50']:.0f} ms "
            f"| {served['p99']:.0f} ms | {ratio:.3f} | {kilobytes(local['bytes'])} / "
            f"{kilobytes(served['served_bytes'])} | {served['mode']}, {served['requests']} requests{errors} "
            f"| {local['rendered_seconds'] * 1000:.1f} ms |"
        )
    return "\n".join(lines)


def kilobytes(size):
    return f"{size / 1024:,.0f} KB" if size >= 1024 else f"{size:.0f} B"


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench does this).")
    started, load_at_start = time.monotonic(), os.getloadavg()[0]
    os.environ.update(DJANGO_ENV)
    VAR.mkdir(exist_ok=True)
    fresh_database()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench.pages import pages
    from bench.writer import writer_session

    # The writers book through the service in this process: their emails go nowhere.
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    call_command("collectstatic", "--noinput", verbosity=0)
    seed_started = time.monotonic()
    call_command("seed_national", scale=SCALE)
    seed_seconds = time.monotonic() - seed_started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        database_size = cursor.fetchone()[0]
    trainee, staff, secret = bench_users()
    booking_session = bookable_session()

    print("Counting queries in-process...", flush=True)
    local = in_process(pages(), trainee, staff, secret)
    # Two more sessions, each booked by one writer (not the sessions measured above).
    writer_sessions = {}
    for name in report.WRITER_INTERVALS:
        writer_sessions[name] = writer_session(
            skip={booking_session.pk, *(s.pk for s in writer_sessions.values())}
            | {s.copied_from for s in writer_sessions.values()}
        )
    connection.close()
    load = {"start": round(load_at_start, 1)}

    script = VAR / "bench-wrk.lua"
    script.write_text(WRK_SCRIPT)
    columns = {page: {} for page in local}
    writers = {}
    server = Server()
    try:
        cookies = {
            ANONYMOUS: "",
            TRAINEE: sign_in_over_http(trainee.email),
            STAFF: sign_in_over_http(staff.email, secret),
        }
        print("Kept: the page cache warm...", flush=True)
        for page, served in column(report.KEPT, local, cookies, str(script), rounds=ROUNDS).items():
            columns[page][report.KEPT] = served
        load["kept"] = round(os.getloadavg()[0], 1)
        print("/reports/ cold and the admin changelists' search...", flush=True)
        cold = reports_cold(cookies[STAFF])
        cold["bytes"] = max(
            (m["bytes"] for page, m in local.items() if page.path in REPORTS_PAGES), default=0
        )
        searches = admin_searches(cookies[STAFF])
        for name, session in writer_sessions.items():
            print(f"Under a steady writer, {name}...", flush=True)
            served_by_page, writers[name] = under_writer(name, local, cookies, str(script), session)
            for page, served in served_by_page.items():
                columns[page][name] = served
            load[name] = round(os.getloadavg()[0], 1)
        print(f"Flood: {FLOOD_REQUESTS} distinct query strings to {FLOOD_PATH}...", flush=True)
        worker_rss = flood(server)
        booking_seconds, booking_statuses = simultaneous_bookings(booking_session)
    finally:
        server.stop()

    print("Fresh: a server that keeps no page (PAGE_CACHE_SECONDS=0)...", flush=True)
    fresh_server = Server(PORT + 1, {"PAGE_CACHE_SECONDS": "0"}, "bench-gunicorn-fresh.log")
    try:
        visitors = {page: measured for page, measured in local.items() if page.user != STAFF}
        served_by_page = column(
            report.FRESH,
            visitors,
            cookies,
            str(script),
            rounds=FRESH_ROUNDS,
            base_url=fresh_server.base_url,
            afresh=True,
        )
    finally:
        fresh_server.stop()
    for page in local:
        # Staff pages are never kept: what the kept column measured is already a fresh render.
        columns[page][report.FRESH] = served_by_page.get(page) or {
            **columns[page][report.KEPT],
            "mode": columns[page][report.KEPT]["mode"] + " (never kept: as kept)",
        }
    load["end"] = round(os.getloadavg()[0], 1)

    from training.models import Booking

    booked = Booking.objects.filter(session=booking_session)
    confirmed = booked.filter(status=Booking.Status.CONFIRMED).count()
    waiting = booked.filter(status=Booking.Status.WAITING).count()
    for name, session in writer_sessions.items():
        writers[name]["bookings_in_database"] = Booking.objects.filter(session=session).count()

    rows = [(page, measured, columns[page][report.KEPT]) for page, measured in local.items()]
    page_rows = report.page_rows(
        [(page, measured, columns[page]) for page, measured in local.items()]
    )
    run_seconds = time.monotonic() - started
    run = {
        "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "scale": SCALE,
        "seed_seconds": round(seed_seconds),
        "database_size": database_size,
        "workers": WORKERS,
        "layout_page": LAYOUT_PAGE,
        "rounds": {
            report.KEPT: ROUNDS,
            report.FRESH: FRESH_ROUNDS,
            report.WRITER_SLOW: WRITER_ROUNDS,
            report.WRITER_FAST: WRITER_ROUNDS,
        },
        "seconds": round(run_seconds),
        "load_average": load,
    }
    answered = sum(status == 200 for status in booking_statuses)  # after the redirect
    others = Counter(status for status in booking_statuses if status != 200)
    bookings = {
        "requests": BOOKING_REQUESTS,
        "places": BOOKING_PLACES,
        "seconds": round(booking_seconds, 2),
        "answered": answered,
        "other_statuses": {str(status): count for status, count in others.items()},
        "confirmed": confirmed,
        "waiting": waiting,
    }
    everything = report.results(
        run=run,
        rows=page_rows,
        admin_searches=searches,
        reports_cold=cold,
        worker_rss=worker_rss,
        writers=writers,
        bookings=bookings,
    )
    (VAR / "bench-results.json").write_text(json.dumps(everything, indent=2, default=str))

    print()
    print(f"Run on {run['at']}, {run['machine']}.")
    print(
        f"Scale {SCALE:g}: seeded in {seed_seconds:.0f} s, database {database_size}; "
        f"gunicorn {WORKERS} sync workers; layout page {LAYOUT_PAGE}; "
        f"{ROUNDS} rounds kept, {FRESH_ROUNDS} fresh, {WRITER_ROUNDS} under each writer, "
        f"the layout page {SECONDS} s in each; whole run {run_seconds:.0f} s; load average "
        + ", ".join(f"{value} ({when})" for when, value in load.items())
        + "."
    )
    print()
    print("Kept (the page cache warm):")
    print()
    print(table(rows))
    print()
    print("What visitors meet: each column's ratio to the layout page (hit rate in brackets):")
    print()
    print(report.visitors_table(page_rows))
    print()
    for name, summary in writers.items():
        print(
            f"{name.capitalize()}: {summary['bookings']} bookings on {summary['session']} in "
            f"{summary['seconds']:.0f} s ({summary['bookings_per_second']:.2f} a second, asked "
            f"{1 / summary['interval_seconds']:.0f}), {summary['failed']} failed; "
            f"{summary['bookings_in_database']} in the database."
        )
    print(
        f"{REPORTS_COLD_PATH} cold (figures cache emptied first): {cold['p50']:.0f} ms p50, "
        f"slowest {cold['slowest']:.0f} ms, layout page {cold['layout_p50']:.0f} ms; the largest "
        f"reports page's HTML {kilobytes(cold['bytes'])}."
    )
    print(
        f"Worker RSS after {FLOOD_REQUESTS} distinct query strings to {FLOOD_PATH} "
        f"({worker_rss['seconds']:.0f} s, {worker_rss['hits']} hits, {worker_rss['misses']} "
        f"misses): {', '.join(f'{kb / 1024:.0f}' for kb in worker_rss['before_kb'])} MB before, "
        f"{', '.join(f'{kb / 1024:.0f}' for kb in worker_rss['after_kb'])} MB after "
        f"({worker_rss['growth_kb'] / 1024:+.0f} MB together)."
    )
    print()
    print("Admin changelist searches, one at a time:")
    print()
    print("| search | p50 | slowest | layout page |")
    print("|---|---|---|---|")
    for search in searches:
        print(
            f"| {search['page']} | {search['p50']:.0f} ms | {search['p99']:.0f} ms "
            f"| {search['layout_p50']:.0f} ms |"
        )
    print()
    print(
        f"{BOOKING_REQUESTS} simultaneous bookings for one session with {BOOKING_PLACES} places: "
        f"settled in {booking_seconds:.2f} s; {answered} answered with the confirmation page"
        + "".join(f", {count} with status {status}" for status, count in sorted(others.items()))
        + f"; {confirmed} confirmed, {waiting} on the waiting list."
    )
    print()
    print("Against the targets of issue 24 (✓ met, ✗ missed, ? unknown):")
    print()
    print(report.targets_table(everything["targets"]))


if __name__ == "__main__":
    main()
