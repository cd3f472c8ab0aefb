"""Domestic abuse support: helplines by area, browsing-safely advice, the quick exit without
JavaScript, and no Referer leaving these pages."""

import pytest

from workstreams.models import Helpline

from .factories import HelplineFactory

pytestmark = pytest.mark.django_db

SUPPORT_PAGES = ["/support/domestic-abuse/", "/support/domestic-abuse/browsing-safely/"]


def test_seeded_helplines_are_listed_by_area(client, seeded):
    html = client.get("/support/domestic-abuse/").content.decode()
    for name, number in [
        ("National Domestic Abuse Helpline", "0808 2000 247"),
        ("Men&#x27;s Advice Line", "0808 8010 327"),
        ("Galop", "0800 999 5428"),
        ("Karma Nirvana", "0800 5999 247"),
    ]:
        assert name in html and number in html
    assert 'href="tel:08082000247"' in html
    positions = [
        html.index(f"<h3>{label}</h3>")
        for label in [
            "National",
            "Greater Manchester",
            "Cheshire and Merseyside",
            "Lancashire and South Cumbria",
        ]
    ]
    assert positions == sorted(positions)
    assert "Browsing safely" in html


def test_helplines_added_in_admin_appear(client):
    HelplineFactory(name="Wirral Women and Children's Aid", area=Helpline.Area.CHESHIRE_MERSEYSIDE)
    html = client.get("/support/domestic-abuse/").content.decode()
    assert "Wirral Women and Children" in html


@pytest.mark.parametrize("path", SUPPORT_PAGES)
def test_quick_exit_is_a_plain_link_to_a_neutral_site_and_sends_no_referer(
    client, seeded, settings, path
):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    html = response.content.decode()
    link_start = html.index('class="nhsuk-button nhsuk-button--warning app-quick-exit__button"')
    link = html[html.rindex("<a", 0, link_start) : html.index("</a>", link_start)]
    assert f'href="{settings.QUICK_EXIT_URL}"' in link
    assert 'rel="nofollow noreferrer"' in link
    assert "Exit this page" in link
    # The shortcut's script is a static module, never inline.
    assert '<script type="module" src="/static/js/quick-exit.mjs"></script>' in html


def test_other_pages_keep_the_site_referrer_policy(client):
    assert client.get("/about/")["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "app-quick-exit" not in client.get("/about/").content.decode()
