"""Whose records are whose: only an address a person has verified makes its records theirs.

Vera applies and books without an account; Mallory signs up and adds Vera's address to her
account, but cannot verify it (she cannot read Vera's email). Nothing of Vera's reaches Mallory:
not her download, not "Your network", and deleting Mallory's account leaves Vera's records alone.
"""

import json

import pytest
from allauth.account.models import EmailAddress
from django.db import transaction
from hypothesis import HealthCheck, event, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.services import delete_account, export_personal_data
from edi_portal.identity import Person
from edi_portal.models import OutboundEmail
from network import services as network_services
from network.models import Application, Membership, User
from tests.factories import WorkstreamFactory
from tests.network.factories import CohortFactory
from tests.network.journey import complete_application
from tests.training.factories import SessionFactory
from training.models import Booking
from training.services import book_place

from .helpers import PASSWORD, latest_email, link_in, reauthenticate
from .test_data_rights import TOOL, staff

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
    staff(client, "accounts.answer_subject_access_request")
    export = json.loads(client.post(TOOL, {"email": VERA, "action": "export"}).content)
    assert export["email_addresses"] == [VERA]
    assert len(export["records"]["network.application"]) == 1
    assert export["records"]["network.membership"] == []
    assert export["records"]["network.user"] == []
    assert export["records"]["account.emailaddress"] == []


# The guard: generated sequences of what two people do with three addresses, two of them
# theirs and one they share (a team inbox, say). Whenever one of them looks (and at the end),
# their download and "Your network" hold exactly the records the identity rule gives them, never
# one under an address they have not verified; deleting an account erases exactly those.

PEOPLE = ("ann", "ben")
ADDRESSES = ("ann@nhs.net", "ben@nhs.net", "team@nhs.net")
address = st.sampled_from(ADDRESSES)
person = st.sampled_from(PEOPLE)
shout = st.booleans()  # typed in capitals, as people do
STEP = st.one_of(
    st.tuples(st.just("sign_up"), person, address, st.booleans()),
    st.tuples(st.just("add"), person, address, shout),
    st.tuples(st.just("verify"), person, address),
    st.tuples(st.just("remove"), person, address),
    st.tuples(st.just("apply"), address, shout),
    st.tuples(st.just("accept"), st.integers(0, 5)),
    st.tuples(st.just("book"), address, shout),
    st.tuples(st.just("delete"), person),
    st.tuples(st.just("export"), person),
    st.tuples(st.just("your_network"), person),
)


class World:
    """What has happened, as the identity rule describes it, beside the portal's own rows."""

    def __init__(self):
        self.accounts = {}  # person -> User
        self.ever_verified = {name: set() for name in PEOPLE}
        self.records = []  # {"model", "pk", "address", "holder": person or None, "label"}
        self.cohort = CohortFactory()
        self.count = 0

    def verified(self, name):
        user = self.accounts.get(name)
        if user is None:
            return set()
        rows = EmailAddress.objects.filter(user=user, verified=True)
        return {address.lower() for address in rows.values_list("email", flat=True)}

    def holder_of(self, address):
        """Who has verified the address now (allauth lets only one account)."""
        return next((name for name in self.accounts if address in self.verified(name)), None)

    def theirs(self, name):
        return [
            record
            for record in self.records
            if record["holder"] == name
            or (record["holder"] is None and record["address"] in self.verified(name))
        ]

    def add_record(self, row, address, label):
        self.records.append(
            {
                "model": type(row),
                "pk": row.pk,
                "address": address,
                "holder": self.holder_of(address),
                "label": label,
            }
        )

    def claimed(self, name):
        rows = EmailAddress.objects.filter(user=self.accounts[name])
        return {address.lower() for address in rows.values_list("email", flat=True)}

    def row(self, record):
        return record["model"].objects.get(pk=record["pk"])

    # The steps.

    def sign_up(self, name, address, confirmed):
        """Sign up, and perhaps follow the confirmation link at once (as most people do)."""
        if name in self.accounts or User.objects.filter(email=address).exists():
            return
        if EmailAddress.objects.filter(email__iexact=address, verified=True).exists():
            return  # allauth refuses an address another account has verified
        user = User.objects.create_user(email=address, password=PASSWORD)
        EmailAddress.objects.create(user=user, email=address, primary=True, verified=False)
        self.accounts[name] = user
        if confirmed:
            self.verify(name, address)

    def add(self, name, address, shout):
        user = self.accounts.get(name)
        if user and not EmailAddress.objects.filter(user=user, email__iexact=address).exists():
            EmailAddress.objects.create(user=user, email=address.upper() if shout else address)

    def verify(self, name, address):
        user = self.accounts.get(name)
        row = user and EmailAddress.objects.filter(user=user, email__iexact=address).first()
        if row and not row.verified and row.set_verified(commit=True):
            self.ever_verified[name].add(address)
            for record in self.records:
                if record["address"] == address and record["holder"] is None:
                    record["holder"] = name

    def remove(self, name, address):
        user = self.accounts.get(name)
        row = user and EmailAddress.objects.filter(user=user, email__iexact=address).first()
        if row and not row.primary:  # allauth keeps the primary address
            row.remove()

    def apply(self, address, shout):
        self.count += 1
        application, created = network_services.submit_application(
            cohort=self.cohort,
            answers={
                "full_name": f"Applicant {self.count}",
                "email": address.upper() if shout else address,
                "profession": "medicine",
                "grade": "registrar",
                "specialty": "Paediatrics",
                "employing_trust": "Alder Hey",
                "area": "cheshire_merseyside",
                "motivation": "Fairer training.",
            },
            workstreams=[],
        )
        if created:
            self.add_record(application, address, application.reference)

    def accept(self, index):
        applications = [r for r in self.records if r["model"] is Application]
        if index < len(applications):
            application = self.row(applications[index])
            if application.status == "submitted":
                network_services.accept(application=application, by=None)
                membership = Membership.objects.get(application=application)
                self.add_record(membership, applications[index]["address"], None)
                self.records[-1]["holder"] = applications[index]["holder"]

    def book(self, address, shout):
        self.count += 1
        booking = book_place(
            session_id=SessionFactory().pk,
            name=f"Booker {self.count}",
            email=address.upper() if shout else address,
            role="trainee",
            organisation="Alder Hey",
            consent=True,
        )
        self.add_record(booking, address, booking.token)

    def delete(self, name):
        user = self.accounts.get(name)
        if user is None:
            return
        erased = {id(record) for record in self.theirs(name)}
        emails_to_others = set(
            OutboundEmail.objects.exclude(to__in=self.verified(name)).values_list("pk", flat=True)
        )
        delete_account(user=user)
        del self.accounts[name]
        for record in self.records:
            row = self.row(record)
            if id(record) in erased:
                assert row.email.endswith("@erased.invalid"), f"{name} deleted, {record} kept"
            else:
                assert row.email == record["address"], f"{name} deleted, {record} erased"
        assert set(OutboundEmail.objects.values_list("pk", flat=True)) >= emails_to_others
        self.records = [record for record in self.records if id(record) not in erased]

    def export(self, name):
        user = self.accounts.get(name)
        if user is None:
            return
        records = export_personal_data(person=Person.for_user(user))["records"]
        exported = {
            (label, row["id"])
            for label in ("network.application", "network.membership", "training.booking")
            for row in records[label]
        }
        expected = {(r["model"]._meta.label_lower, r["pk"]) for r in self.theirs(name)}
        self.check(name, exported, expected)
        verified = self.verified(name)
        sent_to = {row["fields"]["to"] for row in records["edi_portal.outboundemail"]}
        assert sent_to <= verified, f"{name} has emails sent to {sent_to - verified}"
        assert {r["fields"]["email"] for r in records["account.emailaddress"]} == set(
            EmailAddress.objects.filter(user=user).values_list("email", flat=True)
        ), "an account's own address list, and no one else's"

    def your_network(self, name, client):
        user = self.accounts.get(name)
        if user is None:
            return
        client.force_login(user)
        page = client.get("/your-network/").content.decode()
        shown = {
            (record["model"]._meta.label_lower, record["pk"])
            for record in self.records
            if record["label"] and record["label"] in page
        }
        expected = {
            (r["model"]._meta.label_lower, r["pk"]) for r in self.theirs(name) if r["label"]
        }
        self.check(name, shown, expected)

    def check(self, name, got, expected):
        by_key = {(r["model"]._meta.label_lower, r["pk"]): r for r in self.records}
        for key in got:
            assert by_key[key]["address"] in self.ever_verified[name], (
                f"{name} got {key} under {by_key[key]['address']}, never verified by them"
            )
        assert got == expected, f"{name}: got {sorted(got)}, expected {sorted(expected)}"
        unverified = {a for a in self.claimed(name) if a not in self.verified(name)}
        others = {r["address"] for r in self.records if r not in self.theirs(name)}
        event("checked someone holding records" if expected else "checked someone holding none")
        if unverified & others:
            event("checked someone claiming another's address, unverified")


TEAM = ADDRESSES[2]
CLAIMS = st.lists(st.tuples(st.just("add"), person, address, shout), max_size=2)
RECORDS = st.lists(st.tuples(st.sampled_from(["apply", "book"]), address, shout), max_size=3)


@hypothesis_settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(claims=CLAIMS, records=RECORDS, steps=st.lists(STEP, max_size=10))
# The steps: records under an address nobody has verified; Ben adds it, unverified.
@example(
    claims=[("add", "ben", TEAM, True)],
    records=[("apply", TEAM, False), ("book", TEAM, True)],
    steps=[("export", "ben"), ("your_network", "ben"), ("delete", "ben")],
)
# Ann's records stay hers when she gives up the address and Ben verifies it after her.
@example(
    claims=[],
    records=[],
    steps=[
        ("add", "ann", TEAM, False),
        ("verify", "ann", TEAM),
        ("apply", TEAM, False),
        ("remove", "ann", TEAM),
        ("add", "ben", TEAM, False),
        ("verify", "ben", TEAM),
        ("book", TEAM, False),
    ],
)
def test_nobody_sees_exports_or_erases_a_record_under_an_address_they_have_not_verified(
    client, claims, records, steps
):
    """Both people sign up with their own address and perhaps add others; records are made;
    then anything happens."""
    with transaction.atomic():
        world = World()
        for name, address in zip(PEOPLE, ADDRESSES, strict=False):
            world.sign_up(name, address, confirmed=True)
        for name, *arguments in [*claims, *records, *steps]:
            if name == "your_network":
                world.your_network(*arguments, client)
            else:
                getattr(world, name)(*arguments)
        for name in PEOPLE:  # whatever the last step was, both look at what they have
            world.export(name)
            world.your_network(name, client)
        transaction.set_rollback(True)
