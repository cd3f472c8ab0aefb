"""What `make bench` reports beside its figures: the columns, issue 24's targets, the JSON.

scripts/bench.py measures; this module turns the measurements into the table of what visitors
meet, marks each target met or missed (or unknown, when the server does not say whether a page
was kept), and assembles var/bench-results.json. tests/bench/test_results.py checks it without
a run.

A column's measurement of one page ("served") is a dict with at least: p50 and layout_p50 (ms,
the page's and the layout page's in the same rounds), requests and seconds (how many answers in
how long: the read throughput), and hits and misses (responses carrying `X-Page-Cache: hit` or
`miss`; both 0 when the server sent no such header).
"""

import math

from .pages import ANONYMOUS, DETAIL, LIST

KEPT, FRESH, WRITER_SLOW, WRITER_FAST = "kept", "fresh", "writer 1 s", "writer 0.2 s"
COLUMNS = {
    KEPT: "kept: the page cache warm, nothing changing (today's measure)",
    FRESH: "fresh: the first visitor, every page rendered afresh (a server with "
    "PAGE_CACHE_SECONDS=0)",
    WRITER_SLOW: "under a steady writer: one booking every second",
    WRITER_FAST: "under a steady writer: one booking every 0.2 s",
}
WRITER_INTERVALS = {WRITER_SLOW: 1.0, WRITER_FAST: 0.2}

# Issue 24's targets (ratios against the layout page in the same run).
FRESH_TARGETS = {DETAIL: 0.3, LIST: 0.2}
THROUGHPUT_TARGET = 0.7  # under one booking per 0.2 s, of the same page without the writer
HIT_RATE_TARGET = 0.95  # under one booking per 0.2 s, pages that do not show bookings
REPORTS_COLD_MS = 500
REPORTS_HTML_BYTES = 120 * 1024
ADMIN_SEARCH_MS = 150

MET, MISSED, UNKNOWN = "✓", "✗", "?"


def ratio(served):
    """The layout page's p50 over the page's: 1 is as fast as the bare layout."""
    if not served or not served.get("p50") or math.isnan(served["p50"]):
        return None
    return served["layout_p50"] / served["p50"]


def throughput(served):
    """Answers per second while the page was being read."""
    if not served or not served.get("seconds"):
        return None
    return served["requests"] / served["seconds"]


def relative_throughput(served):
    """The page's answers per second over the layout page's in the same rounds. On a shared
    machine the raw rate follows whatever else runs; this follows the page."""
    page = throughput(served)
    if page is None or not served.get("layout_seconds") or not served.get("layout_requests"):
        return None
    return page / (served["layout_requests"] / served["layout_seconds"])


def throughput_share(columns):
    """Read throughput under one booking per 0.2 s over the same page's without the writer, each
    relative to the layout page in its own rounds."""
    kept = relative_throughput(columns.get(KEPT))
    busy = relative_throughput(columns.get(WRITER_FAST))
    return busy / kept if kept and busy is not None else None


def hit_rate(served):
    """The share of answers served from the page cache, or None when the server did not say."""
    if not served:
        return None
    marked = served.get("hits", 0) + served.get("misses", 0)
    return served["hits"] / marked if marked else None


def check(target, value, limit, *, at_most=False, unit=""):
    """One target: met, missed (and by how much) or unknown (no figure)."""
    if value is None:
        return {"target": target, "value": None, "limit": limit, "mark": UNKNOWN, "by": None}
    met = value <= limit if at_most else value >= limit
    return {
        "target": target,
        "value": round(value, 3),
        "limit": limit,
        "mark": MET if met else MISSED,
        # How far from the limit a missed target is, in the target's own unit.
        "by": None if met else round(abs(value - limit), 3),
        "unit": unit,
    }


def page_checks(page, columns, *, cache_header_seen):
    """The targets that apply to one page, with their marks.

    `cache_header_seen`: some answer in the run carried X-Page-Cache. Until the server sends it,
    the hit-rate target of every public page is unknown; once it does, a page whose answers
    never carry it is not kept, and the target does not apply."""
    checks = []
    if page.kind in FRESH_TARGETS:
        limit = FRESH_TARGETS[page.kind]
        checks.append(check(f"fresh ≥ {limit}", ratio(columns.get(FRESH)), limit))
    if page.user == ANONYMOUS and WRITER_FAST in columns:
        share = throughput_share(columns)
        checks.append(check(f"throughput at 0.2 s ≥ {THROUGHPUT_TARGET}", share, THROUGHPUT_TARGET))
    if page.kind and not page.shows_bookings and WRITER_FAST in columns:
        rate = hit_rate(columns.get(WRITER_FAST))
        if rate is not None or not cache_header_seen:
            checks.append(check(f"hits at 0.2 s ≥ {HIT_RATE_TARGET}", rate, HIT_RATE_TARGET))
    return checks


def cache_header_seen(rows):
    return any(
        served.get("hits", 0) + served.get("misses", 0)
        for row in rows
        for served in row["columns"].values()
        if served
    )


def page_rows(measured):
    """[(page, local, {column: served})] -> the JSON rows, each page's targets marked."""
    rows = [
        {
            "page": page.name,
            "path": page.path,
            "as": page.user,
            "kind": page.kind,
            "shows_bookings": page.shows_bookings,
            **local,
            "columns": {
                name: _with_figures(served) for name, served in columns.items() if name in COLUMNS
            },
        }
        for page, local, columns in measured
    ]
    seen = cache_header_seen(rows)
    for row, (page, _, columns) in zip(rows, measured, strict=True):
        row["checks"] = page_checks(page, columns, cache_header_seen=seen)
    return rows


def _with_figures(served):
    if served is None:
        return None
    return {
        **served,
        "ratio": _round(ratio(served)),
        "throughput": _round(throughput(served)),
        "relative_throughput": _round(relative_throughput(served)),
        "hit_rate": _round(hit_rate(served)),
    }


def _round(value, digits=3):
    return None if value is None else round(value, digits)


def run_checks(rows, *, reports_cold, admin_searches):
    """The targets of the whole run, one line each, with the pages that miss them."""
    checks = []
    for label, prefix in (
        ("fresh render: detail pages 0.3 or more", f"fresh ≥ {FRESH_TARGETS[DETAIL]}"),
        ("fresh render: lists and search 0.2 or more", f"fresh ≥ {FRESH_TARGETS[LIST]}"),
        (
            "under one booking per 0.2 s: throughput 0.7 or more of the same page without it",
            f"throughput at 0.2 s ≥ {THROUGHPUT_TARGET}",
        ),
        (
            "under one booking per 0.2 s: hit rate 0.95 or more (pages that do not show bookings)",
            f"hits at 0.2 s ≥ {HIT_RATE_TARGET}",
        ),
    ):
        found = [
            (row["page"], result)
            for row in rows
            for result in row["checks"]
            if result["target"] == prefix
        ]
        checks.append(_summary(label, found))
    public = [row for row in rows if row["as"] == ANONYMOUS]
    if any(row["columns"].get(WRITER_FAST) for row in public):
        # All the public pages' answers together, each column over its layout page's.
        shares = {}
        for name in (KEPT, WRITER_FAST):
            pages = sum(_get(row, name, "requests") for row in public) / max(
                sum(_get(row, name, "seconds") for row in public), 1e-9
            )
            layout = sum(_get(row, name, "layout_requests") for row in public) / max(
                sum(_get(row, name, "layout_seconds") for row in public), 1e-9
            )
            shares[name] = pages / layout if layout else None
        if shares[KEPT] and shares[WRITER_FAST] is not None:
            share = shares[WRITER_FAST] / shares[KEPT]
            checks.append(
                _summary(
                    "under one booking per 0.2 s: the public pages' throughput together",
                    [("public pages", check("", share, THROUGHPUT_TARGET))],
                )
            )
    if reports_cold:
        checks.append(
            _summary(
                "/reports/ cold under 500 ms",
                [
                    (
                        "a section page, figures worked out",
                        check("", reports_cold["p50"], REPORTS_COLD_MS, at_most=True),
                    )
                ],
                unit="ms",
            )
        )
        checks.append(
            _summary(
                "/reports/ HTML under 120 KB",
                [
                    (
                        "the largest reports page",
                        check(
                            "",
                            reports_cold["bytes"] / 1024,
                            REPORTS_HTML_BYTES / 1024,
                            at_most=True,
                        ),
                    )
                ],
                unit="KB",
            )
        )
    if admin_searches:
        checks.append(
            _summary(
                "admin changelist searches under 150 ms one at a time",
                [
                    (search["page"], check("", search["p50"], ADMIN_SEARCH_MS, at_most=True))
                    for search in admin_searches
                ],
                unit="ms",
            )
        )
    return checks


def _get(row, column, key):
    served = row["columns"].get(column)
    return served.get(key, 0) if served else 0


def _summary(label, found, unit=""):
    marks = [result["mark"] for _, result in found]
    if not found:
        mark = UNKNOWN
    elif MISSED in marks:
        mark = MISSED
    elif UNKNOWN in marks:
        mark = UNKNOWN
    else:
        mark = MET
    return {
        "target": label,
        "mark": mark,
        "missed": [
            {"page": page, "value": result["value"], "by": result["by"], "unit": unit}
            for page, result in found
            if result["mark"] == MISSED
        ],
        "met": [page for page, result in found if result["mark"] == MET],
        "unknown": [page for page, result in found if result["mark"] == UNKNOWN],
        "values": {page: result["value"] for page, result in found},
    }


def results(*, run, rows, admin_searches, reports_cold, worker_rss, writers, bookings):
    """Everything var/bench-results.json holds."""
    return {
        "run": run,
        "columns": COLUMNS,
        "pages": rows,
        "admin_searches": admin_searches,
        "reports_cold": reports_cold,
        "worker_rss": worker_rss,
        "writers": writers,
        "simultaneous_bookings": bookings,
        "targets": run_checks(rows, reports_cold=reports_cold, admin_searches=admin_searches),
    }


def _cell(served):
    value = ratio(served)
    if value is None:
        return "–"
    rate = hit_rate(served)
    hits = "" if rate is None else f" ({rate:.0%} hits)"
    return f"{value:.2f}{hits}"


def visitors_table(rows):
    """The markdown table of what visitors meet: each column's ratio, hit rates and targets."""
    lines = [
        "| page | as | kept | fresh | 1 booking/s | 1 booking/0.2 s | throughput at 0.2 s "
        "| targets |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        columns = row["columns"]
        share = throughput_share(columns)
        share = "–" if share is None else f"{share:.2f}"
        marks = "; ".join(
            f"{result['target']} {result['mark']}"
            + (f" (by {result['by']:g})" if result["mark"] == MISSED else "")
            for result in row["checks"]
        )
        lines.append(
            f"| {row['page']} | {row['as']} | {_cell(columns.get(KEPT))} "
            f"| {_cell(columns.get(FRESH))} | {_cell(columns.get(WRITER_SLOW))} "
            f"| {_cell(columns.get(WRITER_FAST))} | {share} | {marks or '–'} |"
        )
    return "\n".join(lines)


def targets_table(checks):
    lines = ["| target | | result |", "|---|---|---|"]
    for result in checks:
        parts = []
        if result["missed"]:
            parts.append(
                "missed by "
                + ", ".join(
                    f"{missed['page']} ({missed['value']:g}{_unit(missed)}, by "
                    f"{missed['by']:g}{_unit(missed)})"
                    for missed in result["missed"]
                )
            )
        if result["met"]:
            parts.append(
                "met by "
                + ", ".join(f"{page} {result['values'][page]:g}" for page in result["met"])
            )
        if result["unknown"]:
            parts.append("unknown for " + ", ".join(result["unknown"]))
        lines.append(f"| {result['target']} | {result['mark']} | {'; '.join(parts) or '–'} |")
    return "\n".join(lines)


def _unit(missed):
    return f" {missed['unit']}" if missed["unit"] else ""
