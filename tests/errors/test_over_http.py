"""What browsers and scripts send, over HTTP to the portal's real server process (gunicorn, as
deployed: tests/fixtures/topology.py), answered with the 400 page, never a 500:
- a form written in another charset, from a browser that holds the CSRF cookie and sends the
  token, as every visitor does after one page;
- an admin list's date drill-down outside the calendar.
Django's test client skips the CSRF check and builds requests itself: these go through the
bytes on the wire, gunicorn's parsing and the full middleware stack."""

import pytest

from concerns.models import Concern
from tests.accounts.helpers import totp_code
from tests.factories import StaffFactory, give_authenticator
from tests.fixtures.topology import Browser
from tests.topology.test_topology import sign_in

from . import site

pytestmark = [pytest.mark.topology, pytest.mark.django_db(transaction=True)]

BAD_REQUEST_HEADING = "<h1>Sorry, there is a problem with your request</h1>"
# A concern written in each charset, with words only that charset (and UTF-16) can write.
CONCERN_DETAILS = {
    "utf-16": "Zoë and Ирина were passed over for theatre lists",
    "latin-1": "Zoë Ó Súilleabháin was passed over for theatre lists",
    "koi8-r": "Ирина was passed over for theatre lists",
}


@pytest.fixture
def node(topology):
    topology.reload_web()
    return topology.web_urls[0]


@pytest.mark.parametrize("charset", sorted(CONCERN_DETAILS))
def test_a_form_in_another_charset_gets_the_400_page(node, charset):
    browser = Browser()
    token = browser.csrf_token(f"{node}/concerns/")
    assert "csrftoken" in browser.session.cookies
    fields = (
        f"csrfmiddlewaretoken={token}&recorded_as=discrimination&characteristic=age"
        f"&setting=placement&details={CONCERN_DETAILS[charset]}"
    )
    response = browser.session.post(
        f"{node}/concerns/",
        data=fields.encode(charset),
        headers={"Content-Type": f"application/x-www-form-urlencoded; charset={charset}"},
        timeout=60,
        allow_redirects=False,
    )
    assert (response.status_code, BAD_REQUEST_HEADING in response.text) == (400, True)
    assert not Concern.objects.exists()


def test_admin_date_drill_downs_outside_the_calendar_get_the_400_page(node):
    staff = StaffFactory(is_superuser=True)
    secret = give_authenticator(staff)
    browser = Browser()
    sign_in(browser, node, staff)
    response = browser.submit(f"{node}/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302, response.text[:2000]

    answers = {}
    for path, field in site.admin_date_drill_downs().items():
        assert browser.get(f"{node}{path}").status_code == 200, path
        for parts in site.OUT_OF_RANGE_DRILL_DOWNS:
            response = browser.get(f"{node}{path}?{site.drill_down_query(field, parts)}")
            answers[(path, str(parts))] = (
                response.status_code,
                BAD_REQUEST_HEADING in response.text,
            )
    assert answers == dict.fromkeys(answers, (400, True))
