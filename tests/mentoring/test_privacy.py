"""What people share for matching: stored apart, seen only with its own permission, never in the
changelist, the reports' CSVs or any email, and gone with the sign-up."""

import pytest

from accounts.personal_data import Person, erase
from edi_portal.models import OutboundEmail
from mentoring import services
from mentoring.models import SharedCharacteristics
from tests.reports.conftest import grant

from .factories import MentorFactory, SignUpFactory
from .helpers import STAFF_PERMISSIONS, mentoring_staff

pytestmark = pytest.mark.django_db

LABEL = "Lesbian, gay, bisexual, trans or queer"


@pytest.fixture
def shared():
    mentee = SignUpFactory(full_name="Dr Sharing Person")
    SharedCharacteristics.objects.create(sign_up=mentee, characteristics=["lgbtq"])
    mentor = MentorFactory(programme=mentee.programme)
    SharedCharacteristics.objects.create(sign_up=mentor, characteristics=["lgbtq"])
    return mentee, mentor


def test_only_their_own_permission_shows_them_and_never_in_the_list(client, shared):
    mentee, _mentor = shared
    client.force_login(mentoring_staff(*STAFF_PERMISSIONS))
    assert LABEL not in client.get("/admin/mentoring/signup/").content.decode()
    change = f"/admin/mentoring/signup/{mentee.pk}/change/"
    assert LABEL not in client.get(change).content.decode()
    assert client.get("/admin/mentoring/sharedcharacteristics/").status_code == 404
    allowed = mentoring_staff(*STAFF_PERMISSIONS, "view_sharedcharacteristics")
    client.force_login(allowed)
    assert LABEL in client.get(change).content.decode()
    assert LABEL not in client.get("/admin/mentoring/signup/").content.decode()
    matching = client.get(f"/admin/mentoring/programme/{mentee.programme_id}/matching/")
    assert "Something in common that both chose to share" in matching.content.decode()
    assert LABEL not in matching.content.decode()


def test_never_in_emails_or_report_csvs(client, shared):
    mentee, mentor = shared
    match = services.confirm_match(
        programme=mentee.programme, mentor_id=mentor.pk, mentee_id=mentee.pk
    )
    for sign_up in (mentor, mentee):
        services.accept_match(match_id=match.pk, sign_up_id=sign_up.pk)
    assert OutboundEmail.objects.count() == 4
    for email in OutboundEmail.objects.all():
        assert "lgbtq" not in email.text_body and LABEL not in email.html_body
        assert "Something in common" not in email.text_body
    client.force_login(grant(mentoring_staff(), "reports.view_reports"))
    for slug in ["sign-ups", "matched", "active", "completed", "scores"]:
        response = client.get(f"/reports/csv/mentoring-{slug}/", {"year": "2026-27"})
        body = b"".join(response.streaming_content).decode()
        assert LABEL not in body and "lgbtq" not in body


def test_deleted_with_the_sign_up_and_erased_with_the_person(shared):
    mentee, mentor = shared
    mentor.delete()
    assert SharedCharacteristics.objects.count() == 1
    erase(Person.for_user(mentee.user))
    assert not SharedCharacteristics.objects.exists()
    mentee.refresh_from_db()
    assert mentee.full_name == "Erased" and mentee.user is None
