"""A withdrawn or declined applicant applies again to the same cohort; staff see both."""

import pytest

from network import services
from network.models import Application
from tests.factories import WorkstreamFactory

from .factories import CohortFactory
from .journey import ABOUT_YOU, complete_application
from .test_admin import staff_client

pytestmark = pytest.mark.django_db


def apply(client, workstream):
    complete_application(client, workstream)
    client.post("/join/check/")
    return Application.objects.filter(email=ABOUT_YOU["email"]).latest("submitted_at")


@pytest.mark.parametrize("ending", ["withdraw", "decline"])
def test_apply_again_after_withdrawing_or_being_declined(client, ending):
    CohortFactory()
    workstream = WorkstreamFactory()
    first = apply(client, workstream)
    if ending == "withdraw":
        client.post(services.status_url(first) + "withdraw/")
    else:
        services.decline(application=first, by=None)
    first.refresh_from_db()
    assert first.status in Application.UNSUCCESSFUL
    status_page = client.get(services.status_url(first)).content.decode()
    assert 'href="/join/">apply again</a>' in status_page

    second = apply(client, workstream)
    assert second.pk != first.pk
    assert second.status == Application.Status.SUBMITTED
    # A third attempt while the second is active keeps one active application.
    assert apply(client, workstream) == second
    assert Application.objects.count() == 2

    admin, _ = staff_client(client, permissions=["view_application"])
    page = admin.get(f"/admin/network/application/{second.pk}/change/").content.decode()
    assert first.reference in page
    assert f"{first.cohort}, {first.get_status_display().lower()}" in page


def test_an_active_application_cannot_be_duplicated(client):
    CohortFactory()
    workstream = WorkstreamFactory()
    first = apply(client, workstream)
    assert apply(client, workstream) == first
    assert Application.objects.count() == 1
