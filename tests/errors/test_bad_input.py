"""Input that used to end in a 500 now gets a clear message or a 4xx, and saves nothing.

The hypothesis test (test_generated_input.py) generates these across every form and list; the
tests here pin each class with a plain example."""

import csv
import io
from urllib.parse import quote

import pytest
from django.test import Client

from concerns.models import Concern
from network.models import Application
from tests.concerns.factories import CONCERN_CHOICES
from tests.factories import StaffFactory, give_authenticator
from tests.network.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

CONCERN = {**CONCERN_CHOICES, "details": "Passed over for theatre lists"}
BAD_REQUEST_HEADING = "<h1>Sorry, there is a problem with your request</h1>"


def staff_client():
    staff = StaffFactory(is_superuser=True)
    give_authenticator(staff)
    client = Client()
    client.force_login(staff)
    return client


@pytest.mark.parametrize(
    "charset", ["utf-16", "utf-16-le", "utf-32", "rot13", "hex", "latin-1", "no-such-charset"]
)
@pytest.mark.parametrize("form_type", ["application/x-www-form-urlencoded", "multipart/form-data"])
def test_a_form_in_a_charset_other_than_utf8_is_refused_with_the_400_page(form_type, charset):
    client = Client()
    body = "recorded_as=discrimination&characteristic=age&setting=placement&details=Passed+over"
    if form_type.startswith("multipart"):
        boundary = "portal-boundary"
        form_type += f"; boundary={boundary}"
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="details"\r\n\r\n'
            f"Passed over\r\n--{boundary}--\r\n"
        )
    response = client.generic(
        "POST", "/concerns/", body.encode("utf-16"), content_type=f"{form_type}; charset={charset}"
    )
    assert response.status_code == 400
    assert BAD_REQUEST_HEADING in response.content.decode()
    assert Concern.objects.count() == 0


def test_a_form_that_says_it_is_utf8_is_accepted():
    response = Client().post(
        "/concerns/",
        "recorded_as=discrimination&characteristic=age&setting=placement"
        "&details=Passed+over+for+theatre+lists",
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code == 302
    assert Concern.objects.count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "/qi-projects/?q=%00",
        "/qi-projects/?theme=%00",
        "/training/?course=%00",
        "/search/?q=caf%00",
        "/resources/?category=%00",
        "/good-practice/?theme=a%00b",
        "/qi-projects/?%00=1",
    ],
)
def test_nul_in_a_public_list_query_string_gets_the_400_page(path):
    response = Client().get(path)
    assert response.status_code == 400
    assert BAD_REQUEST_HEADING in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "status__exact=%00",
        "q=%00",
        "cohort__id__exact=%00",
        "submitted_at__gte=%00",
    ],
)
def test_nul_in_an_admin_filter_gets_the_400_page(query):
    ApplicationFactory()
    for path in ("/admin/network/application/", "/admin/network/application/export/"):
        response = staff_client().get(f"{path}?{query}")
        assert response.status_code == 400, path
        assert BAD_REQUEST_HEADING in response.content.decode()


@pytest.mark.parametrize(
    ("day", "month", "year", "wrong"),
    [
        ("99999999999999999999", "1", "2027", "day"),
        ("1", "99999999999999999999", "2027", "month"),
        ("1", "1", "99999999999999999999", "year"),
        ("\u00b2", "1", "2027", "day"),  # superscript two: isdigit() but not int()
        ("1", "\u00b2", "2027", "month"),
        ("1", "1", "\u0662\u0660\u0662\u0667", "year"),  # Arabic-Indic digits
        ("\uff11", "1", "2027", "day"),  # full-width one
        ("001", "1", "2027", "day"),
        ("1", "1", "0000", "year"),
    ],
)
def test_the_shared_date_field_says_which_box_is_wrong(day, month, year, wrong):
    response = Client().post(
        "/widgets/", {"start_date_day": day, "start_date_month": month, "start_date_year": year}
    )
    assert response.status_code == 200
    form = response.context["form"]
    error = form.errors.as_data()["start_date"][0]
    assert wrong in error.params["parts"]


def test_the_shared_date_field_still_reads_a_real_date():
    response = Client().post(
        "/widgets/", {"start_date_day": "15", "start_date_month": "03", "start_date_year": "2027"}
    )
    assert "start_date" not in response.context["form"].errors


@pytest.mark.parametrize("query", ["no_such_field=1", "submitted_at__gte=yesterday"])
def test_the_application_export_with_filters_the_changelist_refuses_says_so(query):
    ApplicationFactory()
    client = staff_client()
    response = client.get(f"/admin/network/application/export/?{query}", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/network/application/"
    assert "not ones this list offers" in response.content.decode()


def test_the_application_export_with_good_filters_still_exports():
    ApplicationFactory(status=Application.Status.SUBMITTED)
    response = staff_client().get("/admin/network/application/export/?status__exact=submitted")
    assert response.status_code == 200
    assert len(list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))) == 2


IMPOSSIBLE_YEARS = [
    "9999-00",
    "0000-01",
    "0001-02",
    "\u0662\u0660\u0662\u0666-\u0662\u0667",
    "2026-27\n",
]


@pytest.mark.parametrize("year", IMPOSSIBLE_YEARS)
@pytest.mark.parametrize(
    "slug", ["training-sessions-and-places", "network-applications-by-status", "qi-summary"]
)
def test_report_csvs_for_an_impossible_year_are_not_found(slug, year):
    response = staff_client().get(f"/reports/csv/{slug}/?year={quote(year)}")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


@pytest.mark.parametrize("year", ["9999-00", "0000-01"])
def test_qi_annual_report_csv_for_an_impossible_year_is_not_found(year):
    response = Client().get(f"/qi-projects/report/{year}/csv/")
    assert response.status_code == 404


def test_report_csv_for_the_last_possible_year_still_answers():
    response = staff_client().get("/reports/csv/training-sessions-and-places/?year=9998-99")
    assert response.status_code == 200
