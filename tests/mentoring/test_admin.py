"""Mentoring in admin: matches only through the matching page (the programme's rules, both
acceptances, the introductions), programmes with valid dates and grades from the list, and the
messages staff and participants see, once each and in words that fit."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from edi_portal.models import OutboundEmail
from mentoring import services
from mentoring.matching import SHARED_REASON
from mentoring.models import Match, Programme, SharedCharacteristics, SignUp
from tests.factories import UserFactory, give_authenticator

from .factories import MentorFactory, ProgrammeFactory, SignUpFactory
from .helpers import STAFF_PERMISSIONS, mentoring_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(mentoring_staff(*STAFF_PERMISSIONS, "delete_programme", "add_programme"))
    return client


@pytest.fixture
def same_employer(client):
    """A mentor and a mentee at the same employer, and a mentee in another programme."""
    programme = ProgrammeFactory()
    mentor = MentorFactory(programme=programme, employer="Alder Hey")
    mentee = SignUpFactory(programme=programme, employer="Alder Hey")
    elsewhere = SignUpFactory(programme=ProgrammeFactory(), employer="Salford Royal")
    return programme, mentor, mentee, elsewhere


def test_a_match_cannot_be_typed_into_admin(staff_client, same_employer):
    programme, mentor, mentee, elsewhere = same_employer
    superuser = UserFactory(is_staff=True, is_superuser=True)
    give_authenticator(superuser)
    staff_client.force_login(superuser)
    breaking_the_rules = {
        "programme": programme.pk,
        "mentor": mentor.pk,
        "mentee": elsewhere.pk,
        "status": "active",
        "confirmed_at_0": "01/03/2026",
        "confirmed_at_1": "09:00:00",
    }

    assert staff_client.get("/admin/mentoring/match/add/").status_code == 403
    assert staff_client.post("/admin/mentoring/match/add/", breaking_the_rules).status_code == 403

    # The matching page refuses the same employer, through the service.
    response = staff_client.post(
        f"/admin/mentoring/programme/{programme.pk}/matching/",
        {f"mentee-{mentee.pk}": str(mentor.pk)},
        follow=True,
    )
    assert "same employer" in response.content.decode()
    assert not Match.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_a_match_is_read_only_in_admin(staff_client):
    programme = ProgrammeFactory()
    match = services.confirm_match(
        programme=programme,
        mentor_id=MentorFactory(programme=programme).pk,
        mentee_id=SignUpFactory(programme=programme).pk,
    )
    url = f"/admin/mentoring/match/{match.pk}/change/"
    page = staff_client.get(url)
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    staff_client.post(url, {"status": "active"})
    match.refresh_from_db()
    assert match.status == Match.Status.CONFIRMED
    assert match.mentor_accepted_at is None and match.mentee_accepted_at is None


def test_sign_ups_are_read_only_in_admin(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    give_authenticator(superuser)
    client.force_login(superuser)
    record = SignUpFactory(employer="Alder Hey")
    every_field = {
        "programme": record.programme.pk,
        "full_name": record.full_name,
        "email": record.email,
        "role": record.role,
        "grade": record.grade,
        "specialty": record.specialty,
        "area": record.area,
        "employer": "[Verify](https://evil.example)",
        "topics": '["leadership"]',
        "specialty_preference": "any",
        "area_preference": "any",
        "meeting_mode": "either",
        "capacity": "1",
        "hopes": "",
        "shared_characteristics-TOTAL_FORMS": "0",
        "shared_characteristics-INITIAL_FORMS": "0",
    }
    client.post(f"/admin/mentoring/signup/{record.pk}/change/", every_field)
    client.post("/admin/mentoring/signup/add/", {**every_field, "employer": "Salford Royal"})
    assert list(SignUp.objects.values_list("employer", flat=True)) == ["Alder Hey"]


def test_the_matching_page_says_what_happened_in_plain_words(staff_client):
    programme = ProgrammeFactory()
    mentor = MentorFactory(programme=programme, employer="Alder Hey")
    mentee = SignUpFactory(programme=programme, employer="Salford Royal")
    url = f"/admin/mentoring/programme/{programme.pk}/matching/"

    nothing = staff_client.post(url, {f"mentee-{mentee.pk}": ""}, follow=True).content.decode()
    assert "No pairs were chosen, so nobody was matched." in nothing
    assert "Confirmed 0" not in nothing

    one = staff_client.post(url, {f"mentee-{mentee.pk}": str(mentor.pk)}, follow=True)
    html = one.content.decode()
    assert html.count("Confirmed 1 pair. Both people in each pair are emailed") == 1
    assert Match.objects.count() == 1


def test_the_shared_characteristic_reason_is_only_for_staff_who_may_see_it(client):
    programme = ProgrammeFactory()
    mentor = MentorFactory(programme=programme, employer="Alder Hey")
    mentee = SignUpFactory(programme=programme, employer="Salford Royal")
    for person in (mentor, mentee):
        SharedCharacteristics.objects.create(sign_up=person, characteristics=["img"])
    staff = mentoring_staff(*STAFF_PERMISSIONS)
    client.force_login(staff)
    matching = f"/admin/mentoring/programme/{programme.pk}/matching/"
    assert SHARED_REASON not in client.get(matching).content.decode()
    client.post(matching, {f"mentee-{mentee.pk}": str(mentor.pk)})
    match = Match.objects.get()
    assert SHARED_REASON in match.reasons
    assert (
        SHARED_REASON
        not in client.get(f"/admin/mentoring/match/{match.pk}/change/").content.decode()
    )

    staff.user_permissions.add(Permission.objects.get(codename="view_sharedcharacteristics"))
    client.force_login(type(staff).objects.get(pk=staff.pk))
    assert (
        SHARED_REASON in client.get(f"/admin/mentoring/match/{match.pk}/change/").content.decode()
    )


def programme_form(programme, **changes):
    data = {
        "name": programme.name,
        "slug": programme.slug,
        "kind": programme.kind,
        "workstream": "",
        "summary": programme.summary,
        "description": programme.description,
        "who_may_mentor": programme.who_may_mentor,
        "who_may_be_mentored": programme.who_may_be_mentored,
        "sign_up_opens_on": "2026-09-01",
        "sign_up_closes_on": "2026-09-30",
        "expected_length": "6 months",
        "meeting_frequency": "Once a month",
        "check_in_every_days": "30",
        "is_published": "on",
    }
    data.update(changes)
    return data


def test_sign_up_cannot_close_before_it_opens(staff_client):
    programme = ProgrammeFactory()
    url = f"/admin/mentoring/programme/{programme.pk}/change/"
    response = staff_client.post(
        url,
        programme_form(programme, sign_up_opens_on="2026-10-01", sign_up_closes_on="2026-09-01"),
    )
    assert response.status_code == 200
    assert "Sign-up must close on or after the day it opens." in response.content.decode()
    assert staff_client.post(url, programme_form(programme)).status_code == 302


def test_grade_rules_are_chosen_from_the_grade_list(staff_client):
    programme = ProgrammeFactory()
    url = f"/admin/mentoring/programme/{programme.pk}/change/"
    page = staff_client.get(url).content.decode()
    assert 'type="checkbox" name="mentor_grades" value="consultant"' in page

    refused = staff_client.post(url, programme_form(programme, mentor_grades=["st9"]))
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()

    chosen = programme_form(programme, mentor_grades=["consultant", "educator"])
    assert staff_client.post(url, chosen).status_code == 302
    programme.refresh_from_db()
    assert programme.mentor_grades == ["consultant", "educator"]
    assert programme.mentee_grades == []

    programme.mentee_grades = ["registrar", "ST9"]  # as if typed in, or sent by a script
    with pytest.raises(ValidationError) as error:
        programme.clean()
    assert error.value.message_dict == {"mentee_grades": ["Choose grades from the list."]}


def test_a_programme_people_signed_up_to_is_never_deleted(staff_client):
    empty = ProgrammeFactory()
    taken = ProgrammeFactory()
    SignUpFactory(programme=taken)
    assert staff_client.get(f"/admin/mentoring/programme/{taken.pk}/delete/").status_code == 403
    assert staff_client.post(f"/admin/mentoring/programme/{taken.pk}/delete/", {"post": "yes"})
    assert Programme.objects.filter(pk=taken.pk).exists()
    staff_client.post(f"/admin/mentoring/programme/{empty.pk}/delete/", {"post": "yes"})
    assert not Programme.objects.filter(pk=empty.pk).exists()


def test_a_participant_sees_each_message_once(client):
    programme = ProgrammeFactory()
    match = services.confirm_match(
        programme=programme,
        mentor_id=MentorFactory(programme=programme).pk,
        mentee_id=SignUpFactory(programme=programme).pk,
    )
    html = client.post(match.get_url_for(match.mentee), follow=True).content.decode()
    assert html.count("You have accepted this match.") == 1

    # A message waiting to be shown appears once on the programme page too.
    client.post(match.get_url_for(match.mentor))
    page = client.get(f"/mentoring/{programme.slug}/").content.decode()
    assert page.count("You have accepted this match.") == 1
