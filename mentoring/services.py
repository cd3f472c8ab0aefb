"""Mentoring actions: each one keyword-only function, used by views, admin actions and tasks."""

import hashlib
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from edi_portal.services import send_email

from . import matching
from .models import (
    CheckIn,
    Decline,
    EndFeedback,
    Kind,
    Match,
    NotWorkingReport,
    Role,
    SharedCharacteristics,
    SignUp,
)

# Matches that hold a mentor's place and a mentee: cancelled and declined ones do not.
LIVE_STATUSES = [Match.Status.CONFIRMED, Match.Status.ACTIVE, Match.Status.ENDED]
# Matches that can still be declined, cancelled or left.
GOING_STATUSES = [Match.Status.CONFIRMED, Match.Status.ACTIVE]
# Pairs that did not go ahead: never suggested again in the programme.
NOT_GONE_AHEAD = [Match.Status.DECLINED, Match.Status.CANCELLED]


class SignUpError(Exception):
    """An action the programme's rules do not allow; the message is for the person."""


def sign_up(*, programme, user, answers, characteristics=()):
    """Record a sign-up (and, apart from it, anything shared for matching); acknowledge it."""
    if not programme.is_open():
        raise SignUpError("Sign-up to this programme has closed. Your answers were not sent.")
    try:
        with transaction.atomic():
            record = SignUp.objects.create(
                programme=programme, user=user, email=user.email, **answers
            )
    except IntegrityError:
        raise SignUpError("You have already signed up to this programme.") from None
    if characteristics:
        SharedCharacteristics.objects.create(sign_up=record, characteristics=list(characteristics))
    send_email(
        to=record.email,
        template="mentoring/sign_up_received",
        context={
            "name": record.full_name,
            "programme": programme.name,
            "role": programme.role_label(record.role),
        },
        idempotency_key=f"mentoring-sign-up-{record.pk}",
        about=record,
    )
    return record


def places(programme, mentor):
    """How many people a mentor may have at once: one in a reciprocal pair."""
    return 1 if programme.kind == Kind.RECIPROCAL else mentor.capacity


def unmatched(*, programme):
    """{"mentors": mentors with places left, each with .free_places; "mentees": mentees with
    no live match}, in sign-up order (three queries)."""
    sign_ups = list(programme.sign_ups.active().filter(completed_at__isnull=True).order_by("pk"))
    live = Match.objects.filter(programme=programme, status__in=LIVE_STATUSES)
    matched_mentees = set(live.values_list("mentee_id", flat=True))
    taken = Counter(live.values_list("mentor_id", flat=True))
    mentors = []
    for sign_up in sign_ups:
        if sign_up.role == Role.MENTOR:
            sign_up.free_places = max(places(programme, sign_up) - taken[sign_up.pk], 0)
            if sign_up.free_places:
                mentors.append(sign_up)
    mentees = [s for s in sign_ups if s.role == Role.MENTEE and s.pk not in matched_mentees]
    return {"mentors": mentors, "mentees": mentees}


def remembered_pairs(*, programme):
    """Pairs (of matching.person_keys) that did not go ahead in the programme: declined,
    cancelled, or reported as not working. By sign-up and by account, so someone who withdrew
    and signed up again is never suggested with the same person (one query)."""
    rows = (
        Match.objects.filter(programme=programme)
        .filter(Q(status__in=NOT_GONE_AHEAD) | Q(not_working_reports__isnull=False))
        .values_list("mentor_id", "mentee_id", "mentor__user_id", "mentee__user_id")
        .distinct()
    )
    pairs = set()
    for mentor_id, mentee_id, mentor_user_id, mentee_user_id in rows:
        pairs.add((("sign_up", mentor_id), ("sign_up", mentee_id)))
        if mentor_user_id is not None and mentee_user_id is not None:
            pairs.add((("user", mentor_user_id), ("user", mentee_user_id)))
    return frozenset(pairs)


def _shared_in(programme):
    return {
        sign_up_id: frozenset(characteristics)
        for sign_up_id, characteristics in SharedCharacteristics.objects.filter(
            sign_up__programme=programme
        ).values_list("sign_up_id", "characteristics")
    }


def suggestions(*, programme):
    """Suggested pairs for everyone in the programme not yet matched (five queries)."""
    waiting = unmatched(programme=programme)
    return matching.suggest(
        programme,
        waiting["mentors"],
        waiting["mentees"],
        free_places={mentor.pk: mentor.free_places for mentor in waiting["mentors"]},
        shared=_shared_in(programme),
        remembered_pairs=remembered_pairs(programme=programme),
    )


def why_unsuggested(*, programme, mentees, mentors):
    """{mentee id: why no pair was suggested}: places ran out when a mentor with a place left
    fits the rules but the best assignment gave their places to others."""
    pairs = remembered_pairs(programme=programme)
    reasons = {}
    for mentee in mentees:
        fits = any(
            matching.not_allowed(programme, mentor, mentee, remembered_pairs=pairs) is None
            for mentor in mentors
        )
        reasons[mentee.pk] = (
            "Places ran out: the mentors who fit the rules are suggested for other people."
            if fits
            else "No mentor with a place left fits the rules."
        )
    return reasons


def choices_for(*, sign_up, count=3):
    """A mentee's best `count` mentors with places left, for a programme where mentees choose
    (matching.best_for); none once they have a live match."""
    programme = sign_up.programme
    if Match.objects.filter(mentee=sign_up, status__in=LIVE_STATUSES).exists():
        return []
    mentors = unmatched(programme=programme)["mentors"]
    return matching.best_for(
        programme,
        sign_up,
        mentors,
        shared=_shared_in(programme),
        remembered_pairs=remembered_pairs(programme=programme),
        count=count,
    )


def choose_mentor(*, sign_up, mentor_id):
    """A mentee picks one of their best mentors (choices_for): the pair is confirmed as staff
    would confirm it (rules and places checked again under a lock on the mentor's sign-up, so
    two mentees choosing at once never take a mentor past their places), and the mentee has
    accepted it by choosing."""
    programme = sign_up.programme
    if not programme.mentees_choose or sign_up.role != Role.MENTEE:
        raise SignUpError("In this programme the mentoring team makes the matches.")
    if mentor_id not in {choice.mentor.pk for choice in choices_for(sign_up=sign_up)}:
        raise SignUpError("That mentor has no place left. Choose another.")
    return confirm_match(
        programme=programme, mentor_id=mentor_id, mentee_id=sign_up.pk, chosen_by_mentee=True
    )


def confirm_match(*, programme, mentor_id, mentee_id, confirmed_by=None, chosen_by_mentee=False):
    """Confirm a pair (suggested, or chosen by staff instead) and email both an introduction.
    A mentee who chose the mentor has accepted by choosing: their introduction asks nothing of
    them.

    The rules are checked again under a lock on the mentor's sign-up, so two staff confirming at
    once never take a mentor past their capacity."""
    with transaction.atomic():
        mentor = (
            SignUp.objects.select_for_update()
            .filter(programme=programme, pk=mentor_id, role=Role.MENTOR)
            .active()
            .first()
        )
        mentee = (
            SignUp.objects.select_for_update()
            .filter(programme=programme, pk=mentee_id, role=Role.MENTEE)
            .active()
            .first()
        )
        if mentor is None or mentee is None:
            raise SignUpError("Choose a mentor and a mentee who signed up to this programme.")
        reason = matching.not_allowed(
            programme, mentor, mentee, remembered_pairs=remembered_pairs(programme=programme)
        )
        if reason:
            raise SignUpError(f"{mentee.full_name} and {mentor.full_name}: {reason.lower()}.")
        live = Match.objects.filter(status__in=LIVE_STATUSES)
        if live.filter(mentor=mentor).count() >= places(programme, mentor):
            raise SignUpError(f"{mentor.full_name} has no places left.")
        if live.filter(mentee=mentee).exists():
            raise SignUpError(f"{mentee.full_name} is already matched.")
        shared = {
            row.sign_up_id: set(row.characteristics)
            for row in SharedCharacteristics.objects.filter(sign_up__in=[mentor, mentee])
        }
        common = frozenset(shared.get(mentor.pk, set()) & shared.get(mentee.pk, set()))
        points, reasons = matching.score(mentor, mentee, shared=common)
        match = Match.objects.create(
            programme=programme,
            mentor=mentor,
            mentee=mentee,
            score=points,
            reasons=list(reasons),
            confirmed_by=confirmed_by,
            mentee_accepted_at=timezone.now() if chosen_by_mentee else None,
        )
        for sign_up in (mentor, mentee):
            other = match.other(sign_up)
            send_email(
                to=sign_up.email,
                template="mentoring/introduction",
                context={
                    "name": sign_up.full_name,
                    "chose": chosen_by_mentee and sign_up == mentee,
                    "programme": programme.name,
                    "other_role": in_sentence(programme.role_label(match.side_of(other))),
                    "other": other,
                    "other_grade": in_sentence(other.get_grade_display()),
                    "other_specialty": in_sentence(other.get_specialty_display()),
                    "topics": "; ".join(
                        label for label in other.topic_labels() if label in sign_up.topic_labels()
                    ),
                    "match_url": match.get_url_for(sign_up),
                },
                idempotency_key=f"mentoring-introduction-{match.pk}-{sign_up.pk}",
                about=match,
            )
    return match


def accept_match(*, match_id, sign_up_id):
    """One side accepts; once both have, the match starts and both get each other's details."""
    with transaction.atomic():
        match = (
            Match.objects.select_for_update()
            .select_related("programme", "mentor", "mentee")
            .get(pk=match_id)
        )
        if match.status != Match.Status.CONFIRMED:
            return match
        field = "mentor_accepted_at" if sign_up_id == match.mentor_id else "mentee_accepted_at"
        if getattr(match, field) is None:
            setattr(match, field, timezone.now())
        if match.mentor_accepted_at and match.mentee_accepted_at:
            match.status = Match.Status.ACTIVE
            match.started_on = timezone.localdate()
            schedule_check_ins(match=match)
            for sign_up in (match.mentor, match.mentee):
                send_email(
                    to=sign_up.email,
                    template="mentoring/contact_details",
                    context={
                        "name": sign_up.full_name,
                        "programme": match.programme.name,
                        "other": match.other(sign_up),
                        "match_url": match.get_url_for(sign_up),
                    },
                    idempotency_key=f"mentoring-contact-{match.pk}-{sign_up.pk}",
                    about=match,
                )
        match.save()
    return match


def schedule_check_ins(*, match):
    """The first check-in for each side, one interval after the match starts."""
    due_on = match.started_on + timedelta(days=match.programme.check_in_every_days)
    for sign_up_id in (match.mentor_id, match.mentee_id):
        CheckIn.objects.get_or_create(match=match, sign_up_id=sign_up_id, due_on=due_on)


def in_sentence(label):
    """A label for the middle of a sentence: words in lower case, except abbreviations such as
    GP, ST3, CT1 or (SAS), which keep their capitals."""

    def word(text):
        letters = [c for c in text if c.isalpha()]
        keep = any(c.isdigit() for c in text) or sum(c.isupper() for c in letters) > 1
        return text if keep else text.lower()

    return " ".join(word(text) for text in label.split(" "))


def _tell_both_not_going_ahead(match):
    """Both people hear that the match is not going ahead: never who ended it or why."""
    for sign_up in (match.mentor, match.mentee):
        send_email(
            to=sign_up.email,
            template="mentoring/match_cancelled",
            context={
                "name": sign_up.full_name,
                "programme": match.programme.name,
                "still_signed_up": sign_up.withdrawn_at is None,
                "team_email": settings.MENTORING_TEAM_EMAIL,
            },
            idempotency_key=f"mentoring-cancelled-{match.pk}-{sign_up.pk}",
            about=match,
        )


def _locked_going_match(match_id):
    return (
        Match.objects.select_for_update(of=("self",))
        .select_related("programme", "mentor", "mentee")
        .filter(pk=match_id, status__in=GOING_STATUSES)
        .first()
    )


def cancel_matches(*, match_ids):
    """Staff cancel matches that are not yet over: both people are emailed (no reason) and may
    be matched again, never with each other in this programme. Returns the count."""
    cancelled = 0
    for match_id in match_ids:
        with transaction.atomic():
            match = _locked_going_match(match_id)
            if match is None:
                continue
            match.status = Match.Status.CANCELLED
            match.cancelled_at = timezone.now()
            match.save(update_fields=["status", "cancelled_at"])
            _tell_both_not_going_ahead(match)
            cancelled += 1
    return cancelled


def decline_match(*, match_id, sign_up_id, reason=""):
    """One side declines a suggested match (before it starts). The reason is kept for the
    mentoring team only; both people are told it will not go ahead, without it, and the pair is
    never suggested again in the programme."""
    with transaction.atomic():
        match = _locked_going_match(match_id)
        if match is None or match.status != Match.Status.CONFIRMED:
            raise SignUpError("This match can no longer be declined.")
        if sign_up_id not in (match.mentor_id, match.mentee_id):
            raise SignUpError("This match can no longer be declined.")
        match.status = Match.Status.DECLINED
        match.cancelled_at = timezone.now()
        match.save(update_fields=["status", "cancelled_at"])
        Decline.objects.create(match=match, sign_up_id=sign_up_id, reason=reason.strip())
        _tell_both_not_going_ahead(match)
    return match


def withdraw(*, sign_up_id):
    """A person leaves a programme: their sign-up is withdrawn (they may sign up again for a
    later intake) and a match waiting to be accepted or going on is cancelled, both people told
    (the other person is not told why). Returns the sign-up."""
    with transaction.atomic():
        record = SignUp.objects.select_for_update().get(pk=sign_up_id)
        if record.withdrawn_at is not None:
            return record
        record.withdrawn_at = timezone.now()
        record.save(update_fields=["withdrawn_at"])
        going = Match.objects.filter(
            Q(mentor=record) | Q(mentee=record), status__in=GOING_STATUSES
        ).values_list("pk", flat=True)
        for match_id in list(going):
            match = _locked_going_match(match_id)
            if match is None:  # ended or cancelled meanwhile
                continue
            match.status = Match.Status.CANCELLED
            match.cancelled_at = timezone.now()
            match.save(update_fields=["status", "cancelled_at"])
            _tell_both_not_going_ahead(match)
    return record


def send_check_in_reminders(*, today=None):
    """Email each person whose check-in is due, once (the row records the reminder, and the
    outbox key is per check-in, so running this twice sends nothing more). Returns the count."""
    today = today or timezone.localdate()
    sent = 0
    due = CheckIn.objects.filter(
        due_on__lte=today,
        reminded_at__isnull=True,
        answered_at__isnull=True,
        match__status=Match.Status.ACTIVE,
    ).values_list("pk", flat=True)
    for check_in_id in list(due):
        with transaction.atomic():
            check_in = (
                CheckIn.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("match__programme", "sign_up")
                .filter(pk=check_in_id, reminded_at__isnull=True)
                .first()
            )
            if check_in is None:
                continue
            check_in.reminded_at = timezone.now()
            check_in.save(update_fields=["reminded_at"])
            match, sign_up = check_in.match, check_in.sign_up
            send_email(
                to=sign_up.email,
                template="mentoring/check_in_reminder",
                context={
                    "name": sign_up.full_name,
                    "programme": match.programme.name,
                    "check_in_url": match.get_url_for(sign_up) + "check-in/",
                },
                idempotency_key=f"mentoring-check-in-{check_in.pk}",
                about=check_in,
            )
            sent += 1
    return sent


def due_check_in(*, match, sign_up, today=None):
    today = today or timezone.localdate()
    return (
        CheckIn.objects.filter(
            match=match, sign_up=sign_up, due_on__lte=today, answered_at__isnull=True
        )
        .order_by("due_on")
        .first()
    )


def record_check_in(*, check_in_id, met, rating, note):
    """Record a check-in answer and set the next one, one interval later, while the match lasts."""
    with transaction.atomic():
        check_in = (
            CheckIn.objects.select_for_update(of=("self",))
            .select_related("match__programme")
            .get(pk=check_in_id)
        )
        if check_in.answered_at is not None:
            raise SignUpError("You have already answered this check-in.")
        check_in.met, check_in.rating, check_in.note = met, rating, note
        check_in.answered_at = timezone.now()
        check_in.save()
        if check_in.match.status == Match.Status.ACTIVE:
            interval = timedelta(days=check_in.match.programme.check_in_every_days)
            CheckIn.objects.get_or_create(
                match=check_in.match,
                sign_up_id=check_in.sign_up_id,
                due_on=max(check_in.due_on, timezone.localdate()) + interval,
            )
    return check_in


def report_not_working(*, match, sign_up, details):
    """ "This is not working": recorded for staff, who are told there is a report (no details,
    no names); the other person is not told."""
    with transaction.atomic():
        report = NotWorkingReport.objects.create(match=match, sign_up=sign_up, details=details)
        send_email(
            to=settings.MENTORING_TEAM_EMAIL,
            template="mentoring/not_working_for_staff",
            context={
                "programme": match.programme.name,
                "admin_url": reverse("admin:mentoring_notworkingreport_change", args=[report.pk]),
            },
            idempotency_key=f"mentoring-not-working-{report.pk}",
            about=report,
        )
    return report


def end_matches(*, match_ids):
    """Staff end active matches; both people are asked for feedback. Returns the count."""
    ended = 0
    for match_id in match_ids:
        with transaction.atomic():
            match = (
                Match.objects.select_for_update(of=("self",))
                .select_related("programme", "mentor", "mentee")
                .filter(pk=match_id, status=Match.Status.ACTIVE)
                .first()
            )
            if match is None:
                continue
            match.status = Match.Status.ENDED
            match.ended_on = timezone.localdate()
            match.save(update_fields=["status", "ended_on"])
            for sign_up in (match.mentor, match.mentee):
                send_email(
                    to=sign_up.email,
                    template="mentoring/feedback_request",
                    context={
                        "name": sign_up.full_name,
                        "programme": match.programme.name,
                        "feedback_url": match.get_url_for(sign_up) + "feedback/",
                    },
                    idempotency_key=f"mentoring-feedback-request-{match.pk}-{sign_up.pk}",
                    about=match,
                )
            ended += 1
    return ended


def record_feedback(*, match, sign_up, rating, comments):
    """End-of-programme feedback, once; the sign-up is then complete (and has a certificate)."""
    if match.status != Match.Status.ENDED:
        raise SignUpError("You can give feedback once your match has ended.")
    with transaction.atomic():
        try:
            with transaction.atomic():
                feedback = EndFeedback.objects.create(
                    sign_up=sign_up, rating=rating, comments=comments
                )
        except IntegrityError:
            raise SignUpError("You have already given feedback. Thank you.") from None
        SignUp.objects.filter(pk=sign_up.pk).update(completed_at=timezone.now())
    return feedback


@transaction.atomic
def delete_old_sign_ups(*, now):
    """Delete sign-ups that ended more than MENTORING_RETENTION_DAYS ago, with what was shared
    for matching, their matches, check-ins, reports, feedback and emails (the retention task).

    A sign-up has ended when nothing has happened to it since the cutoff (made, withdrawn,
    completed, a match of it ended) and it has no match that is waiting to be accepted or
    active. Returns how many sign-ups went."""
    cutoff = now - timedelta(days=settings.MENTORING_RETENTION_DAYS)
    still_going = Match.objects.filter(
        Q(mentor=OuterRef("pk")) | Q(mentee=OuterRef("pk")),
        Q(status__in=[Match.Status.CONFIRMED, Match.Status.ACTIVE])
        | Q(ended_on__gte=timezone.localdate(cutoff)),
    )
    ended = (
        SignUp.objects.filter(created_at__lt=cutoff)
        .exclude(withdrawn_at__gte=cutoff)
        .exclude(completed_at__gte=cutoff)
        .exclude(Exists(still_going))
    )
    _, per_model = ended.delete()
    return per_model.get("mentoring.SignUp", 0)


# A check-in still unanswered this many days after it was due is "missed" on the programme page.
MISSED_CHECK_IN_DAYS = 14
# A last check-in score at or below this is a "low score" alert.
LOW_SCORE = 2


def match_progress(*, programme, today=None):
    """Every match in the programme with how it is going, for the staff programme page and its
    CSV (a fixed number of queries, however many matches): check_ins_done, last_rating,
    last_met, not_met (a check-in said they had not met), not_working (an unhandled report),
    missed (a check-in unanswered MISSED_CHECK_IN_DAYS after it was due), and alerts, the
    reasons an active match needs a look. Never what anyone shared for matching."""
    today = today or timezone.localdate()
    answered = CheckIn.objects.filter(match=OuterRef("pk"), answered_at__isnull=False)
    last = answered.order_by("-answered_at", "-pk")
    matches = list(
        Match.objects.filter(programme=programme)
        .select_related("mentor", "mentee")
        .annotate(
            check_ins_done=Coalesce(
                Subquery(
                    answered.values("match").annotate(done=Count("pk")).values("done"),
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
            last_rating=Subquery(last.values("rating")[:1]),
            last_met=Subquery(last.values("met")[:1]),
            not_met=Exists(answered.filter(met=False)),
            not_working=Exists(
                NotWorkingReport.objects.filter(match=OuterRef("pk"), handled_at__isnull=True)
            ),
            missed=Exists(
                CheckIn.objects.filter(
                    match=OuterRef("pk"),
                    answered_at__isnull=True,
                    due_on__lte=today - timedelta(days=MISSED_CHECK_IN_DAYS),
                )
            ),
        )
        .order_by("status", "-confirmed_at", "pk")
    )
    for match in matches:
        match.alerts = []
        if match.status != Match.Status.ACTIVE:
            continue
        if match.last_rating is not None and match.last_rating <= LOW_SCORE:
            match.alerts.append(f"Low score at the last check-in ({match.last_rating} of 5)")
        if match.missed:
            match.alerts.append("A check-in was missed")
        if match.not_working:
            match.alerts.append("Someone says it is not working")
        if match.last_met is False:
            match.alerts.append("They had not met at the last check-in")
    return matches


def participants(*, programme_ids):
    """The people taking part in these programmes now (not withdrawn, not finished), one per
    address."""
    return (
        SignUp.objects.filter(programme_id__in=programme_ids, completed_at__isnull=True)
        .active()
        .order_by("email", "pk")
        .distinct("email")
    )


def message_participants(*, programme_ids, subject, message):
    """Staff email everyone taking part in the programmes, through the outbox. The message may
    use Markdown (sanitised with nh3 in the HTML part, as every staff-written text is). Sending
    the same message again the same day sends nothing more. Returns how many were emailed."""
    fingerprint = hashlib.sha256(f"{subject}\n{message}".encode()).hexdigest()[:16]
    day = timezone.localdate().isoformat()
    sent = 0
    with transaction.atomic():
        for record in participants(programme_ids=programme_ids).select_related("programme"):
            send_email(
                to=record.email,
                template="mentoring/programme_message",
                context={
                    "subject": subject,
                    "name": record.full_name,
                    "programme": record.programme.name,
                    "message": mark_safe(message),  # noqa: S308  (Markdown, sanitised by nh3)
                },
                idempotency_key=f"mentoring-message-{fingerprint}-{day}-{record.pk}",
                about=record,
            )
            sent += 1
    return sent
