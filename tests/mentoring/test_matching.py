"""Matching: the rules always hold, the reasons are shown, the result is reproducible."""

import os
import random
import time

import pytest

from mentoring import matching, services
from mentoring.models import Kind, Match, Role, SharedCharacteristics, SignUp

from .factories import MentorFactory, ProgrammeFactory, SignUpFactory

pytestmark = pytest.mark.django_db


def build(programme, mentees, mentors, *, seed=1):
    """Sign-ups with varied answers, without the database (for the large cohort)."""
    rng = random.Random(seed)
    people = []
    for index in range(mentees + mentors):
        is_mentor = index >= mentees
        people.append(
            SignUp(
                pk=index + 1,
                programme=programme,
                role=Role.MENTOR if is_mentor else Role.MENTEE,
                grade=rng.choice(["consultant", "educator"]) if is_mentor else "registrar",
                specialty=rng.choice(["medicine", "surgery", "psychiatry", "paediatrics"]),
                area=rng.choice(["greater_manchester", "cheshire_merseyside"]),
                employer=rng.choice(["Trust A", "Trust B", "Trust C", ""]),
                topics=rng.sample(["exams", "leadership", "racism", "ltft", "parenthood"], 2),
                specialty_preference=rng.choice(["same", "different", "any"]),
                area_preference=rng.choice(["same", "different", "any"]),
                meeting_mode=rng.choice(["online", "in_person", "either"]),
                capacity=rng.randint(1, 4) if is_mentor else 1,
            )
        )
    return people[:mentees], people[mentees:]


def solve(programme, mentees, mentors):
    free = {mentor.pk: services.places(programme, mentor) for mentor in mentors}
    return matching.suggest(programme, mentors, mentees, free_places=free, shared={})


def test_capacity_is_never_exceeded_and_every_pair_is_allowed():
    programme = ProgrammeFactory()
    mentees, mentors = build(programme, 60, 15)
    suggestions = solve(programme, mentees, mentors)
    per_mentor = {}
    for suggestion in suggestions:
        per_mentor[suggestion.mentor.pk] = per_mentor.get(suggestion.mentor.pk, 0) + 1
        assert matching.not_allowed(programme, suggestion.mentor, suggestion.mentee) is None
    for mentor in mentors:
        assert per_mentor.get(mentor.pk, 0) <= mentor.capacity
    assert len({s.mentee.pk for s in suggestions}) == len(suggestions)


def test_the_reciprocal_rule_one_senior_leader_and_one_trainee_each_once():
    programme = ProgrammeFactory(kind=Kind.RECIPROCAL)
    mentees, mentors = build(programme, 20, 10)
    mentors[0].grade = "registrar"  # not a senior leader: never paired
    mentees[0].grade = "consultant"  # a senior leader cannot be the trainee
    suggestions = solve(programme, mentees, mentors)
    assert suggestions
    seen_mentors = [s.mentor.pk for s in suggestions]
    assert len(seen_mentors) == len(set(seen_mentors))  # one pair per senior leader
    for suggestion in suggestions:
        assert suggestion.mentor.grade in {"consultant", "educator"}
        assert suggestion.mentee.grade not in {"consultant", "educator"}


def test_same_input_gives_the_same_result_whatever_the_order():
    programme = ProgrammeFactory()
    mentees, mentors = build(programme, 40, 12, seed=7)
    first = [(s.mentor.pk, s.mentee.pk, s.score) for s in solve(programme, mentees, mentors)]
    shuffled_mentees, shuffled_mentors = mentees[::-1], mentors[::-1]
    again = solve(programme, shuffled_mentees, shuffled_mentors)
    assert [(s.mentor.pk, s.mentee.pk, s.score) for s in again] == first


def test_the_same_employer_is_never_paired_and_the_reasons_say_why_a_pair_fits():
    programme = ProgrammeFactory()
    mentor = MentorFactory(programme=programme, employer="Trust A", capacity=1)
    MentorFactory(
        programme=programme,
        employer="Trust B",
        capacity=1,
        topics=["exams"],
        specialty="surgery",
        specialty_preference="same",
    )
    mentee = SignUpFactory(
        programme=programme, employer="trust a", topics=["exams"], specialty="surgery"
    )
    SharedCharacteristics.objects.create(sign_up=mentee, characteristics=["img"])
    SharedCharacteristics.objects.create(
        sign_up=SignUp.objects.get(employer="Trust B"), characteristics=["img"]
    )
    [suggestion] = services.suggestions(programme=programme)
    assert suggestion.mentor.employer == "Trust B" and suggestion.mentor != mentor
    assert "Both want to talk about: Exams" in suggestion.reasons
    assert "Same specialty, as one of them asked" in suggestion.reasons
    assert "Something in common that both chose to share for matching" in suggestion.reasons
    assert not any("International" in reason for reason in suggestion.reasons)


def test_confirming_checks_capacity_again_and_emails_both():
    programme = ProgrammeFactory()
    mentor = MentorFactory(programme=programme, capacity=1)
    first, second = SignUpFactory.create_batch(2, programme=programme)
    match = services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=first.pk)
    assert match.emails.count() == 2
    with pytest.raises(services.SignUpError, match="no places left"):
        services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=second.pk)
    assert Match.objects.count() == 1
    assert services.suggestions(programme=programme) == []


@pytest.mark.skipif(not os.environ.get("MENTORING_BENCHMARK"), reason="benchmark")
def test_benchmark_500_mentees_and_200_mentors():
    programme = ProgrammeFactory()
    mentees, mentors = build(programme, 500, 200, seed=3)
    started = time.perf_counter()
    suggestions = solve(programme, mentees, mentors)
    elapsed = time.perf_counter() - started
    print(f"\n500 mentees x 200 mentors: {len(suggestions)} pairs in {elapsed:.2f} s")


@pytest.mark.parametrize("kind", [Kind.ONE_WAY, Kind.RECIPROCAL, Kind.BUDDY])
def test_the_cohort_matrices_agree_with_the_rules_and_reasons_pair_by_pair(kind):
    programme = ProgrammeFactory(kind=kind, mentee_grades=["registrar", "fy2"])
    mentees, mentors = build(programme, 25, 10, seed=11)
    mentees[0].grade = "fy1"  # a grade the programme does not take
    mentors[1].user_id = mentees[1].user_id = 99  # the same person on both sides
    shared = {mentees[2].pk: frozenset({"img"}), mentors[2].pk: frozenset({"img", "carer"})}
    allowed, points = matching.pair_matrices(programme, mentors, mentees, shared)
    for row, mentee in enumerate(mentees):
        for column, mentor in enumerate(mentors):
            rule = matching.not_allowed(programme, mentor, mentee)
            assert allowed[row, column] == (rule is None), (mentee.pk, mentor.pk, rule)
            common = shared.get(mentee.pk, frozenset()) & shared.get(mentor.pk, frozenset())
            assert points[row, column] == matching.score(mentor, mentee, shared=common)[0]
