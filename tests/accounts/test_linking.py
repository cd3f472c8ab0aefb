"""Memberships, applications and bookings join the account that verifies their address,
whichever comes first: the records or the account."""

import pytest
from allauth.account.models import EmailAddress

from network import services
from network.models import Membership
from tests.factories import UserFactory
from tests.network.factories import ApplicationFactory
from tests.training.factories import SessionFactory
from training.services import book_place

from .helpers import PASSWORD, latest_email, link_in, sign_in

pytestmark = pytest.mark.django_db

ADDRESS = "amara.okafor@nhs.net"


def accepted_member(email=ADDRESS):
    application = ApplicationFactory(email=email)
    services.accept(application=application, by=None)
    return Membership.objects.get(application=application)


def booking(email=ADDRESS):
    return book_place(
        session_id=SessionFactory().pk,
        name="Amara Okafor",
        email=email,
        role="trainee",
        organisation="Alder Hey",
        consent=True,
    )


def confirm_latest_link(client, email):
    path = link_in(latest_email(email), "/accounts/confirm-email/")
    response = client.post(path)
    assert response.status_code == 302, response.content.decode()[:1000]


def can_volunteer(client):
    return client.get("/peer-support/volunteer/create/").status_code == 200


def test_records_first_then_sign_up_and_verify(client):
    membership = accepted_member()
    place = booking("Amara.Okafor@NHS.net")
    client.post(
        "/accounts/signup/",
        {"email": "AMARA.OKAFOR@nhs.net", "password1": PASSWORD, "password2": PASSWORD},
    )
    membership.refresh_from_db()
    assert membership.user is None, "an unverified address links nothing"

    confirm_latest_link(client, ADDRESS)
    membership.refresh_from_db()
    place.refresh_from_db()
    user = membership.user
    assert user is not None and user.email == ADDRESS
    assert membership.application.user == user
    assert place.user == user
    sign_in(client, user)
    assert can_volunteer(client), "the acceptance email's promise: the membership is linked"


def test_account_first_then_accepted_and_booked():
    user = UserFactory(email=ADDRESS)
    application = ApplicationFactory(email=ADDRESS)
    services.accept(application=application, by=None)
    assert Membership.objects.get(application=application).user == user
    assert booking().user == user


def test_submitted_application_joins_a_verified_account_at_once(client):
    user = UserFactory(email=ADDRESS)
    cohort = ApplicationFactory().cohort
    application, created = services.submit_application(
        cohort=cohort,
        answers={
            "full_name": "Amara Okafor",
            "email": "Amara.Okafor@nhs.net",
            "profession": "medicine",
            "grade": "registrar",
            "specialty": "Paediatrics",
            "employing_trust": "Alder Hey",
            "area": "cheshire_merseyside",
            "motivation": "Fairer training.",
        },
        workstreams=[],
    )
    assert created and application.user == user


def test_an_unverified_account_is_not_linked():
    UserFactory(email=ADDRESS, verified=False)
    assert accepted_member().user is None
    assert booking().user is None


def test_a_second_verified_address_links_its_records(client):
    user = UserFactory(email="amara@gmail.com")
    membership = accepted_member()
    place = booking()
    sign_in(client, user)
    response = client.post("/accounts/email/", {"email": ADDRESS, "action_add": ""})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.user is None
    confirm_latest_link(client, ADDRESS)
    membership.refresh_from_db()
    place.refresh_from_db()
    assert membership.user == user and place.user == user
    assert can_volunteer(client)


def test_records_already_linked_to_another_account_stay_there():
    first = UserFactory(email=ADDRESS)
    membership = accepted_member()
    second = UserFactory(email="amara@gmail.com")
    EmailAddress.objects.create(user=second, email="other@nhs.net", verified=True)
    membership.refresh_from_db()
    assert membership.user == first


def test_making_a_verified_address_primary_keeps_its_records_linked(client):
    user = UserFactory(email="amara@gmail.com")
    membership = accepted_member()
    sign_in(client, user)
    client.post("/accounts/email/", {"email": ADDRESS, "action_add": ""})
    confirm_latest_link(client, ADDRESS)
    response = client.post("/accounts/email/", {"email": ADDRESS, "action_primary": ""})
    assert response.status_code == 302
    user.refresh_from_db()
    membership.refresh_from_db()
    assert user.email == ADDRESS and membership.user == user
