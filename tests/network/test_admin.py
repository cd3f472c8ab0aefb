import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from edi_portal.models import OutboundEmail
from network.models import Application, Membership, OversightGroupOutcome
from tests.factories import StaffFactory, WorkstreamFactory, give_authenticator

from .factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/network/application/"
EXPORT = "/admin/network/application/export/"
# Equality answers the factories give every application, as the admin would show them.
EQUALITY = {"ethnic_group": "mixed_white_asian", "religion": "sikh"}
EQUALITY_LABELS = ["Mixed or multiple ethnic groups: White and Asian", "Sikh"]


def staff_client(client, *, permissions=(), superuser=False):
    """A signed-in staff member who has set up two-factor authentication."""
    user = StaffFactory(is_superuser=superuser)
    give_authenticator(user)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="network", codename__in=permissions)
    )
    client.force_login(user)
    return client, user


TRIAGE = ["view_application", "change_application"]


@pytest.fixture
def triage_client(client):
    return staff_client(client, permissions=TRIAGE)[0]


def test_the_changelist_shows_what_an_admin_needs_and_no_equality_answers(client):
    admin_client, _ = staff_client(client, superuser=True)
    workstream = WorkstreamFactory(name="Peer Support Network")
    application = ApplicationFactory(
        full_name="Amara Okafor",
        specialty="Paediatrics",
        workstreams=[workstream],
        equality=EQUALITY,
    )
    response = admin_client.get(CHANGELIST)
    content = response.content.decode()
    assert response.status_code == 200
    for text in [application.reference, "Amara Okafor", "Paediatrics", "Peer Support Network"]:
        assert text in content
    for label in EQUALITY_LABELS:
        assert label not in content


def test_filters_and_search(triage_client):
    accepted = ApplicationFactory(status=Application.Status.ACCEPTED, full_name="Zainab Ali")
    submitted = ApplicationFactory(full_name="Tom Hughes", cohort=CohortFactory(name="2027-28"))
    response = triage_client.get(CHANGELIST, {"status__exact": "accepted"})
    assert list(response.context["cl"].result_list) == [accepted]
    response = triage_client.get(CHANGELIST, {"q": submitted.reference})
    assert list(response.context["cl"].result_list) == [submitted]
    response = triage_client.get(CHANGELIST, {"q": "zainab"})
    assert list(response.context["cl"].result_list) == [accepted]
    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert filters == [
        "cohort",
        "status",
        "workstreams",
        "Oversight Group",
        "profession",
        "area of the North West",
    ]
    # A trust is found by searching: a filter would list every trust from the whole table.
    submitted.employing_trust = "Wirral University Teaching Hospital NHS Foundation Trust"
    submitted.save()
    response = triage_client.get(CHANGELIST, {"q": "wirral"})
    assert list(response.context["cl"].result_list) == [submitted]


def test_a_bulk_accept_goes_through_the_service_and_sends_each_email_once(
    triage_client, django_capture_on_commit_callbacks
):
    applications = [ApplicationFactory() for _ in range(3)]
    ids = [str(a.pk) for a in applications]
    for _ in range(2):
        response = triage_client.post(
            CHANGELIST,
            {"action": "accept", "_selected_action": ids, "confirmed": "yes"},
            follow=True,
        )
        assert response.status_code == 200
    assert Membership.objects.count() == 3
    assert (
        OutboundEmail.objects.filter(idempotency_key__startswith="application-decision:").count()
        == 3
    )
    assert "Nothing to change" in response.content.decode()


def test_oversight_group_decisions_from_the_changelist(triage_client):
    asked = ApplicationFactory(oversight_group_outcome=OversightGroupOutcome.REQUESTED)
    did_not_ask = ApplicationFactory()
    response = triage_client.post(
        CHANGELIST,
        {
            "action": "appoint_to_oversight_group",
            "_selected_action": [asked.pk, did_not_ask.pk],
            "confirmed": "yes",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "1 application(s) appointed to the Oversight Group" in content
    assert f"{did_not_ask.reference} did not ask to join the Oversight Group" in content
    asked.refresh_from_db()
    did_not_ask.refresh_from_db()
    assert asked.oversight_group_outcome == OversightGroupOutcome.APPOINTED
    assert did_not_ask.oversight_group_outcome == OversightGroupOutcome.NOT_REQUESTED


def test_a_refused_change_is_reported_not_made(triage_client):
    declined = ApplicationFactory(status=Application.Status.DECLINED)
    response = triage_client.post(
        CHANGELIST,
        {"action": "accept", "_selected_action": [declined.pk], "confirmed": "yes"},
        follow=True,
    )
    assert "Not changed" in response.content.decode()
    declined.refresh_from_db()
    assert declined.status == Application.Status.DECLINED


def test_internal_notes_are_the_only_editable_answer(triage_client):
    application = ApplicationFactory(full_name="Amara Okafor")
    url = f"{CHANGELIST}{application.pk}/change/"
    response = triage_client.get(url)
    form = response.context["adminform"].form
    assert list(form.fields) == ["internal_notes"]
    data = {
        "internal_notes": "Spoke to her supervisor.",
        "status_changes-TOTAL_FORMS": "1",
        "status_changes-INITIAL_FORMS": "1",
        "status_changes-MIN_NUM_FORMS": "0",
        "status_changes-MAX_NUM_FORMS": "1000",
    }
    response = triage_client.post(url, data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.internal_notes == "Spoke to her supervisor."


def test_the_change_page_shows_the_status_history_with_who_changed_it(client):
    admin_client, admin = staff_client(client, permissions=TRIAGE)
    application = ApplicationFactory()
    admin_client.post(
        CHANGELIST, {"action": "accept", "_selected_action": [application.pk], "confirmed": "yes"}
    )
    content = admin_client.get(f"{CHANGELIST}{application.pk}/change/").content.decode()
    assert "status history" in content.lower()
    assert admin.email in content
    assert "Accepted" in content


def test_equality_answers_are_hidden_on_the_change_page_without_the_permission(triage_client):
    application = ApplicationFactory(equality=EQUALITY)
    content = triage_client.get(f"{CHANGELIST}{application.pk}/change/").content.decode()
    for label in EQUALITY_LABELS:
        assert label not in content


def test_equality_answers_show_on_the_change_page_with_the_permission(client):
    admin_client, _ = staff_client(client, permissions=[*TRIAGE, "view_equalitymonitoring"])
    application = ApplicationFactory(equality=EQUALITY)
    content = admin_client.get(f"{CHANGELIST}{application.pk}/change/").content.decode()
    for label in EQUALITY_LABELS:
        assert label in content


def test_equality_answers_have_no_admin_page_of_their_own(triage_client):
    application = ApplicationFactory(equality=EQUALITY)
    pk = application.equality_monitoring.pk
    assert triage_client.get(f"/admin/network/equalitymonitoring/{pk}/change/").status_code == 404


def read_csv(response):
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


@pytest.mark.parametrize("extra", [[], ["view_equalitymonitoring"]])
def test_the_csv_export_is_the_filtered_list_without_equality_answers(client, extra):
    admin_client, _ = staff_client(client, permissions=[*TRIAGE, *extra])
    in_review = ApplicationFactory(
        status=Application.Status.IN_REVIEW, equality=EQUALITY, full_name="=HYPERLINK(1)"
    )
    ApplicationFactory(status=Application.Status.SUBMITTED, equality=EQUALITY)
    changelist = admin_client.get(CHANGELIST, {"status__exact": "in_review"})
    assert f'{EXPORT}?status__exact=in_review"' in changelist.content.decode()
    response = admin_client.get(EXPORT, {"status__exact": "in_review"})
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = read_csv(response)
    assert [row[0] for row in rows] == [in_review.reference]
    assert "'=HYPERLINK(1)" in rows[0]  # no spreadsheet formulas from applicants
    assert not {"ethnic_group", "religion", "sex"} & set(header)
    for label in EQUALITY_LABELS:
        assert not any(label in cell for row in rows for cell in row)


def test_the_export_needs_permission_to_view_applications(client):
    admin_client, _ = staff_client(client)
    ApplicationFactory()
    assert admin_client.get(EXPORT).status_code == 403


def test_staff_without_two_factor_are_sent_to_set_it_up(client):
    client.force_login(StaffFactory(is_superuser=True))
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/accounts/2fa/" in response["Location"]


def changelist_queries(client, count):
    cohort = CohortFactory()
    workstreams = [WorkstreamFactory() for _ in range(3)]
    already = Application.objects.count()
    for _ in range(count - already):
        ApplicationFactory(cohort=cohort, workstreams=workstreams)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
        assert response.status_code == 200
    return len(queries)


def test_the_changelist_makes_the_same_number_of_queries_with_5_and_200_applications(
    triage_client,
):
    at_5 = changelist_queries(triage_client, 5)
    at_200 = changelist_queries(triage_client, 200)
    print(f"changelist queries: {at_5} with 5 applications, {at_200} with 200")
    assert at_5 == at_200
