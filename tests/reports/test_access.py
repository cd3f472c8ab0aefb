"""Who may read the reports: staff with the permission, with two-factor; 403 for everyone else."""

import pytest

from edi_portal.academic_year import academic_year_for
from reports.sections import SECTIONS, Years
from tests.factories import StaffFactory, UserFactory
from tests.network.factories import CohortFactory

from .conftest import grant, with_two_factor

pytestmark = pytest.mark.django_db

YEAR = "2026-27"


def every_table_slug():
    return [table.slug for section in SECTIONS for table in section.build(Years.ending(YEAR))]


def every_path():
    return ["/reports/", *(f"/reports/csv/{slug}/?year={YEAR}" for slug in every_table_slug())]


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def test_every_table_has_a_csv(signed_in, equality_user):
    client = signed_in(grant(equality_user, "concerns.view_concern"))
    slugs = every_table_slug()
    assert len(slugs) == len(set(slugs)) > 20
    for path in every_path():
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(lambda: with_two_factor(StaffFactory()), id="staff without the permission"),
        pytest.param(
            lambda: grant(UserFactory(), "reports.view_reports"), id="not staff, with permission"
        ),
        pytest.param(lambda: UserFactory(), id="signed-in trainee"),
    ],
)
def test_without_the_permission_the_page_and_every_csv_are_forbidden(signed_in, make_user):
    client = signed_in(make_user())
    for path in every_path():
        assert client.get(path).status_code == 403, path


def test_signed_out_people_are_sent_to_sign_in(client):
    for path in every_path():
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith("/accounts/login/?next=/reports/")


def test_diversity_csvs_need_the_equality_permission(signed_in, reports_user):
    client = signed_in(reports_user)
    diversity = [s for s in SECTIONS if s.slug == "diversity"][0].build(Years.ending(YEAR))
    for table in diversity:
        assert client.get(f"/reports/csv/{table.slug}/?year={YEAR}").status_code == 403
    assert (
        client.get(f"/reports/csv/network-applications-by-status/?year={YEAR}").status_code == 200
    )


def test_unknown_tables_and_years_are_not_found(signed_in, equality_user):
    client = signed_in(equality_user)
    assert client.get("/reports/csv/network-nothing/").status_code == 404
    assert client.get("/reports/csv/nothing/").status_code == 404
    assert client.get("/reports/csv/network-acceptance-rate/?year=2026").status_code == 404


def test_staff_without_two_factor_are_sent_to_set_it_up(client, settings):
    settings.ADMIN_REQUIRE_2FA = True
    user = grant(StaffFactory(), "reports.view_reports")
    client.force_login(user)
    for path in every_path()[:3]:
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == "/accounts/2fa/totp/activate/"
    page = client.get("/reports/", follow=True)
    assert "Set up two-factor authentication to see the reports." in page.content.decode()
    with_two_factor(user)
    assert client.get("/reports/").status_code == 200


def test_the_admin_index_links_to_the_reports_for_those_who_may_read_them(signed_in, reports_user):
    client = signed_in(reports_user)
    assert 'href="/reports/"' in client.get("/admin/").content.decode()
    other = with_two_factor(grant(StaffFactory(), "network.view_application"))
    client.force_login(other)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert 'href="/reports/"' not in response.content.decode()


def test_the_year_chooser_works_without_javascript(signed_in, reports_user):
    """A GET form: the chosen year is in the address, and a wrong one is explained."""
    client = signed_in(reports_user)
    CohortFactory(name="2031-32")  # a cohort planned ahead is offered, but not chosen
    html = client.get("/reports/").content.decode()
    assert '<form method="get" action="/reports/"' in html
    assert f'<option value="{academic_year_for()}" selected>' in html
    assert '<option value="2031-32">' in html
    assert 'name="year"' in html
    html = client.get("/reports/", {"year": "1999-00"}).content.decode()
    assert "Select an academic year from the list" in html
    assert "<title>Error: " in html
