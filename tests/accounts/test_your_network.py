""" "Your network": everything of a trainee's on one page, with its actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory

from .people import trainee_with_everything

pytestmark = pytest.mark.django_db

PAGE = "/your-network/"


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_page_shows_every_item_with_its_actions(client):
    user = trainee_with_everything()
    client.force_login(user)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    html = response.content.decode()
    for text in [
        "Member for 2026-27",
        "Peer Support Network",
        "Application for 2026-27",
        "Accepted",
        "Follow application",
        "Active Bystander Training",
        "Manage booking",
        "Cancel booking",
        "Add to your calendar",
        "Certificate of attendance",
        "Welcoming new trainees 0",
        "Finish it and submit it for review.",
        "Inclusive rotas",
        "None: it is in the gallery.",
        "Your peer supporter profile",
        "Returning to training",
        "Pause your profile",
        "To Sam 0",
        "Download everything we hold about you",
        "Delete your account",
    ]:
        assert text in html, text


def test_a_new_account_is_told_what_it_can_do(client):
    client.force_login(UserFactory())
    html = client.get(PAGE).content.decode()
    assert "You are not a member of the network yet" in html
    assert "You have no training bookings" in html


def test_signing_in_leads_to_your_network(client):
    from .helpers import sign_in

    response = sign_in(client, UserFactory())
    assert response.url == PAGE


def queries_for(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_items(client):
    few = queries_for(client, trainee_with_everything("few@nhs.net", items=1, suffix="-few"))
    many = queries_for(client, trainee_with_everything("many@nhs.net", items=6, suffix="-many"))
    print(f"Your network: {few} queries with 1 of each item, {many} with 6")
    assert few == many


def test_the_privacy_notice_says_how_to_use_the_rights(client):
    html = client.get("/privacy/").content.decode()
    assert 'id="your-rights"' in html
    assert 'href="/your-network/"' in html
    assert 'href="/your-network/delete/"' in html
    assert "receive it in a format you can take elsewhere" in html


def test_the_calendar_file_is_for_confirmed_places_only(client):
    from tests.training.factories import BookingFactory

    booking = BookingFactory()
    response = client.get(f"/training/bookings/{booking.token}/calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; method=REQUEST"
    assert 'filename="session.ics"' in response["Content-Disposition"]
    assert b"BEGIN:VCALENDAR" in response.content
    booking.status = booking.Status.CANCELLED
    booking.save()
    assert client.get(f"/training/bookings/{booking.token}/calendar/").status_code == 404
    assert client.get("/training/bookings/not-a-token/calendar/").status_code == 404


def test_your_network_shows_mentoring_with_the_match_and_next_check_in(client):
    from .people import matched_mentee

    user = UserFactory()
    mentee = matched_mentee(user)
    client.force_login(user)
    html = client.get(PAGE).content.decode()
    assert mentee.programme.name in html
    assert "Next check-in" in html
    match = mentee.as_mentee.get()
    assert match.get_url_for(mentee) in html
