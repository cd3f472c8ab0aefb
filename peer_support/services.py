"""Peer support actions: one function per action, used by views, admin actions and tasks."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from edi_portal.services import send_email

from .models import (
    RENEWAL_NOTICE_DAYS,
    ContactRequest,
    VolunteerProfile,
    VolunteerTopic,
    end_of_academic_year,
)

# Changing these does not alter what the directory shows, so it needs no new approval.
FIELDS_CHANGED_WITHOUT_APPROVAL = {"monthly_request_limit"}


class ContactRefused(Exception):
    """A contact request that cannot be sent; str(error) is the message to show the requester."""


class RequestLimitReached(ContactRefused):
    pass


class VolunteerNotTakingRequests(ContactRefused):
    pass


class VolunteerNotListed(ContactRefused):
    pass


def _save_topics(profile, topics):
    """Keep the chosen topics, recording consent for new ones; unchosen ones go at once."""
    chosen = {topic.pk for topic in topics}
    profile.topic_consents.exclude(topic__in=chosen).delete()
    existing = set(profile.topic_consents.values_list("topic_id", flat=True))
    VolunteerTopic.objects.bulk_create(
        VolunteerTopic(profile=profile, topic_id=topic_id) for topic_id in chosen - existing
    )
    return chosen - existing


@transaction.atomic
def create_profile(*, user, details, topics):
    """A new profile from a member of the network; it waits for approval before it is listed.

    A second submission (a double click) returns the profile the first one made."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    existing = VolunteerProfile.objects.filter(user=user).first()
    if existing is not None:
        return existing
    profile = VolunteerProfile.objects.create(
        user=user,
        listed_until=end_of_academic_year(timezone.localdate()),
        status=VolunteerProfile.Status.PENDING,
        **details,
    )
    _save_topics(profile, topics)
    return profile


@transaction.atomic
def update_profile(*, profile, details, topics):
    """Save the volunteer's edits. Anything the directory shows needs approval again, except
    withdrawing a topic's consent, which takes the topic off straight away."""
    profile = VolunteerProfile.objects.select_for_update().get(pk=profile.pk)
    changed = {name for name, value in details.items() if getattr(profile, name) != value}
    for name in changed:
        setattr(profile, name, details[name])
    added_topics = _save_topics(profile, topics)
    if changed - FIELDS_CHANGED_WITHOUT_APPROVAL or added_topics:
        profile.approved_at = None
        if profile.status == VolunteerProfile.Status.APPROVED:
            profile.status = VolunteerProfile.Status.PENDING
    profile.save()
    return profile


def pause_profile(*, profile):
    """Take the profile out of the directory until the volunteer resumes it."""
    VolunteerProfile.objects.filter(pk=profile.pk).update(
        status=VolunteerProfile.Status.PAUSED, updated_at=timezone.now()
    )


def resume_profile(*, profile):
    """Back in the directory if this version was approved; otherwise back in the approval queue."""
    profile.refresh_from_db()
    profile.status = (
        VolunteerProfile.Status.APPROVED if profile.approved_at else VolunteerProfile.Status.PENDING
    )
    profile.save(update_fields=["status", "updated_at"])


@transaction.atomic
def delete_profile(*, profile):
    """Delete the profile, its topics and its contact requests for good, with the relayed emails."""
    # Its contact requests go with it, and the outbox copies of their emails with those.
    profile.delete()


def renew_listing(*, profile):
    """Keep the profile listed until the end of the next academic year (or of this one, if it
    has lapsed). Renewal opens a month before the listing lapses; returns False before then."""
    if not profile.can_renew:
        return False
    base = max(timezone.localdate(), profile.listed_until + timedelta(days=1))
    profile.listed_until = end_of_academic_year(base)
    profile.save(update_fields=["listed_until", "updated_at"])
    return True


@transaction.atomic
def approve_profiles(*, profiles):
    """Approve the profiles waiting for approval, and tell each volunteer. Returns the count."""
    now = timezone.now()
    waiting = list(
        VolunteerProfile.objects.select_for_update()
        .select_related("user")
        .filter(pk__in=[p.pk for p in profiles], status=VolunteerProfile.Status.PENDING)
    )
    for profile in waiting:
        profile.status = VolunteerProfile.Status.APPROVED
        profile.approved_at = now
        profile.save(update_fields=["status", "approved_at", "updated_at"])
        send_email(
            to=profile.user.email,
            template="peer_support_profile_approved",
            context={"profile": profile},
            idempotency_key=f"peer-support-approved:{profile.pk}:{now.isoformat()}",
            about=profile,
        )
    return len(waiting)


def send_contact_request(*, profile_id, requester, message, contact_method, contact_details=""):
    """Relay a trainee's message to a listed volunteer, and confirm to the trainee.

    The requester's own row is locked while their requests are counted, so simultaneous posts
    cannot pass the daily limit; the volunteer's row is locked for the monthly limit likewise.
    Raises a ContactRefused subclass with the message to show when the request cannot be sent.
    """
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=requester.pk).first()
        profile = (
            VolunteerProfile.objects.select_for_update()
            .select_related("user")
            .listed()
            .exclude(user=requester)
            .filter(pk=profile_id)
            .first()
        )
        if profile is None:
            raise VolunteerNotListed(
                "This volunteer is not in the directory at the moment. Choose another volunteer."
            )
        now = timezone.now()
        sent_today = ContactRequest.objects.filter(
            requester=requester, created_at__gt=now - timedelta(days=1)
        ).order_by("created_at")
        limit = settings.PEER_SUPPORT_REQUESTS_PER_DAY
        if sent_today.count() >= limit:
            next_allowed = timezone.localtime(sent_today.first().created_at + timedelta(days=1))
            raise RequestLimitReached(
                f"You can send up to {limit} contact requests in 24 hours and you have reached "
                f"that limit. You can send another after {date_format(next_allowed, 'H:i')} "
                f"on {date_format(next_allowed, 'j F Y')}."
            )
        if not profile.is_taking_requests:
            raise VolunteerNotTakingRequests(
                f"{profile.display_name} is not taking new requests this month. "
                "Choose another volunteer, or try again next month."
            )
        request = ContactRequest.objects.create(
            profile=profile,
            requester=requester,
            message=message,
            contact_method=contact_method,
            contact_details=contact_details,
            created_at=now,
        )
        send_email(
            to=profile.user.email,
            template="peer_support_contact_request",
            context={
                "request": request,
                "profile": profile,
                "requester_email": requester.email,
                "network_contact_email": settings.NETWORK_CONTACT_EMAIL,
            },
            idempotency_key=request.email_keys[0],
            about=request,
        )
        send_email(
            to=requester.email,
            template="peer_support_request_confirmation",
            context={"request": request, "profile": profile},
            idempotency_key=request.email_keys[1],
            about=request,
        )
    return request


@transaction.atomic
def delete_old_contact_requests(*, now):
    """Delete contact requests (with the emails that relayed them) older than
    PEER_SUPPORT_REQUEST_RETENTION_DAYS (the retention task). Returns how many went."""
    cutoff = now - timedelta(days=settings.PEER_SUPPORT_REQUEST_RETENTION_DAYS)
    deleted, per_model = ContactRequest.objects.filter(created_at__lt=cutoff).delete()
    return per_model.get("peer_support.ContactRequest", 0)


@transaction.atomic
def delete_lapsed_profiles(*, now):
    """Delete volunteer profiles whose listing lapsed more than PEER_SUPPORT_LAPSED_PROFILE_DAYS
    ago without renewal, with their topics and requests (the retention task)."""
    lapsed_before = timezone.localdate(now) - timedelta(
        days=settings.PEER_SUPPORT_LAPSED_PROFILE_DAYS
    )
    deleted, per_model = VolunteerProfile.objects.filter(listed_until__lt=lapsed_before).delete()
    return per_model.get("peer_support.VolunteerProfile", 0)


def send_renewal_reminders():
    """Email each listed volunteer whose listing lapses within the notice period, once per
    listing period. Returns how many were reminded."""
    today = timezone.localdate()
    due = (
        VolunteerProfile.objects.exclude(status=VolunteerProfile.Status.PENDING)
        .filter(
            listed_until__gte=today, listed_until__lte=today + timedelta(days=RENEWAL_NOTICE_DAYS)
        )
        .exclude(renewal_reminder_sent_for=F("listed_until"))
        .select_related("user")
    )
    reminded = 0
    for profile in due:
        with transaction.atomic():
            send_email(
                to=profile.user.email,
                template="peer_support_renewal_reminder",
                context={"profile": profile},
                idempotency_key=f"peer-support-renewal:{profile.pk}:{profile.listed_until}",
                about=profile,
            )
            profile.renewal_reminder_sent_for = profile.listed_until
            profile.save(update_fields=["renewal_reminder_sent_for"])
        reminded += 1
    return reminded
