"""Where a programme lets mentees choose: their best few mentors with the reasons (never that
they share a characteristic), one picked, within the rules and places, never overfilled."""

import threading

import pytest
from django.db import connection
from django.test import Client

from edi_portal.models import OutboundEmail
from mentoring import services
from mentoring.matching import SHARED_REASON
from mentoring.models import Match, SharedCharacteristics

from .factories import MentorFactory, ProgrammeFactory, SignUpFactory


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_mentee_sees_their_best_mentors_with_reasons_and_picks_one():
    programme = ProgrammeFactory(mentees_choose=True)
    mentee = SignUpFactory(programme=programme, topics=["exams", "leadership"])
    best = MentorFactory(programme=programme, topics=["exams", "leadership"], capacity=1)
    MentorFactory(programme=programme, topics=["exams"])
    MentorFactory(programme=programme, topics=[])
    MentorFactory(programme=programme, topics=[])
    same_employer = MentorFactory(programme=programme, employer="Trust A")
    mentee.employer = "Trust A"
    mentee.save()
    for sign_up in (mentee, best):
        SharedCharacteristics.objects.create(sign_up=sign_up, characteristics=["img"])
    choices = services.choices_for(sign_up=mentee)
    assert len(choices) == 3 and choices[0].mentor == best
    assert same_employer not in [choice.mentor for choice in choices]
    client = signed_in(mentee.user)
    page = client.get(f"/mentoring/{programme.slug}/choose/").text
    assert "Both want to talk about: Leadership; Exams" in page
    assert SHARED_REASON not in page and best.full_name not in page
    response = client.post(f"/mentoring/{programme.slug}/choose/", {"mentor": best.pk}, follow=True)
    assert "We have asked your mentor to accept" in response.text
    match = Match.objects.get()
    assert (match.mentor, match.mentee) == (best, mentee)
    assert match.mentee_accepted_at is not None and match.mentor_accepted_at is None
    assert OutboundEmail.objects.filter(to=best.email, template="mentoring/introduction").exists()
    # The mentee accepted by choosing: their introduction says so and asks nothing more.
    to_mentee = OutboundEmail.objects.get(to=mentee.email, template="mentoring/introduction")
    assert to_mentee.subject == f"You chose a mentor in {programme.name}"
    assert "We have asked your mentor to accept" in to_mentee.text_body
    assert "accept this match" not in to_mentee.text_body
    # Chosen once: no more choices, and a second pick is refused.
    assert services.choices_for(sign_up=mentee) == []
    again = client.post(f"/mentoring/{programme.slug}/choose/", {"mentor": best.pk}, follow=True)
    assert Match.objects.count() == 1 and again.status_code == 200


@pytest.mark.django_db
def test_only_where_the_programme_lets_mentees_choose_and_only_their_choices():
    programme = ProgrammeFactory(mentees_choose=False)
    mentee = SignUpFactory(programme=programme)
    mentor = MentorFactory(programme=programme)
    client = signed_in(mentee.user)
    assert client.get(f"/mentoring/{programme.slug}/choose/").status_code == 302
    with pytest.raises(services.SignUpError):
        services.choose_mentor(sign_up=mentee, mentor_id=mentor.pk)
    choosing = ProgrammeFactory(mentees_choose=True)
    chooser = SignUpFactory(programme=choosing)
    # A mentor of another programme, or a bad value, is never taken.
    for value in (mentor.pk, "x", ""):
        response = client.post(f"/mentoring/{choosing.slug}/choose/", {"mentor": value})
        assert response.status_code in (200, 302)
    assert not Match.objects.filter(mentee=chooser).exists()


@pytest.mark.django_db(transaction=True)
def test_two_mentees_choosing_the_last_place_at_once_never_overfill_it():
    programme = ProgrammeFactory(mentees_choose=True)
    mentor = MentorFactory(programme=programme, capacity=1)
    mentees = [SignUpFactory(programme=programme) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def choose(mentee):
        try:
            barrier.wait()
            services.choose_mentor(sign_up=mentee, mentor_id=mentor.pk)
            outcomes.append("matched")
        except services.SignUpError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=choose, args=(mentee,)) for mentee in mentees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["matched", "refused"]
    assert Match.objects.filter(mentor=mentor).count() == 1
