"""Whose records are whose: only an address a person has verified makes its records theirs.

Vera applies and books without an account; Mallory signs up and adds Vera's address to her
account, but cannot verify it (she cannot read Vera's email). Nothing of Vera's reaches Mallory:
not her download, not "Your network", and deleting Mallory's account leaves Vera's records alone.
"""

import json

import pytest
from allauth.account.models import EmailAddress

from edi_portal.models import OutboundEmail
from network.models import Application, Membership, User
from tests.factories import WorkstreamFactory
from tests.network.factories import CohortFactory
from tests.network.journey import complete_application
from tests.training.factories import SessionFactory
from training.models import Booking

from .helpers import PASSWORD, latest_email, link_in, reauthenticate

pytestmark = pytest.mark.django_db

VERA = "vera.nowak@nhs.net"
MALLORY = "mallory.hughes@nhs.net"


def vera_applies_and_books(client):
    CohortFactory()
    complete_application(client, WorkstreamFactory(name="Peer Support Network"), email=VERA)
    assert client.post("/join/check/").status_code == 302
    session = SessionFactory()
    response = client.post(
        f"/training/sessions/{session.pk}/",
        {
            "name": "Vera Nowak",
            "email": VERA,
            "role": "trainee",
            "organisation": "Alder Hey",
            "access_requirements": "A hearing loop",
            "consent": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get(email=VERA)
    booking = Booking.objects.get(email=VERA)
    assert application.user is None and booking.user is None
    return application, booking


def mallory_signs_up_and_adds(client, address):
    """Mallory signs up, verifies her own address, signs in and adds `address` (unverified)."""
    client.post(
        "/accounts/signup/", {"email": MALLORY, "password1": PASSWORD, "password2": PASSWORD}
    )
    client.post(link_in(latest_email(MALLORY), "/accounts/confirm-email/"))
    response = client.post("/accounts/login/", {"login": MALLORY, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post("/accounts/email/", {"email": address, "action_add": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    mallory = User.objects.get(email=MALLORY)
    assert EmailAddress.objects.filter(user=mallory, email__iexact=address, verified=False).exists()
    return mallory


def download(client):
    reauthenticate(client)
    response = client.post("/your-network/data/")
    assert response.status_code == 200, response.content.decode()[:2000]
    return json.loads(response.content)


def test_an_unverified_address_brings_none_of_its_owners_records(client):
    application, booking = vera_applies_and_books(client)
    vera_emails = set(OutboundEmail.objects.filter(to=VERA).values_list("pk", flat=True))
    assert vera_emails, "Vera was sent an acknowledgement and a booking confirmation"
    client.cookies.clear()
    mallory = mallory_signs_up_and_adds(client, VERA.upper())
    vera_emails.add(latest_email(VERA).pk)  # the confirmation link for Vera's inbox

    export = download(client)
    assert export["email_addresses"] == [MALLORY]
    records = export["records"]
    for label in ["network.application", "network.equalitymonitoring", "training.booking"]:
        assert records[label] == [], label
    assert {row["fields"]["to"] for row in records["edi_portal.outboundemail"]} == {MALLORY}
    text = json.dumps(export)
    for vera_data in ["Vera Nowak", "A hearing loop", "black_african", "07700 900982"]:
        assert vera_data not in text, vera_data
    assert not vera_emails & {row["id"] for row in records["edi_portal.outboundemail"]}

    page = client.get("/your-network/").content.decode()
    assert "Application for" not in page and "Active Bystander Training" not in page
    assert "You are not a member of the network yet" in page

    reauthenticate(client)
    assert client.post("/your-network/delete/", {}).status_code == 302
    assert not User.objects.filter(pk=mallory.pk).exists()
    application.refresh_from_db()
    booking.refresh_from_db()
    assert application.full_name == "Amara Okafor" and application.email == VERA
    assert booking.name == "Vera Nowak" and booking.status == Booking.Status.CONFIRMED
    assert OutboundEmail.objects.filter(pk__in=vera_emails).count() == len(vera_emails)
    assert not EmailAddress.objects.filter(email__iexact=VERA).exists(), "Mallory's claim goes"


def test_staff_finding_an_address_held_unverified_get_its_owner_not_the_account(client):
    from tests.accounts.test_data_rights import TOOL, staff

    vera_applies_and_books(client)
    client.cookies.clear()
    mallory = mallory_signs_up_and_adds(client, VERA)
    Membership.objects.create(
        cohort=CohortFactory(name="2025-26"),
        full_name="Mallory Hughes",
        email=MALLORY,
        user=mallory,
    )
    client.logout()
    staff(client, "network.answer_subject_access_request")
    export = json.loads(client.post(TOOL, {"email": VERA, "action": "export"}).content)
    assert export["email_addresses"] == [VERA]
    assert len(export["records"]["network.application"]) == 1
    assert export["records"]["network.membership"] == []
    assert export["records"]["network.user"] == []
    assert export["records"]["account.emailaddress"] == []
