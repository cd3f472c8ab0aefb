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


def person_keys(sign_up):
    """What identifies a person across their sign-ups to one programme: the sign-up, and the
    account (someone who withdrew and signed up again is the same person)."""
    keys = [("sign_up", sign_up.pk)]
    if sign_up.user_id is not None:
        keys.append(("user", sign_up.user_id))
    return keys


def remembered(mentor, mentee, pairs):
    """Whether this pair was matched before in the programme and it did not go ahead."""
    return any(
        (mentor_key, mentee_key) in pairs
        for mentor_key in person_keys(mentor)
        for mentee_key in person_keys(mentee)
    )


NOT_AGAIN = "Matched before in this programme, and it did not go ahead"


def not_allowed(programme, mentor, mentee, *, remembered_pairs=frozenset()):
    """Why the rules forbid this pair, or None when they allow it. remembered_pairs: pairs of
    person_keys() that were declined, cancelled or reported as not working."""
    if remembered(mentor, mentee, remembered_pairs):
        return NOT_AGAIN
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


# Shown only to staff allowed to see shared characteristics (reasons_for).
SHARED_REASON = "Something in common that both chose to share for matching"
SEE_SHARED_PERMISSION = "mentoring.view_sharedcharacteristics"


def reasons_for(user, reasons):
    """A pair's reasons as `user` may read them: without the shared-characteristic one unless
    they may see what people shared."""
    if user.has_perm(SEE_SHARED_PERMISSION):
        return list(reasons)
    return [reason for reason in reasons if reason != SHARED_REASON]


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
        reasons.append(SHARED_REASON)
    return points, tuple(reasons)


def pair_matrices(programme, mentors, mentees, shared, remembered_pairs=frozenset()):
    """(allowed, points) for every pair at once, rows mentees and columns mentors: the same rules
    as not_allowed() and the same points as score(), computed with arrays so that a cohort of
    hundreds is scored in milliseconds (tests check the two agree)."""

    def column(people, value):
        return np.array([value(person) for person in people])

    def flags(people, values, chosen):
        return np.array([[value in chosen(person) for value in values] for person in people])

    def same(value):
        return column(mentees, value)[:, None] == column(mentors, value)[None, :]

    # A missing account or employer never equals anyone's: each gets its own placeholder.
    users = same(lambda p: p.user_id if p.user_id is not None else f"none-{id(p)}")
    employers = same(lambda p: p.employer.strip().lower() or f"none-{id(p)}")
    allowed = ~users & ~employers
    if programme.kind == Kind.RECIPROCAL:
        allowed &= column(mentors, lambda p: p.grade in SENIOR_GRADES)[None, :]
        allowed &= ~column(mentees, lambda p: p.grade in SENIOR_GRADES)[:, None]
    for people, role, axis in ((mentors, "mentor", 0), (mentees, "mentee", 1)):
        grades = programme.grades_for(role)
        if grades:
            fits = column(people, lambda p, grades=grades: p.grade in grades)
            allowed &= np.expand_dims(fits, axis)
    if remembered_pairs:
        mentor_at = {key: i for i, p in enumerate(mentors) for key in person_keys(p)}
        mentee_at = {key: i for i, p in enumerate(mentees) for key in person_keys(p)}
        for mentor_key, mentee_key in remembered_pairs:
            if mentor_key in mentor_at and mentee_key in mentee_at:
                allowed[mentee_at[mentee_key], mentor_at[mentor_key]] = False

    topics = flags(mentees, Topic.values, lambda p: p.topics).astype(int)
    points = TOPIC_POINTS * (topics @ flags(mentors, Topic.values, lambda p: p.topics).T)
    wish = {Preference.SAME: 1, Preference.DIFFERENT: -1, Preference.ANY: 0}
    for field, preference in (("specialty", "specialty_preference"), ("area", "area_preference")):
        # +PREFERENCE_POINTS for each wish met, minus as much for each wish not met.
        sign = 2 * same(lambda p, field=field: getattr(p, field)) - 1
        wishes = (
            column(mentees, lambda p, f=preference: wish[getattr(p, f)])[:, None]
            + column(mentors, lambda p, f=preference: wish[getattr(p, f)])[None, :]
        )
        points += PREFERENCE_POINTS * wishes * sign
    modes = same(lambda p: p.meeting_mode)
    flexible = (
        column(mentees, lambda p: p.meeting_mode == MeetingMode.EITHER)[:, None]
        | column(mentors, lambda p: p.meeting_mode == MeetingMode.EITHER)[None, :]
    )
    points += np.where(modes | flexible, MEETING_POINTS, -MEETING_POINTS)
    if shared:
        values = sorted(set().union(*shared.values()))

        def shared_flags(people):
            return flags(people, values, lambda p: shared.get(p.pk, ())).astype(int)

        points += SHARED_POINTS * ((shared_flags(mentees) @ shared_flags(mentors).T) > 0)
    return allowed, points


def suggest(programme, mentors, mentees, *, free_places, shared, remembered_pairs=frozenset()):
    """The suggested pairs, best first; mentees and mentors left over are not in any.

    mentors, mentees: sign-ups still to be matched. free_places: {mentor id: places left}.
    shared: {sign-up id: frozenset of characteristics shared for matching}. remembered_pairs:
    pairs that did not go ahead before (see not_allowed), never suggested again.
    """
    mentors = sorted(mentors, key=lambda sign_up: sign_up.pk)
    mentees = sorted(mentees, key=lambda sign_up: sign_up.pk)
    slot_mentor = np.array(
        [index for index, mentor in enumerate(mentors) for _ in range(free_places[mentor.pk])],
        dtype=int,
    )
    if not len(slot_mentor) or not mentees:
        return []
    allowed, points = pair_matrices(programme, mentors, mentees, shared, remembered_pairs)
    weights = np.where(allowed, ALLOWED_WEIGHT + points, 0)
    rows, slots = linear_sum_assignment(weights[:, slot_mentor], maximize=True)
    suggestions = []
    for row, slot in zip(rows, slots, strict=True):
        column = slot_mentor[slot]
        if not allowed[row, column]:
            continue
        mentor, mentee = mentors[column], mentees[row]
        common = shared.get(mentee.pk, frozenset()) & shared.get(mentor.pk, frozenset())
        points_for_pair, reasons = score(mentor, mentee, shared=common)
        suggestions.append(Suggestion(mentor, mentee, points_for_pair, reasons))
    suggestions.sort(key=lambda s: (-s.score, s.mentee.pk))
    return suggestions


def best_for(programme, mentee, mentors, *, shared, remembered_pairs=frozenset(), count=3):
    """A mentee's `count` best allowed mentors (Suggestions, best first, ties by sign-up order),
    for a programme where mentees choose."""
    mentors = sorted(mentors, key=lambda sign_up: sign_up.pk)
    if not mentors:
        return []
    allowed, points = pair_matrices(programme, mentors, [mentee], shared, remembered_pairs)
    ranked = sorted(
        (column for column in range(len(mentors)) if allowed[0, column]),
        key=lambda column: (-points[0, column], mentors[column].pk),
    )
    best = []
    for column in ranked[:count]:
        mentor = mentors[column]
        common = shared.get(mentee.pk, frozenset()) & shared.get(mentor.pk, frozenset())
        points_for_pair, reasons = score(mentor, mentee, shared=common)
        best.append(Suggestion(mentor, mentee, points_for_pair, reasons))
    return best
