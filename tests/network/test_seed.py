import io

import pytest
from django.core.management import call_command

from edi_portal.models import OutboundEmail
from network.models import Application, Cohort, Membership

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_an_open_cohort_and_applications_in_every_state():
    for _ in range(2):
        call_command("seed_demo", stdout=io.StringIO())
    cohort, is_open = Cohort.for_applications()
    assert is_open
    statuses = set(Application.objects.filter(cohort=cohort).values_list("status", flat=True))
    assert statuses == set(Application.Status.values)
    assert Application.objects.count() == 9
    assert Membership.objects.count() == Application.objects.filter(status="accepted").count()
    assert all(a.workstreams.exists() for a in Application.objects.all())
    assert not OutboundEmail.objects.exists()


def test_seed_demo_publishes_you_said_we_did_themes_once(client):
    for _ in range(2):
        call_command("seed_demo", stdout=io.StringIO())
    html = client.get("/concerns/you-said-we-did/").content.decode()
    assert html.count("Timely investigation and communications") == 1
    assert 'rel="noopener noreferrer">how to escalate a concern</a>' in html
