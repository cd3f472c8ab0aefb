"""Each public page of the benchmark rendered afresh in this process, against the layout page.

    .venv/bin/python scripts/fresh_renders.py [part of a page's name ...]

Reads the database and the static files `make bench` leaves (BENCH_DATABASE_URL, by default
edi_bench; var/bench-static) under production settings with no kept pages
(PAGE_CACHE_SECONDS=0). Each page is asked for twice to warm the process, then FRESH_RENDERS
times (25), each time after the layout page, /accessibility/. It prints the medians of wall time and of
this process's CPU time, and their ratios: the layout page's time over the page's, as issue 24
states its in-process targets (0.25 or more for a detail page, 0.167 for a list).
docs/performance.md says how the figures were used.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="edi_portal.settings",
    DJANGO_DEBUG="false",
    DJANGO_SECURE_SSL_REDIRECT="false",
    PAGE_CACHE_SECONDS="0",
    DATABASE_URL=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/edi_bench"
    ),
)
os.environ.setdefault("DJANGO_SECRET_KEY", "fresh-renders-only")
os.environ.setdefault("STATIC_ROOT", str(ROOT / "var" / "bench-static"))  # as make bench collects
RENDERS = int(os.environ.get("FRESH_RENDERS", "25"))
TRAINEE_EMAIL = "fresh.renders@nhs.net"


def main():
    import logging

    import django

    django.setup()
    logging.disable(logging.CRITICAL)  # no request log line for every render
    from allauth.account.models import EmailAddress
    from django.db import connection
    from django.test import Client

    from bench.pages import ANONYMOUS, LAYOUT_PAGE, STAFF, TRAINEE, pages
    from network.models import User

    trainee = User.objects.filter(email=TRAINEE_EMAIL).first()
    if trainee is None:
        trainee = User.objects.create_user(TRAINEE_EMAIL, None)
        EmailAddress.objects.create(user=trainee, email=TRAINEE_EMAIL, verified=True, primary=True)
    clients = {ANONYMOUS: Client(HTTP_HOST="127.0.0.1"), TRAINEE: Client(HTTP_HOST="127.0.0.1")}
    clients[TRAINEE].force_login(trainee, backend="django.contrib.auth.backends.ModelBackend")

    def ask(client, path):
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 200, f"{path}: {response.status_code}"
        return time.perf_counter() - wall, time.process_time() - cpu

    wanted = sys.argv[1:]
    print("| page | queries | layout wall ms | page wall ms | ratio wall | ratio CPU |")
    print("|---|---|---|---|---|---|")
    for page in pages():
        if page.user == STAFF or (wanted and not any(part in page.name for part in wanted)):
            continue
        client = clients[page.user]
        for _ in range(2):
            ask(clients[ANONYMOUS], LAYOUT_PAGE)
            ask(client, page.path)
        # Counted as they run: the request's start empties the connection's log of queries.
        queries = []

        def counted(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            ask(client, page.path)
        layout, rendered = [], []
        for _ in range(RENDERS):
            layout.append(ask(clients[ANONYMOUS], LAYOUT_PAGE))
            rendered.append(ask(client, page.path))
        layout_wall, layout_cpu = (statistics.median(times) for times in zip(*layout, strict=True))
        page_wall, page_cpu = (statistics.median(times) for times in zip(*rendered, strict=True))
        print(
            f"| {page.name} | {len(queries)} | {layout_wall * 1e3:.2f} | {page_wall * 1e3:.2f} "
            f"| {layout_wall / page_wall:.3f} | {layout_cpu / page_cpu:.3f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
