"""Suggested pairs for a programme: a transparent score per pair, and the best assignment over
the whole cohort at once.

Each possible pair (a mentor and a mentee) is first checked against the rules; a pair the rules
forbid is never suggested. An allowed pair scores points for what its two people said they want,
each with a reason staff can read. The assignment that suggests the most allowed pairs, and among
those the highest total score, is found by scipy's linear_sum_assignment (the Hungarian method
family) over a matrix with one row per mentee and one column per free mentor place, so a mentor
with capacity for two takes up to two mentees. People are ordered by sign-up id before solving,
so the same sign-ups always give the same suggestions.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from .models import SENIOR_GRADES, Kind, MeetingMode, Preference, Topic

TOPIC_POINTS = 3
PREFERENCE_POINTS = 2
MEETING_POINTS = 1
SHARED_POINTS = 2
# Any allowed pair outweighs every difference in score between pairs, so the suggestion matches
# as many people as the rules allow before it looks at how good each pair is.
ALLOWED_WEIGHT = 1_000_000


@dataclass(frozen=True)
class Suggestion:
    mentor: object
    mentee: object
    score: int
    reasons: tuple


def not_allowed(programme, mentor, mentee):
    """Why the rules forbid this pair, or None when they allow it."""
    if mentor.user_id is not None and mentor.user_id == mentee.user_id:
        return "The same person"
    if mentor.employer and mentor.employer.strip().lower() == mentee.employer.strip().lower():
        return "The same employer"
    if programme.kind == Kind.RECIPROCAL and (
        mentor.grade not in SENIOR_GRADES or mentee.grade in SENIOR_GRADES
    ):
        return "A reciprocal pair is one senior leader and one trainee"
    for sign_up, role in ((mentor, "mentor"), (mentee, "mentee")):
        allowed = programme.grades_for(role)
        if allowed and sign_up.grade not in allowed:
            return "A grade the programme does not take in that role"
    return None


def _preference(points, reasons, wishes, same, what):
    """Points for one preference (specialty, area), from both people's wishes."""
    stated = [wish for wish in wishes if wish != Preference.ANY]
    met = sum((wish == Preference.SAME) == same for wish in stated)
    missed = len(stated) - met
    fact = f"{'Same' if same else 'Different'} {what}"
    who = {1: "one of them", 2: "both"}
    if met:
        points += PREFERENCE_POINTS * met
        reasons.append(f"{fact}, as {who[met]} asked")
    if missed:
        points -= PREFERENCE_POINTS * missed
        reasons.append(f"{fact}, not as {who[missed]} asked")
    return points


def score(mentor, mentee, *, shared=frozenset()):
    """(points, reasons) for an allowed pair. `shared`: the characteristics both chose to share
    for matching and have in common; the reason never names them."""
    points, reasons = 0, []
    topics = [code for code in Topic.values if code in mentor.topics and code in mentee.topics]
    if topics:
        points += TOPIC_POINTS * len(topics)
        labels = "; ".join(Topic(code).label for code in topics)
        reasons.append(f"Both want to talk about: {labels}")
    points = _preference(
        points,
        reasons,
        (mentor.specialty_preference, mentee.specialty_preference),
        mentor.specialty == mentee.specialty,
        "specialty",
    )
    points = _preference(
        points,
        reasons,
        (mentor.area_preference, mentee.area_preference),
        mentor.area == mentee.area,
        "area",
    )
    modes = {mentor.meeting_mode, mentee.meeting_mode} - {MeetingMode.EITHER}
    if len(modes) > 1:
        points -= MEETING_POINTS
        reasons.append("One would like to meet online, the other in person")
    else:
        points += MEETING_POINTS
        reasons.append("They can meet the way both would like")
    if shared:
        points += SHARED_POINTS
        reasons.append("Something in common that both chose to share for matching")
    return points, tuple(reasons)


def suggest(programme, mentors, mentees, *, free_places, shared):
    """The suggested pairs, best first; mentees and mentors left over are not in any.

    mentors, mentees: sign-ups still to be matched. free_places: {mentor id: places left}.
    shared: {sign-up id: frozenset of characteristics shared for matching}.
    """
    mentors = sorted(mentors, key=lambda sign_up: sign_up.pk)
    mentees = sorted(mentees, key=lambda sign_up: sign_up.pk)
    slot_mentor = np.array(
        [index for index, mentor in enumerate(mentors) for _ in range(free_places[mentor.pk])],
        dtype=int,
    )
    if not len(slot_mentor) or not mentees:
        return []
    per_mentor = np.zeros((len(mentees), len(mentors)))
    allowed = np.zeros((len(mentees), len(mentors)), dtype=bool)
    for row, mentee in enumerate(mentees):
        mentee_shared = shared.get(mentee.pk, frozenset())
        for column, mentor in enumerate(mentors):
            if not_allowed(programme, mentor, mentee):
                continue
            common = mentee_shared & shared.get(mentor.pk, frozenset())
            allowed[row, column] = True
            per_mentor[row, column] = ALLOWED_WEIGHT + score(mentor, mentee, shared=common)[0]
    rows, slots = linear_sum_assignment(per_mentor[:, slot_mentor], maximize=True)
    suggestions = []
    for row, slot in zip(rows, slots, strict=True):
        column = slot_mentor[slot]
        if not allowed[row, column]:
            continue
        mentor, mentee = mentors[column], mentees[row]
        common = shared.get(mentee.pk, frozenset()) & shared.get(mentor.pk, frozenset())
        points, reasons = score(mentor, mentee, shared=common)
        suggestions.append(Suggestion(mentor, mentee, points, reasons))
    suggestions.sort(key=lambda s: (-s.score, s.mentee.pk))
    return suggestions
