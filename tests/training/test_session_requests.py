import pytest
from django.contrib.auth.models import Group

from edi_portal.models import OutboundEmail
from tests.factories import StaffFactory
from training import services
from training.models import SessionRequest

pytestmark = pytest.mark.django_db


def test_a_request_is_saved_and_emailed_to_the_requester_and_each_training_lead():
    leads = Group.objects.create(name=services.TRAINING_LEADS_GROUP)
    lead = StaffFactory(email="lead@nhs.net")
    lead.groups.add(leads)
    StaffFactory(email="not-a-lead@nhs.net")
    request = services.request_session(
        contact_name="Dr Priya Shah",
        contact_email="Priya.Shah@nhs.net",
        organisation="Lancashire Teaching Hospitals NHS Foundation Trust",
        department="Obstetrics and gynaecology",
        audience="Consultants and registrars",
        group_size=18,
        preferred_dates="Any Wednesday afternoon in March",
    )
    assert request.status == SessionRequest.Status.NEW
    assert sorted(OutboundEmail.objects.values_list("to", flat=True)) == [
        "lead@nhs.net",
        "priya.shah@nhs.net",
    ]
    for_lead = OutboundEmail.objects.get(to="lead@nhs.net")
    assert (
        for_lead.subject
        == "New session request: Obstetrics and gynaecology, Lancashire Teaching Hospitals NHS Foundation Trust"
    )
    assert f"/admin/training/sessionrequest/{request.pk}/change/" in for_lead.text_body
