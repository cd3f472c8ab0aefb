"""One address whatever its letter case: stored in lower case, duplicates refused with a
message on every form and in admin (never a server error), and old rows lowered by migration."""

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.forms.models import model_to_dict

from concerns.models import Concern
from edi_portal.addresses import LowercaseEmailField, lower_case_stored_addresses
from edi_portal.models import OutboundEmail
from network.models import Application, Membership, User
from tests.factories import UserFactory
from tests.network.factories import ApplicationFactory, CohortFactory
from tests.network.journey import complete_application
from tests.network.test_admin import staff_client
from tests.training.factories import BookingFactory, SessionFactory
from training.models import Booking

from .helpers import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    return staff_client(client, superuser=True)[0]


def admin_form_data(instance, **changes):
    """What the admin change form posts back: the instance's values with `changes`."""
    data = {
        name: "" if value is None else value
        for name, value in model_to_dict(instance).items()
        if not isinstance(value, list)
    }
    return {**data, **changes}


def test_booking_on_the_public_form_with_an_address_differing_only_in_case(client):
    session = SessionFactory()
    BookingFactory(session=session, email="asha.patel@nhs.net")
    response = client.post(
        f"/training/sessions/{session.pk}/",
        {
            "name": "Asha Patel",
            "email": "Asha.Patel@NHS.net",
            "role": "trainee",
            "organisation": "Alder Hey",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert "already has a place" in response.content.decode()
    assert session.bookings.count() == 1


def test_admin_booking_with_an_address_differing_only_in_case_is_a_field_error(admin_client):
    session = SessionFactory()
    BookingFactory(session=session, email="asha.patel@nhs.net")
    other = BookingFactory(session=session, email="someone.else@nhs.net")
    response = admin_client.post(
        f"/admin/training/booking/{other.pk}/change/",
        admin_form_data(other, email="ASHA.PATEL@nhs.net"),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "already has a place" in str(errors["email"])
    other.refresh_from_db()
    assert other.email == "someone.else@nhs.net"


def test_admin_membership_with_an_address_differing_only_in_case_is_a_field_error(admin_client):
    cohort = CohortFactory()
    Membership.objects.create(cohort=cohort, email="asha.patel@nhs.net", full_name="Asha Patel")
    other = Membership.objects.create(cohort=cohort, email="b@nhs.net", full_name="B")
    response = admin_client.post(
        f"/admin/network/membership/{other.pk}/change/",
        admin_form_data(other, email="Asha.Patel@nhs.net"),
    )
    assert response.status_code == 200
    assert "already has a membership" in str(response.context["adminform"].form.errors["email"])


def test_admin_new_user_with_an_address_differing_only_in_case_is_a_field_error(admin_client):
    UserFactory(email="asha.patel@nhs.net")
    response = admin_client.post(
        "/admin/network/user/add/",
        {"email": "ASHA.Patel@nhs.net", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"]
    assert User.objects.filter(email__iexact="asha.patel@nhs.net").count() == 1


def test_sign_up_with_an_address_differing_only_in_case_makes_no_second_account(client):
    """allauth reveals nothing on the page (the address owner is emailed instead)."""
    UserFactory(email="asha.patel@nhs.net")
    response = client.post(
        "/accounts/signup/",
        {"email": "Asha.Patel@NHS.NET", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert User.objects.count() == 1


def test_applying_twice_in_different_case_keeps_one_application(client):
    workstream = ApplicationFactory(email="amara.okafor@nhs.net").workstreams.get()
    complete_application(client, workstream, email="Amara.Okafor@NHS.net")
    client.post("/join/check/")
    assert Application.objects.filter(email="amara.okafor@nhs.net").count() == 1


def test_addresses_are_stored_and_found_in_lower_case():
    booking = BookingFactory(email="  Asha.Patel@NHS.net ")
    assert Booking.objects.get(pk=booking.pk).email == "asha.patel@nhs.net"
    assert Booking.objects.filter(email="ASHA.PATEL@nhs.net").get() == booking


def test_the_data_migration_lowers_existing_rows_and_stops_on_clashes():
    kept = ApplicationFactory(email="a@nhs.net", status="withdrawn")
    clash = ApplicationFactory(email="b@nhs.net", status="withdrawn", cohort=kept.cohort)
    Application.objects.filter(pk=kept.pk).update(email=Upper("email"))
    lower_case_stored_addresses(Application, unique_with=("cohort_id",))
    kept.refresh_from_db()
    assert kept.email == "a@nhs.net"

    Application.objects.filter(pk=clash.pk).update(email=Upper("email"))
    Application.objects.filter(pk=kept.pk).update(email="B@NHS.NET")
    with pytest.raises(RuntimeError, match="differing only in letter case"):
        lower_case_stored_addresses(Application, unique_with=("cohort_id",))
    # Withdrawn applications may share an address, so the migration's own rule lets them be.
    lower_case_stored_addresses(
        Application, unique_with=("cohort_id",), among=~Q(status__in=["withdrawn", "declined"])
    )
    assert set(Application.objects.values_list("email", flat=True)) == {"b@nhs.net"}


# Addresses kept by software the portal uses, which stores them in lower case itself.
LOWERED_ELSEWHERE = {
    "account.EmailAddress.email": "allauth stores addresses in lower case",
}


def test_every_stored_address_is_a_lower_case_address_field():
    """A model added later with an EmailField of its own fails here until it stores lower case."""
    fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.EmailField) and not isinstance(field, LowercaseEmailField)
    ]
    assert set(fields) == set(LOWERED_ELSEWHERE)


def test_a_concern_keeps_the_address_in_lower_case(client):
    response = client.post(
        "/concerns/",
        {
            "recorded_as": "discrimination",
            "characteristic": "race",
            "setting": "placement",
            "details": "Something happened on the ward.",
            "email": "  Raiser.Name@NHS.net ",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Concern.objects.get().email == "raiser.name@nhs.net"
    assert OutboundEmail.objects.filter(to="raiser.name@nhs.net").exists()
