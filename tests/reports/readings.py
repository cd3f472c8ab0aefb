"""The reports page and its CSVs as a reader writes them down for tests/reports/solver.py: every
count table of people (diversity, concerns, mentoring) as columns keyed by table, group and year,
with what a reader may take to link them.

Left out, as they count nobody a published count shows: the network, training and QI sections
(exact figures; the diversity totals must equal the network section's, checked here), the
check-in shares (of answers no count shows) and the concerns' working days (of concerns
acknowledged, closed or overdue, which no count shows either)."""

from .helpers import as_dict, csv_table, page_tables, report_html
from .solver import Reading

MENTORING_COUNTS = [
    "mentoring-sign-ups",
    "mentoring-matched",
    "mentoring-active",
    "mentoring-completed",
]
# Within a year: pairs who both accepted are among the pairs matched, pairs matched are at most
# the people who signed up, and so are the people who completed: at most two a pair who accepted.
MENTORING_LINKS = [
    ("mentoring-active", "mentoring-matched", 1),
    ("mentoring-matched", "mentoring-sign-ups", 1),
    ("mentoring-completed", "mentoring-sign-ups", 1),
    ("mentoring-completed", "mentoring-active", 2),
]


LEADERS_COUNTS = ["leaders-by-trust", "leaders-by-school"]
LEADERS_TREND = "leaders-trend"


def is_count_table(slug):
    return (
        slug.startswith(("diversity-", "concerns-by-"))
        or slug in MENTORING_COUNTS
        or slug in LEADERS_COUNTS
        or slug == LEADERS_TREND
    )


def reading_of(tables):
    """A Reading of {slug: [header, *rows]} tables, as page_tables or csv_table give them."""
    reading = Reading()
    for slug, (header, *rows) in tables.items():
        if not is_count_table(slug):
            continue
        if slug == LEADERS_TREND:
            # Each measure is a column of one count, its own total: the leaders who attended
            # in the year are among those with training in the three years to it.
            in_year, window = rows
            for column, year in enumerate(header[1:], start=1):
                for label, row in (("in year", in_year), ("window", window)):
                    # The page shows no total of its own: the count is shown rounded or hidden.
                    reading.columns[(slug, label, year)] = ({year: row[column]}, "hidden")
                reading.links.append(((slug, "in year", year), (slug, "window", year), 1))
            continue
        *body, total = rows
        for column, title in enumerate(header[1:], start=1):
            # "Applicants 2026-27" in the diversity tables, the year alone in the others.
            key = (slug, *title.rsplit(" ", 1)) if slug.startswith("diversity-") else (slug, title)
            reading.columns[key] = ({row[0]: row[column] for row in body}, total[column])
    for key in list(reading.columns):
        if key[0].startswith("diversity-") and key[1] == "Accepted":
            reading.links.append((key, (key[0], "Applicants", key[2]), 1))
    years = {key[1] for key in reading.columns if key[0] == "mentoring-completed"}
    for year in years:
        if all((slug, year) in reading.columns for slug in MENTORING_COUNTS):
            reading.links += [
                ((sub, year), (sup, year), times) for sub, sup, times in MENTORING_LINKS
            ]
    if "mentoring-scores" in tables:
        header, *rows = tables["mentoring-scores"]
        for label, *cells in rows:
            programme, answers = label.rsplit(": ", 1)
            if answers == "end feedback":  # everyone who gave it completed
                for year, text in zip(header[1:], cells, strict=True):
                    reading.shares.append((("mentoring-completed", year), programme, text))
    return reading


def read(client, years, *, csvs_of):
    """[Reading] of the page for each year, then of the CSV of each count table on the page for
    the year csvs_of, all at one moment. On the way it checks that a CSV says what its table on
    the page says, that the diversity totals are the network section's applications and
    acceptances, and that at one moment every page shows a year's figures the same way, as the
    chosen year or as the year before another."""
    readings = []
    for year in years:
        tables = page_tables(report_html(client, year))
        check_totals(tables)
        readings.append(reading_of(tables))
        for slug in tables if year == csvs_of else []:
            if is_count_table(slug) or slug == "mentoring-scores":
                csv = csv_table(client, slug, year)
                assert csv == tables[slug], slug
                readings.append(reading_of({slug: csv}))
    seen = {}
    for reading in readings:
        for key, figures in reading.columns.items():
            assert seen.setdefault(key, figures) == figures, f"{key} differs between pages"
    return readings


def check_totals(tables):
    network = as_dict(tables["network-applications-by-status"])
    for slug, table in tables.items():
        if slug.startswith("diversity-"):
            totals = as_dict(table)["All"]
            assert totals[0::2] == network["All applications"], slug
            assert totals[1::2] == network["Accepted"], slug
