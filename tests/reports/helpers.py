"""Reading the reports page and its CSVs the way a person does: table by table."""

import csv
import io
import re
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
CHART = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def moment(year, month, day, hour=10):
    return datetime(year, month, day, hour, tzinfo=LONDON)


class _TableReader(HTMLParser):
    """Collects the rows of each report table (a div.app-report-table) as lists of cell text."""

    def __init__(self):
        super().__init__()
        self.tables, self.slug, self.cell = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and "app-report-table" in (attrs.get("class") or "").split():
            self.slug = attrs["id"]
            self.tables[self.slug] = []
        elif self.slug and tag == "tr":
            self.tables[self.slug].append([])
        elif self.slug and tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if self.slug and tag in ("th", "td") and self.cell is not None:
            self.tables[self.slug][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.slug = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


SECTION_LINK = re.compile(r'<h2 id="[^"]+"><a href="(/reports/[a-z0-9-]+/\?year=[^"]+)">')


def report_pages(client, year):
    """{address: HTML} of the reports' contents page for the year and of every section page it
    links to, as a person reads them one after another."""
    response = client.get("/reports/", {"year": year})
    assert response.status_code == 200, response.status_code
    pages = {f"/reports/?year={year}": response.content.decode()}
    for link in SECTION_LINK.findall(pages[f"/reports/?year={year}"]):
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, (link, response.status_code)
        pages[link] = response.content.decode()
    return pages


def report_html(client, year):
    """The HTML of the contents page and every section page for the year, one after another."""
    return "\n".join(report_pages(client, year).values())


def page_tables(html):
    """{table slug: [[cell text, ...] for the header row and every row]} as shown on the page."""
    reader = _TableReader()
    reader.feed(CHART.sub("", html))  # the charts repeat the tables' figures: quicker without
    return reader.tables


def as_dict(table):
    """{row label: [the other cells]} for a table from page_tables or a CSV."""
    return {row[0]: row[1:] for row in table[1:]}


def table_slugs(year, section_slug=None):
    """The slug of every table the reports show for the year (of one section, if given)."""
    from reports import figures
    from reports.sections import SECTIONS, Years

    years = Years.ending(year)
    return [
        table.slug
        for section in SECTIONS
        if section_slug in (None, section.slug)
        for table in figures.tables(section, years, figures.for_years(section, years))
    ]


def csv_table(client, slug, year):
    response = client.get(f"/reports/csv/{slug}/", {"year": year})
    assert response.status_code == 200, (slug, response.status_code)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
