"""Declining a suggested match, leaving a programme and signing up again, cancelled matches
emailed to both, pairs that did not go ahead never suggested again, and a mentor with several
mentees seeing them all."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from edi_portal.models import OutboundEmail
from mentoring import matching, services
from mentoring.models import Decline, Match, SignUp
from tests.factories import UserFactory

from .factories import MentorFactory, ProgrammeFactory, SignUpFactory
from .helpers import STAFF_PERMISSIONS, mentoring_staff

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def confirm(programme, mentor, mentee):
    return services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)


def suggested_pairs(programme):
    return {(s.mentor.pk, s.mentee.pk) for s in services.suggestions(programme=programme)}


@pytest.fixture
def pair():
    programme = ProgrammeFactory(name="IMG buddies")
    mentor = MentorFactory(programme=programme, full_name="Dr Mentor Person", capacity=1)
    mentee = SignUpFactory(programme=programme, full_name="Dr Mentee Person")
    return programme, mentor, mentee


def test_a_mentee_declines_with_a_reason_only_staff_read_and_the_pair_is_never_suggested(pair):
    programme, mentor, mentee = pair
    assert suggested_pairs(programme) == {(mentor.pk, mentee.pk)}
    match = confirm(programme, mentor, mentee)
    client = signed_in(mentee.user)
    url = match.get_url_for(mentee)
    assert "Waiting for you to accept or decline" in client.get(url).text
    response = client.post(f"{url}decline/", {"reason": "We worked together; a<b"}, follow=True)
    assert "You have declined this match." in response.text
    assert "Waiting for you to accept" not in response.text
    assert "You declined this match" in response.text
    match.refresh_from_db()
    assert match.status == Match.Status.DECLINED
    assert Decline.objects.get().reason == "We worked together; a<b"
    # Both are told it will not go ahead; nobody's email carries the reason.
    told = OutboundEmail.objects.filter(template="mentoring/match_cancelled")
    assert sorted(told.values_list("to", flat=True)) == sorted([mentor.email, mentee.email])
    assert not any("worked together" in email.text_body for email in OutboundEmail.objects.all())
    # The mentor's page says it will not go ahead, not who declined or why.
    mentor_page = signed_in(mentor.user).get(match.get_url_for(mentor)).text
    assert "This match will not go ahead" in mentor_page and "worked together" not in mentor_page
    assert "Accept this match" not in mentor_page
    # Never suggested again, even when both are free; staff cannot confirm it either.
    assert suggested_pairs(programme) == set()
    with pytest.raises(services.SignUpError, match="did not go ahead"):
        confirm(programme, mentor, mentee)
    # Declining twice, or after the other declined, is refused kindly.
    again = client.post(f"{url}decline/", {"reason": ""}, follow=True)
    assert again.status_code == 200 and Decline.objects.count() == 1


def test_staff_read_the_decline_reason_on_the_match(pair):
    programme, mentor, mentee = pair
    match = confirm(programme, mentor, mentee)
    services.decline_match(match_id=match.pk, sign_up_id=mentor.pk, reason="Too busy this term")
    staff = signed_in(mentoring_staff(*STAFF_PERMISSIONS))
    assert "Too busy this term" in staff.get(f"/admin/mentoring/match/{match.pk}/change/").text


def test_a_cancelled_or_failed_pair_is_never_suggested_again(pair):
    programme, mentor, mentee = pair
    match = confirm(programme, mentor, mentee)
    assert services.cancel_matches(match_ids=[match.pk]) == 1
    told = OutboundEmail.objects.filter(template="mentoring/match_cancelled")
    assert sorted(told.values_list("to", flat=True)) == sorted([mentor.email, mentee.email])
    other_mentor = MentorFactory(programme=programme, capacity=1)
    assert suggested_pairs(programme) == {(other_mentor.pk, mentee.pk)}

    # "Not working", then ended: the mentee, signed up again, is never paired with them again.
    failed = confirm(programme, other_mentor, mentee)
    services.report_not_working(match=failed, sign_up=mentee, details="We never meet.")
    services.withdraw(sign_up_id=mentee.pk)
    again = SignUpFactory(programme=programme, user=mentee.user, email=mentee.email)
    assert suggested_pairs(programme) == set()
    third = MentorFactory(programme=programme)
    assert suggested_pairs(programme) == {(third.pk, again.pk)}


def test_the_matcher_and_the_rules_agree_on_remembered_pairs(pair):
    programme, mentor, mentee = pair
    services.decline_match(
        match_id=confirm(programme, mentor, mentee).pk, sign_up_id=mentee.pk, reason=""
    )
    mentors = [mentor, MentorFactory(programme=programme)]
    mentees = [mentee, SignUpFactory(programme=programme)]
    remembered = services.remembered_pairs(programme=programme)
    allowed, _points = matching.pair_matrices(programme, mentors, mentees, {}, remembered)
    for row, one_mentee in enumerate(mentees):
        for column, one_mentor in enumerate(mentors):
            rule = matching.not_allowed(
                programme, one_mentor, one_mentee, remembered_pairs=remembered
            )
            assert allowed[row, column] == (rule is None)
    assert not allowed[0, 0] and allowed[1, 0]


def test_withdraw_cancels_the_match_and_they_can_sign_up_again_for_a_later_intake(pair):
    programme, mentor, mentee = pair
    match = confirm(programme, mentor, mentee)
    services.accept_match(match_id=match.pk, sign_up_id=mentor.pk)
    client = signed_in(mentee.user)
    assert "Leave this programme" in client.get(programme.get_absolute_url()).text
    response = client.post(f"/mentoring/{programme.slug}/leave/", follow=True)
    assert f"You have left {programme.name}" in response.text
    mentee.refresh_from_db()
    match.refresh_from_db()
    assert mentee.withdrawn_at is not None and match.status == Match.Status.CANCELLED
    assert OutboundEmail.objects.filter(template="mentoring/match_cancelled").count() == 2
    # The programme opens again for a later intake: they sign up again.
    programme.sign_up_opens_on = timezone.localdate() + timedelta(days=60)
    programme.sign_up_closes_on = timezone.localdate() + timedelta(days=90)
    programme.save()
    page = client.get(programme.get_absolute_url()).text
    assert "You can sign up again when it next opens" in page
    programme.sign_up_opens_on = timezone.localdate()
    programme.save()
    page = client.get(programme.get_absolute_url()).text
    assert "Sign up to this programme" in page
    again = services.sign_up(
        programme=programme,
        user=mentee.user,
        answers={
            "full_name": "Dr Mentee Person",
            "role": "mentee",
            "grade": "registrar",
            "specialty": "medicine",
            "area": "greater_manchester",
            "topics": ["exams"],
        },
    )
    assert SignUp.objects.filter(user=mentee.user).count() == 2
    assert SignUp.objects.filter(user=mentee.user).active().get() == again
    with pytest.raises(services.SignUpError):
        services.sign_up(programme=programme, user=mentee.user, answers={"role": "mentee"})


def test_a_mentor_with_two_mentees_sees_both_on_your_network():
    programme = ProgrammeFactory()
    mentor = MentorFactory(programme=programme, capacity=2, full_name="Dr Mentor Person")
    first = SignUpFactory(programme=programme, full_name="Dr First Mentee")
    second = SignUpFactory(programme=programme, full_name="Dr Second Mentee")
    for mentee in (first, second):
        match = confirm(programme, mentor, mentee)
        for sign_up in (mentor, mentee):
            services.accept_match(match_id=match.pk, sign_up_id=sign_up.pk)
    page = signed_in(mentor.user).get("/your-network/").text
    assert "Dr First Mentee" in page and "Dr Second Mentee" in page
    assert page.count("See this match") == 2


def test_introductions_keep_abbreviations_in_capitals():
    programme = ProgrammeFactory()
    mentor = MentorFactory(programme=programme, grade="consultant")
    mentee = SignUpFactory(programme=programme, grade="core", user=UserFactory())
    confirm(programme, mentor, mentee)
    to_mentee = OutboundEmail.objects.get(to=mentee.email, template="mentoring/introduction")
    assert "a consultant or GP in " in to_mentee.text_body
    to_mentor = OutboundEmail.objects.get(to=mentor.email, template="mentoring/introduction")
    assert "(CT1 to CT2, ST1 to ST2)" in to_mentor.text_body
    assert services.in_sentence("Specialty registrar (ST3 and above)") == (
        "specialty registrar (ST3 and above)"
    )


def test_the_unmatched_reason_says_places_ran_out_when_they_did(pair):
    programme, mentor, mentee = pair
    late = SignUpFactory(programme=programme, full_name="Dr Late Mentee")
    staff = signed_in(mentoring_staff(*STAFF_PERMISSIONS))
    page = staff.get(f"/admin/mentoring/programme/{programme.pk}/matching/").text
    assert "Places ran out" in page
    assert "No mentor with a place left fits the rules" not in page
    assert late.pk
