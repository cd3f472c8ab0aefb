"""Data rights: a trainee downloads or erases their data; staff answer subject access requests;
reading special-category data in admin is recorded.

Two tests walk every model with an email address or a link to an account, so a model added
later cannot be forgotten by the export or the erasure.
"""

import json

import pytest
from allauth.account.models import EmailAddress
from auditlog.models import LogEntry as AuditLogEntry
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.test import Client

from accounts.models import ErasureRecord
from accounts.personal_data import KINDS
from accounts.services import delete_account, erase_personal_data, export_personal_data
from edi_portal.identity import Person
from edi_portal.models import OutboundEmail
from network.models import Application, EqualityMonitoring, Membership, User
from qi_projects.models import QIProject
from tests.concerns.factories import ConcernFactory
from tests.factories import UserFactory
from tests.network.factories import ApplicationFactory
from tests.network.journey import ABOUT_YOU
from tests.reports.conftest import grant, with_two_factor
from tests.reports.helpers import page_tables, report_html

from .helpers import PASSWORD, reauthenticate
from .people import trainee_with_everything

pytestmark = pytest.mark.django_db

EMAIL = "amara.okafor@nhs.net"
NAME = "Amara Okafor"


def personal_fields():
    """(model, field name, "address" or "account") for every field that can name a person."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue  # its table is its concrete model's
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User and field.many_to_one is not None:
                found.append((model, field.name, "account"))
            elif isinstance(field, models.EmailField) or (
                isinstance(field, models.CharField) and "email" in field.name
            ):
                found.append((model, field.name, "address"))
    return found


def rows_naming(user_pk, addresses):
    """Every row, in every table, that still holds the person's account or an address."""
    left = []
    for model, name, what in personal_fields():
        if what == "account":
            matches = model._default_manager.filter(**{name: user_pk})
        elif model is User and name == "email":
            matches = model._default_manager.filter(email__in=addresses)
        else:
            query = models.Q()
            for address in addresses:
                query |= models.Q(**{f"{name}__iexact": address})
            matches = model._default_manager.filter(query)
        left += [f"{model._meta.label}.{name}"] * matches.count()
    left += ["network.User"] * User.objects.filter(pk=user_pk).count()
    return left


def traces(user_pk, addresses, names):
    """Where else the person is still written: in a session (signed in, or a form's answers
    kept between pages) or in an email's text, whoever it was sent to."""
    terms = {term.lower() for term in (*addresses, *names)}
    found = []
    for session in Session.objects.all():
        data = session.get_decoded()
        text = json.dumps(data, cls=DjangoJSONEncoder).lower()
        if data.get("_auth_user_id") == str(user_pk):
            found.append(f"session {session.pk[:6]} signed in")
        found += [f"session {session.pk[:6]}: {term}" for term in sorted(terms) if term in text]
    for email in OutboundEmail.objects.all():
        text = "\n".join(
            [email.subject, email.text_body, email.html_body, json.dumps(email.attachments)]
        ).lower()
        found += [
            f"{email.template} to {email.to}: {term}" for term in sorted(terms) if term in text
        ]
    return found


def signed_in_elsewhere(user):
    """A second device signed in to the account."""
    device = Client()
    device.force_login(user)
    return device


def applying_signed_out(address, full_name):
    """Someone part-way through the application: their answers are kept in their session."""
    device = Client()
    response = device.post(
        "/join/about-you/", {**ABOUT_YOU, "email": address, "full_name": full_name}
    )
    assert response.status_code == 302
    return device


def test_every_model_that_can_hold_a_person_is_exported_and_erased():
    walked = {model._meta.label_lower for model, _name, _what in personal_fields()}
    assert walked <= {kind.label for kind in KINDS}


def test_the_export_holds_every_kind_of_record_including_equality_answers_and_emails():
    user = trainee_with_everything(EMAIL)
    export = export_personal_data(person=Person.for_user(user))
    assert export["format"] == "nw-edi-portal-personal-data" and export["version"] == 1
    records = export["records"]
    assert set(records) == {kind.label for kind in KINDS}
    for label in [
        "network.user",
        "account.emailaddress",
        "network.membership",
        "network.application",
        "network.equalitymonitoring",
        "network.applicationstatuschange",
        "concerns.concern",
        "training.booking",
        "training.feedback",
        "training.sessionrequest",
        "qi_projects.qiproject",
        "peer_support.volunteerprofile",
        "peer_support.volunteertopic",
        "peer_support.contactrequest",
        "edi_portal.outboundemail",
        "stories.consentrecord",
        "training.facilitatoroffer",
        "training.sessionfacilitator",
        "opportunities.interest",
    ]:
        assert records[label], f"nothing exported from {label}"
    assert records["network.equalitymonitoring"][0]["fields"]["ethnic_group"] == "black_african"
    assert "password" not in records["network.user"][0]["fields"]
    json.dumps(export, cls=DjangoJSONEncoder)


def report_tables(client):
    staff = with_two_factor(
        grant(UserFactory(is_staff=True), "reports.view_reports", "network.view_equalitymonitoring")
    )
    client.force_login(staff)
    html = report_html(client, Application.objects.first().cohort.name)
    client.logout()
    return page_tables(html)


def test_erasure_leaves_no_row_with_the_address_or_account_and_the_reports_unchanged(client):
    user = trainee_with_everything(EMAIL)
    EmailAddress.objects.create(user=user, email="amara@gmail.com", verified=True)
    ApplicationFactory(email="amara@gmail.com", status="withdrawn")
    signed_in_elsewhere(user)
    applying_signed_out("Amara.Okafor@NHS.net", NAME)
    person = Person.for_user(user)
    before = report_tables(client)
    assert rows_naming(user.pk, person.addresses)
    left = traces(user.pk, person.addresses, [NAME])
    for trace in ["signed in", f": {EMAIL}", "mentoring/contact_details to "]:
        assert any(trace in found for found in left), trace

    record = erase_personal_data(person=person, reason=ErasureRecord.Reason.SUBJECT_REQUEST)

    assert rows_naming(user.pk, person.addresses) == []
    assert traces(user.pk, person.addresses, [NAME]) == [], traces(
        user.pk, person.addresses, [NAME]
    )
    assert report_tables(client) == before
    assert EqualityMonitoring.objects.count() == 2, "kept for the anonymous aggregates"
    assert QIProject.objects.filter(status="published", author=None).count() == 1
    assert record.rows["network.application"] == 2
    assert EMAIL not in json.dumps(record.rows)
    assert not Application.objects.filter(full_name="Amara Okafor").exists()


def test_download_asks_for_the_password_again_then_gives_one_json_file(client):
    user = trainee_with_everything(EMAIL)
    client.force_login(user)  # not a recent sign-in through allauth
    assert client.get("/your-network/data/").status_code == 200
    response = client.post("/your-network/data/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    response = client.post(response.url, {"password": PASSWORD})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email_addresses"] == [EMAIL]
    assert data["records"]["network.membership"][0]["fields"]["email"] == EMAIL


def test_a_trainee_deletes_their_account(client):
    user = trainee_with_everything(EMAIL)
    client.force_login(user)
    reauthenticate(client)
    page = client.get("/your-network/delete/").content.decode()
    for text in ["What we delete", "What we keep, and why", "What happens to your bookings"]:
        assert text in page
    assert "Inclusive rotas" in page, "the published project the person may unpublish"
    signed_in_elsewhere(user)
    response = client.post("/your-network/delete/", {"unpublish_projects": "on"})
    assert response.status_code == 302 and response.url == "/"
    assert not User.objects.filter(pk=user.pk).exists()
    assert rows_naming(user.pk, {EMAIL}) == []
    assert traces(user.pk, {EMAIL}, [NAME]) == []
    assert not QIProject.objects.filter(status="published").exists()
    assert ErasureRecord.objects.get().reason == ErasureRecord.Reason.ACCOUNT_DELETED
    assert client.get("/your-network/").status_code == 302, "signed out"


def staff(client, *permissions):
    user = with_two_factor(grant(UserFactory(is_staff=True), *permissions))
    client.force_login(user)
    return user


TOOL = "/admin/accounts/erasurerecord/subject-access/"


def test_subject_access_tool_needs_its_own_permission(client):
    staff(client, "network.view_application")
    assert client.get(TOOL).status_code == 403


def test_staff_find_export_and_erase_an_address(client):
    user = trainee_with_everything(EMAIL)
    officer = staff(client, "accounts.answer_subject_access_request")
    found = client.get(TOOL, {"email": "Amara.Okafor@NHS.net"})
    assert found.status_code == 200
    assert "Memberships" in found.content.decode()
    download = client.post(TOOL, {"email": EMAIL, "action": "export"})
    assert json.loads(download.content)["records"]["training.booking"]

    refused = client.post(TOOL, {"email": EMAIL, "action": "erase"})
    assert "Tick the box to confirm" in refused.content.decode()
    assert User.objects.filter(pk=user.pk).exists()

    signed_in_elsewhere(user)
    applying_signed_out(EMAIL, NAME)
    done = client.post(TOOL, {"email": EMAIL, "action": "erase", "confirm_erase": "on"})
    assert done.status_code == 302
    assert rows_naming(user.pk, {EMAIL}) == []
    assert traces(user.pk, {EMAIL}, [NAME]) == []
    record = ErasureRecord.objects.get()
    assert record.performed_by == officer
    assert record.reason == ErasureRecord.Reason.SUBJECT_REQUEST
    assert record.rows["network.membership"] == 1
    changelist = client.get("/admin/accounts/erasurerecord/").content.decode()
    assert "network.membership: 1" in changelist and EMAIL not in changelist
    assert Membership.objects.filter(full_name="Erased").count() == 1, "kept for the reports"


def test_reading_equality_answers_or_a_concern_in_admin_is_recorded(client, settings):
    application = ApplicationFactory()
    concern = ConcernFactory(email="raiser@nhs.net")
    reader = staff(
        client,
        "network.view_application",
        "network.view_equalitymonitoring",
        "concerns.view_concern",
    )
    assert client.get(f"/admin/network/application/{application.pk}/change/").status_code == 200
    assert client.get(f"/admin/concerns/concern/{concern.pk}/change/").status_code == 200
    reads = AuditLogEntry.objects.filter(action=AuditLogEntry.Action.ACCESS, actor=reader)
    assert sorted(entry.object_repr for entry in reads) == sorted(
        [str(application.equality_monitoring), str(concern)]
    )
    assert all(entry.serialized_data is None for entry in reads), "no contents copied"

    # Without the equality permission the answers are not shown, so nothing is recorded.
    other = staff(client, "network.view_application")
    client.get(f"/admin/network/application/{application.pk}/change/")
    assert not AuditLogEntry.objects.filter(actor=other).exists()

    assert client.get("/admin/auditlog/logentry/").status_code == 403
    staff(client, "auditlog.view_logentry")
    log = client.get("/admin/auditlog/logentry/")
    assert log.status_code == 200
    assert str(concern) in log.content.decode()


def test_an_email_to_someone_else_stays_without_the_erased_persons_name_and_address():
    user = trainee_with_everything(EMAIL)
    to_mentor = OutboundEmail.objects.exclude(to=EMAIL).get(
        template="mentoring/contact_details", text_body__contains=NAME
    )
    assert EMAIL in to_mentor.text_body and EMAIL in to_mentor.html_body
    namesake = OutboundEmail.objects.create(
        to="staff@nhs.net",
        subject="Tamara Okafor, tamara.okafor@nhs.net",
        text_body="Tamara Okafor <tamara.okafor@nhs.net>",
        idempotency_key="namesake",
    )

    delete_account(user=user)

    to_mentor.refresh_from_db()
    for text in (to_mentor.subject, to_mentor.text_body, to_mentor.html_body):
        assert NAME not in text and EMAIL not in text
    assert "- Name: Erased\n- Email: Erased" in to_mentor.text_body
    assert "Please get in touch to arrange your first meeting" in to_mentor.text_body
    namesake.refresh_from_db()
    assert namesake.text_body == "Tamara Okafor <tamara.okafor@nhs.net>"


def test_an_educators_role_and_trust_or_school_are_exported_and_erased():
    from tests.training.factories import BookingFactory
    from training.models import Booking

    user = UserFactory(email=EMAIL)
    BookingFactory(
        email=EMAIL,
        user=user,
        educator_role=Booking.EducatorRole.TRAINING_PROGRAMME_DIRECTOR,
        leadership_organisation_type=Booking.LeadershipOrganisationType.SCHOOL,
        leadership_organisation="School of Psychiatry",
    )
    person = Person.for_user(user)
    [exported] = export_personal_data(person=person)["records"]["training.booking"]
    assert exported["fields"]["educator_role"] == "training_programme_director"
    assert exported["fields"]["leadership_organisation_type"] == "school"
    assert exported["fields"]["leadership_organisation"] == "School of Psychiatry"

    erase_personal_data(person=person, reason=ErasureRecord.Reason.SUBJECT_REQUEST)
    booking = Booking.objects.get()
    assert (
        booking.educator_role,
        booking.leadership_organisation_type,
        booking.leadership_organisation,
    ) == ("", "", "")
