"""Every CSV export opens in Excel on Windows as it does elsewhere, and runs no formula."""

import csv
import io

import pytest

from edi_portal.csv_export import csv_response
from tests.factories import StaffFactory

EXPORTS = [
    "/admin/network/application/export/",
    "/qi-projects/report/2025-26/csv/",
]


def test_a_csv_starts_with_a_byte_order_mark_and_neutralises_formulas():
    response = csv_response(
        filename="people.csv", rows=[["Name", "Note"], ["Zoë Ó Súilleabháin", "=HYPERLINK(1)"]]
    )
    content = response.getvalue()
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["Name", "Note"], ["Zoë Ó Súilleabháin", "'=HYPERLINK(1)"]]


def test_a_long_export_has_one_byte_order_mark():
    rows = [["n"], *([str(n)] for n in range(2000))]
    content = csv_response(filename="many.csv", rows=rows).getvalue()
    assert content.count("\ufeff".encode()) == 1
    assert len(content.decode("utf-8-sig").splitlines()) == 2001


@pytest.mark.django_db
@pytest.mark.parametrize("path", EXPORTS)
def test_the_portals_exports_start_with_the_mark(client, settings, path):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(StaffFactory(is_superuser=True))
    response = client.get(path)
    assert response.status_code == 200
    assert response.getvalue().startswith(b"\xef\xbb\xbf")
