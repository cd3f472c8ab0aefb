"""Training bookings: every action that changes several rows or sends email.

Capacity is enforced by locking the session row (SELECT ... FOR NO KEY UPDATE) for the rest of
the transaction that counts its confirmed bookings and writes the new one, so concurrent
bookings for one session queue up behind each other and never overbook; a booking renders its
email before it takes the lock, so the queue moves quickly. Every email goes through the outbox
with an idempotency key, so a retried request or a task run twice sends nothing twice.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from edi_portal.addresses import normalise
from edi_portal.identity import account_with_verified_address
from edi_portal.services import enqueue_email, prepare_email, send_email
from network.accounts import is_network_member, is_verified_trainee

from .ics import booking_calendar
from .models import (
    ONE_BOOKING_PER_ADDRESS,
    Booking,
    Course,
    FacilitatorOffer,
    Feedback,
    Session,
    SessionFacilitator,
    SessionRequest,
)
from .record import RECORD_LINK_DAYS, record_link_token

# Members of this group (with an email address) hear about every new session request.
TRAINING_LEADS_GROUP = "Training leads"
# Feedback requests go out only for sessions that ended within this time, so switching the task
# on (or restoring an old database) does not email people about sessions long past.
FEEDBACK_REQUEST_WINDOW = timedelta(days=14)


class BookingError(Exception):
    """A booking action the rules do not allow; the message is for the person."""


def _lock_session(session_id):
    # FOR NO KEY UPDATE: it excludes every other locker of the session, yet not the key-share
    # lock that writing a booking takes on its session, so book_place can write its booking
    # before it takes this lock without two bookings deadlocking.
    return (
        Session.objects.select_related("course")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=session_id)
    )


def _confirmed_count(session):
    return session.bookings.filter(status=Booking.Status.CONFIRMED).count()


def _booking_context(booking):
    return {
        "booking": booking,
        "session": booking.session,
        "course": booking.session.course,
        "manage_url": f"{settings.SITE_URL}{booking.get_manage_url()}",
    }


def _prepare_booking_email(booking, template, key, *, calendar=None):
    return prepare_email(
        to=booking.email,
        template=f"training/{template}",
        context=_booking_context(booking),
        idempotency_key=f"training-{key}:{booking.pk}",
        about=booking,
        attachments=[calendar] if calendar else [],
    )


def _send_booking_email(booking, template, key, *, calendar=None):
    enqueue_email(**_prepare_booking_email(booking, template, key, calendar=calendar))


DUPLICATE_BOOKING = (
    "This email address already has a place or is on the waiting list for this session. "
    "Use the link in your confirmation email to manage it."
)


def book_place(
    *,
    session_id,
    name,
    email,
    role,
    organisation,
    department="",
    access_requirements="",
    educator_role="",
    leadership_organisation_type="",
    leadership_organisation="",
    consent,
    now=None,
):
    """Book a place, or a place on the waiting list when the session is full.

    Raises BookingError when the session cannot take bookings or the email address already has
    an active booking on it. The booking joins the account that has verified the address. Emails
    the confirmation (with an .ics) or the waiting-list notice.

    The session's row lock is held only to decide between a place and the waiting list: the
    booking is written (on the waiting list) and both possible emails rendered before it is
    taken, so under the lock are only the count, the decision and the outbox row. The booking
    and its email still commit together.
    """
    if not consent:
        raise BookingError("You need to agree to us using your details to book a place.")
    email = email.strip().lower()
    now = now or timezone.now()
    session = Session.objects.select_related("course").get(pk=session_id)
    problem = session.booking_problem(now)
    if problem:
        raise BookingError(problem)
    if session.bookings.exclude(status=Booking.Status.CANCELLED).filter(email=email).exists():
        raise BookingError(DUPLICATE_BOOKING)
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                session=session,
                name=name.strip(),
                email=email,
                role=role,
                organisation=organisation.strip(),
                department=department.strip(),
                access_requirements=access_requirements.strip(),
                educator_role=educator_role,
                leadership_organisation_type=leadership_organisation_type,
                leadership_organisation=leadership_organisation.strip(),
                consent=True,
                user=account_with_verified_address(email),
                status=Booking.Status.WAITING,
            )
            email_for = {
                True: _prepare_booking_email(
                    booking, "booking_confirmed", "confirmed", calendar=booking_calendar(booking)
                ),
                False: _prepare_booking_email(booking, "waiting_list_joined", "waiting"),
            }
            session = _lock_session(session_id)
            problem = session.booking_problem(now)
            if problem:
                raise BookingError(problem)
            has_place = _confirmed_count(session) < session.capacity
            if has_place:
                booking.status = Booking.Status.CONFIRMED
                booking.confirmed_at = now
                booking.save(update_fields=["status", "confirmed_at"])
            enqueue_email(**email_for[has_place])
    except IntegrityError as error:
        # The same address booked at the same moment: the database's unique constraint decides.
        # Any other integrity error is a fault, not something the person did.
        if ONE_BOOKING_PER_ADDRESS not in str(error):
            raise
        raise BookingError(DUPLICATE_BOOKING) from error
    return booking


def cancel_booking(*, booking_id, now=None):
    """Cancel a place (freeing it for the first person waiting) or leave the waiting list.

    Returns the booking. Cancelling twice changes nothing the second time.
    """
    with transaction.atomic():
        session_id = Booking.objects.values_list("session_id", flat=True).get(pk=booking_id)
        session = _lock_session(session_id)
        booking = Booking.objects.select_for_update().get(pk=booking_id)
        booking.session = session
        if booking.status == Booking.Status.CANCELLED:
            return booking
        if session.has_started(now):
            raise BookingError("This session has already started, so the booking cannot change.")
        was_confirmed = booking.is_confirmed
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now or timezone.now()
        booking.save(update_fields=["status", "cancelled_at"])
        if was_confirmed:
            _send_booking_email(
                booking,
                "booking_cancelled",
                "cancelled",
                calendar=booking_calendar(booking, cancelled=True),
            )
            _promote(session, now=now)
        else:
            _send_booking_email(booking, "waiting_list_left", "left-waiting-list")
    return booking


def promote_from_waiting_list(*, session_id, now=None):
    """Give free places to the people waiting longest, and email them. Returns those promoted.

    Runs after a cancellation and when admins raise a session's capacity; a periodic task also
    runs it for every upcoming session, so a place is never left free while someone waits.
    """
    with transaction.atomic():
        return _promote(_lock_session(session_id), now=now)


def _promote(session, *, now=None):
    """Promote within the caller's transaction, which holds the session's row lock."""
    now = now or timezone.now()
    if session.is_cancelled or session.has_started(now):
        return []
    free = session.capacity - _confirmed_count(session)
    if free <= 0:
        return []
    promoted = list(
        session.bookings.select_for_update()
        .filter(status=Booking.Status.WAITING)
        .order_by("created_at", "pk")[:free]
    )
    for booking in promoted:
        booking.session = session
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
        booking.save(update_fields=["status", "confirmed_at"])
        _send_booking_email(booking, "promoted", "promoted", calendar=booking_calendar(booking))
    return promoted


def promote_waiting_lists(*, now=None):
    """promote_from_waiting_list for every upcoming session with people waiting."""
    session_ids = (
        Session.objects.upcoming(now)
        .filter(bookings__status=Booking.Status.WAITING)
        .values_list("pk", flat=True)
        .distinct()
    )
    return sum(len(promote_from_waiting_list(session_id=pk, now=now)) for pk in session_ids)


def cancel_session(*, session_id, now=None):
    """Cancel a session and email everyone with a place or on its waiting list, once each."""
    with transaction.atomic():
        session = _lock_session(session_id)
        if not session.is_cancelled:
            session.status = Session.Status.CANCELLED
            session.cancelled_at = now or timezone.now()
            session.save(update_fields=["status", "cancelled_at"])
        bookings = session.bookings.filter(
            status__in=[Booking.Status.CONFIRMED, Booking.Status.WAITING]
        )
        for booking in bookings:
            booking.session = session
            calendar = booking_calendar(booking, cancelled=True) if booking.is_confirmed else None
            _send_booking_email(
                booking, "session_cancelled", "session-cancelled", calendar=calendar
            )
    return session


def tell_attendees_details_changed(*, session_id):
    """After staff change when or where a session is, email everyone booked or waiting, once.

    Raises the session's calendar SEQUENCE, so the updated calendar sent to each confirmed
    attendee replaces the event they hold (same UID). People waiting are told too, with no
    calendar: they have no place yet. Returns how many people were emailed.
    """
    with transaction.atomic():
        session = _lock_session(session_id)
        if session.is_cancelled or session.has_started():
            return 0
        session.calendar_sequence += 1
        session.save(update_fields=["calendar_sequence"])
        bookings = list(
            session.bookings.filter(status__in=[Booking.Status.CONFIRMED, Booking.Status.WAITING])
        )
        for booking in bookings:
            booking.session = session
            _send_booking_email(
                booking,
                "session_changed",
                f"session-changed-{session.calendar_sequence}",
                calendar=booking_calendar(booking) if booking.is_confirmed else None,
            )
    return len(bookings)


def record_attendance(*, booking_ids, attendance):
    """The register: mark confirmed bookings attended or no-show. Returns how many changed."""
    return Booking.objects.filter(pk__in=booking_ids, status=Booking.Status.CONFIRMED).update(
        attendance=attendance
    )


def send_reminders(*, now=None):
    """Remind confirmed attendees 7 days and 1 day before their session. Returns emails sent.

    A reminder is due once its moment has passed and before the session starts; people who
    booked after that moment already have everything in their confirmation, so they get none.
    Each booking's reminder is stamped under a row lock and keyed in the outbox: running this
    twice, even at once, sends each reminder once.
    """
    now = now or timezone.now()
    sent = 0
    for days, field, key in [
        (7, "week_reminder_sent_at", "reminder-7d"),
        (1, "day_reminder_sent_at", "reminder-1d"),
    ]:
        lead = timedelta(days=days)
        due = Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            session__status=Session.Status.SCHEDULED,
            session__starts_at__gt=now,
            session__starts_at__lte=now + lead,
            **{f"{field}__isnull": True},
        )
        if days == 7:
            # Within a day of the session the day-before reminder takes over.
            due = due.filter(session__starts_at__gt=now + timedelta(days=1))
        for booking_id in due.values_list("pk", flat=True):
            with transaction.atomic():
                booking = (
                    Booking.objects.select_for_update(of=("self",))
                    .select_related("session__course")
                    .filter(pk=booking_id, status=Booking.Status.CONFIRMED, **{field: None})
                    .first()
                )
                if booking is None or booking.session.is_cancelled:
                    continue
                setattr(booking, field, now)
                booking.save(update_fields=[field])
                if booking.confirmed_at and booking.confirmed_at > booking.session.starts_at - lead:
                    continue  # booked after the reminder's moment
                _send_booking_email(booking, f"reminder_{days}d", key)
                sent += 1
        sent += _remind_facilitators(now=now, days=days, field=field, key=key)
    return sent


def _remind_facilitators(*, now, days, field, key):
    """The same reminders for the session's trainee facilitators, with its joining details."""
    lead = timedelta(days=days)
    due = SessionFacilitator.objects.filter(
        offer__status=FacilitatorOffer.Status.APPROVED,
        session__status=Session.Status.SCHEDULED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + lead,
        **{f"{field}__isnull": True},
    )
    if days == 7:
        due = due.filter(session__starts_at__gt=now + timedelta(days=1))
    sent = 0
    for assignment_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            assignment = (
                SessionFacilitator.objects.select_for_update(of=("self",))
                .select_related("session__course", "offer__user")
                .filter(pk=assignment_id, **{field: None})
                .first()
            )
            if assignment is None or assignment.session.is_cancelled:
                continue
            setattr(assignment, field, now)
            assignment.save(update_fields=[field])
            if assignment.assigned_at > assignment.session.starts_at - lead:
                continue  # assigned after the reminder's moment: the assignment email has it all
            _send_facilitator_email(
                assignment,
                "facilitator_reminder",
                key,
                when="tomorrow" if days == 1 else "next week",
            )
            sent += 1
    return sent


def send_feedback_requests(*, now=None):
    """Ask attendees for feedback once their session has ended. Returns emails sent.

    Not for cancelled sessions, cancelled bookings or people marked as no-shows; each booking is
    asked once, however often this runs.
    """
    now = now or timezone.now()
    due = Booking.objects.filter(
        status=Booking.Status.CONFIRMED,
        session__status=Session.Status.SCHEDULED,
        session__ends_at__lte=now,
        session__ends_at__gt=now - FEEDBACK_REQUEST_WINDOW,
        feedback_requested_at__isnull=True,
    ).exclude(attendance=Booking.Attendance.NO_SHOW)
    sent = 0
    for booking_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update(of=("self",))
                .select_related("session__course")
                .filter(pk=booking_id, feedback_requested_at__isnull=True)
                .exclude(attendance=Booking.Attendance.NO_SHOW)
                .first()
            )
            if booking is None:
                continue
            booking.feedback_requested_at = now
            booking.save(update_fields=["feedback_requested_at"])
            send_email(
                to=booking.email,
                template="training/feedback_request",
                context={
                    **_booking_context(booking),
                    "feedback_url": f"{settings.SITE_URL}{booking.get_feedback_url()}",
                },
                idempotency_key=f"training-feedback-request:{booking.pk}",
                about=booking,
            )
            sent += 1
    return sent


def record_feedback(
    *,
    booking_id,
    usefulness,
    applicability,
    improved_knowledge,
    confidence_before,
    confidence_after,
    comments="",
    now=None,
):
    """Save one attendee's feedback. Raises BookingError if not allowed or already given."""
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("session__course")
            .get(pk=booking_id)
        )
        problem = booking.feedback_problem(now)
        if problem:
            raise BookingError(problem)
        return Feedback.objects.create(
            booking=booking,
            usefulness=usefulness,
            applicability=applicability,
            improved_knowledge=improved_knowledge,
            confidence_before=confidence_before,
            confidence_after=confidence_after,
            comments=comments.strip(),
        )


def request_session(
    *,
    contact_name,
    contact_email,
    organisation,
    department,
    audience,
    group_size,
    preferred_dates,
    course=None,
    contact_phone="",
    format=SessionRequest.Format.EITHER,
    notes="",
):
    """Record a request for a session; email the requester and each training lead."""
    with transaction.atomic():
        request = SessionRequest.objects.create(
            course=course,
            contact_name=contact_name.strip(),
            contact_email=contact_email.strip().lower(),
            contact_phone=contact_phone.strip(),
            organisation=organisation.strip(),
            department=department.strip(),
            audience=audience.strip(),
            group_size=group_size,
            format=format,
            preferred_dates=preferred_dates.strip(),
            notes=notes.strip(),
        )
        context = {
            "request": request,
            "admin_url": f"{settings.SITE_URL}/admin/training/sessionrequest/{request.pk}/change/",
        }
        send_email(
            to=request.contact_email,
            template="training/session_request_received",
            context=context,
            idempotency_key=f"training-session-request-received:{request.pk}",
            about=request,
        )
        leads = Group.objects.filter(name=TRAINING_LEADS_GROUP).values_list(
            "user__email", flat=True
        )
        for email in sorted({email for email in leads if email}):
            send_email(
                to=email,
                template="training/session_request_for_leads",
                context=context,
                idempotency_key=f"training-session-request-lead:{request.pk}:{email}",
                about=request,
            )
    return request


@transaction.atomic
def delete_old_bookings(*, now):
    """Delete bookings, with attendance, feedback and their emails, of sessions that ended more
    than BOOKING_RETENTION_DAYS ago (the retention task). Returns how many went."""
    cutoff = now - timedelta(days=settings.BOOKING_RETENTION_DAYS)
    _, per_model = Booking.objects.filter(session__ends_at__lt=cutoff).delete()
    return per_model.get("training.Booking", 0)


@transaction.atomic
def delete_old_session_requests(*, now):
    """Delete session requests sent more than SESSION_REQUEST_RETENTION_DAYS ago (the retention
    task). Returns how many went."""
    cutoff = now - timedelta(days=settings.SESSION_REQUEST_RETENTION_DAYS)
    _, per_model = SessionRequest.objects.filter(created_at__lt=cutoff).delete()
    return per_model.get("training.SessionRequest", 0)


# Trainee facilitators: offers, decisions, assignments (reminders go with the bookings' above).


class FacilitatorError(Exception):
    """A facilitator action the rules do not allow; the message is for the person."""


def _your_network_url(anchor):
    return f"{settings.SITE_URL}/your-network/#{anchor}"


def offer_to_facilitate(*, user, course_id, role, name, statement, may_be_named):
    """A verified trainee who is a network member offers to help with a course; they are
    emailed that it arrived. Raises FacilitatorError if they may not, or already offered."""
    if not (is_verified_trainee(user) and is_network_member(user)):
        raise FacilitatorError(
            "Only network members with a confirmed NHS email address can offer to facilitate."
        )
    already = "You have already offered to help with this course."
    course = Course.objects.get(pk=course_id, is_active=True)
    if FacilitatorOffer.objects.filter(course=course, user=user).exists():
        raise FacilitatorError(already)
    try:
        with transaction.atomic():
            offer = _create_offer(course, user, role, name, statement, may_be_named)
    except IntegrityError as error:  # the same offer sent twice at once: the constraint decides
        raise FacilitatorError(already) from error
    return offer


def _create_offer(course, user, role, name, statement, may_be_named):
    offer = FacilitatorOffer.objects.create(
        course=course,
        user=user,
        name=name.strip(),
        role=role,
        statement=statement.strip(),
        may_be_named=may_be_named,
    )
    send_email(
        to=user.email,
        template="training/facilitator_offer_received",
        context={
            "offer": offer,
            "course": course,
            "your_network_url": _your_network_url("facilitating"),
        },
        idempotency_key=f"training-facilitator-offer:{offer.pk}",
        about=offer,
    )
    return offer


def decide_facilitator_offers(*, offer_ids, approve, now=None):
    """Staff approve or decline offers still waiting for a decision, emailing each person.
    Returns the offers decided."""
    now = now or timezone.now()
    status = FacilitatorOffer.Status.APPROVED if approve else FacilitatorOffer.Status.DECLINED
    template = "facilitator_offer_approved" if approve else "facilitator_offer_declined"
    decided = []
    with transaction.atomic():
        offers = (
            FacilitatorOffer.objects.select_for_update(of=("self",))
            .select_related("course", "user")
            .filter(pk__in=offer_ids, status=FacilitatorOffer.Status.OFFERED)
        )
        for offer in offers:
            offer.status = status
            offer.decided_at = now
            offer.save(update_fields=["status", "decided_at"])
            send_email(
                to=offer.user.email,
                template=f"training/{template}",
                context={
                    "offer": offer,
                    "course": offer.course,
                    "your_network_url": _your_network_url("facilitating"),
                },
                idempotency_key=f"training-facilitator-{status}:{offer.pk}",
                about=offer,
            )
            decided.append(offer)
    return decided


def _facilitator_context(assignment, **extra):
    session = assignment.session
    return {
        "offer": assignment.offer,
        "session": session,
        "course": session.course,
        "role": assignment.offer.role_in_session,
        "your_network_url": _your_network_url("facilitating"),
        **extra,
    }


def _send_facilitator_email(assignment, template, key, **extra):
    send_email(
        to=assignment.offer.user.email,
        template=f"training/{template}",
        context=_facilitator_context(assignment, **extra),
        idempotency_key=f"training-{key}-facilitator:{assignment.pk}",
        about=assignment,
    )


def assign_facilitator(*, offer_id, session_id, now=None):
    """Staff assign an approved facilitator to an upcoming session of the offer's course; the
    facilitator is emailed the session's joining details. Returns the assignment."""
    with transaction.atomic():
        offer = (
            FacilitatorOffer.objects.select_for_update(of=("self",))
            .select_related("user", "course")
            .get(pk=offer_id)
        )
        session = _lock_session(session_id)
        if offer.status != FacilitatorOffer.Status.APPROVED:
            raise FacilitatorError("Only an approved offer can be assigned to a session.")
        if session.course_id != offer.course_id:
            raise FacilitatorError("The session must be of the course the offer is for.")
        if session.is_cancelled or session.has_started(now):
            raise FacilitatorError("The session has been cancelled or has already started.")
        assignment, created = SessionFacilitator.objects.get_or_create(session=session, offer=offer)
        if created:
            assignment.session = session
            assignment.offer = offer
            _send_facilitator_email(assignment, "facilitator_assigned", "assigned")
    return assignment


@transaction.atomic
def delete_old_facilitator_records(*, now):
    """Delete trainee facilitators' offers, with their session assignments and emails, once
    FACILITATOR_RETENTION_DAYS have passed since the offer was decided (or made, if never
    decided) and since the last session it was assigned to ended (the retention task).
    Returns how many offers went."""
    cutoff = now - timedelta(days=settings.FACILITATOR_RETENTION_DAYS)
    recent_sessions = SessionFacilitator.objects.filter(
        offer=OuterRef("pk"), session__ends_at__gte=cutoff
    )
    old = FacilitatorOffer.objects.filter(
        Q(decided_at__lt=cutoff) | Q(decided_at__isnull=True, created_at__lt=cutoff)
    ).exclude(Exists(recent_sessions))
    _, per_model = FacilitatorOffer.objects.filter(pk__in=old.values("pk")).delete()
    return per_model.get("training.FacilitatorOffer", 0)


def send_training_record_link(*, email):
    """Email the training record's link to an address that has bookings, the same answer for
    every address: nothing is said to the person asking, and an address with no booking gets no
    email. An address an account has verified is told to sign in, where its record is; otherwise
    the email carries a signed link to the record of its bookings, which expires after
    RECORD_LINK_DAYS. Returns the outbox row, or None."""
    email = normalise(email)
    latest = (
        Booking.objects.filter(email=email)
        .exclude(status=Booking.Status.CANCELLED)
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is None:
        return None
    has_account = account_with_verified_address(email) is not None
    token = record_link_token(email)
    with transaction.atomic():
        return send_email(
            to=email,
            template="training/record_link",
            context={
                "has_account": has_account,
                "record_url": f"{settings.SITE_URL}/your-network/training-record/"
                if has_account
                else f"{settings.SITE_URL}{reverse('training:record', kwargs={'token': token})}",
                "days": RECORD_LINK_DAYS,
            },
            # One per link (asking again sends a fresh one); a digest, never the link's token.
            idempotency_key="training-record-link:" + hashlib.sha256(token.encode()).hexdigest(),
            about=latest,
        )
