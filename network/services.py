"""Network membership actions: each one function, used by views, admin actions and tasks alike."""

import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from edi_portal.services import send_email

from .accounts import account_with_verified_address
from .models import (
    Application,
    ApplicationStatusChange,
    EqualityMonitoring,
    Membership,
    OversightGroupOutcome,
    User,
)

NETWORK_ADMINS_GROUP = "Network admins"
STATUS_LINK_SALT = "network.application-status"
# No 0/O or 1/I/L: references are read out over the phone and typed from emails.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8

Status = Application.Status


class ApplicationsClosed(Exception):
    """The cohort is not taking applications now."""


class TransitionNotAllowed(Exception):
    """The application cannot move from its status to the one asked for."""


def new_reference():
    """A fresh application reference like 'EDI-7KQ2MX4P'."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"EDI-{code}"


def status_token(application):
    """The same token every time, so every email carries the same link."""
    return signing.Signer(salt=STATUS_LINK_SALT).sign_object(application.pk)


def status_url(application):
    """The signed address where the applicant follows (and may withdraw) their application."""
    return reverse("network:status", kwargs={"token": status_token(application)})


def application_for_token(token):
    """The application a status link points at, or None for a tampered or unknown link."""
    try:
        pk = signing.Signer(salt=STATUS_LINK_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Application.objects.filter(pk=pk).select_related("cohort").first()


def _application_email_context(application):
    return {
        "application": application,
        "status_url": settings.SITE_URL + status_url(application),
        "contact_email": settings.NETWORK_CONTACT_EMAIL,
    }


def submit_application(*, cohort, answers, workstreams, equality=None, reference=None, at=None):
    """Create an application with its equality answers, and email the acknowledgement.

    `answers` are the Application fields (full_name, email, profession ...); `equality` the
    EqualityMonitoring answers (None or empty when skipped). When this email has already applied
    to the cohort, nothing is created: the existing application's owner is emailed a reminder
    (at most one a day) instead. Returns (application, created).

    A withdrawn or declined applicant may apply again: their earlier application stays as it was.
    The application joins the account that has verified its address, if there is one.

    Raises ApplicationsClosed outside the cohort's application window.
    """
    at = at or timezone.now()
    if not cohort.is_open(at):
        raise ApplicationsClosed(cohort)
    email = answers["email"].strip().lower()
    fields = {**answers, "email": email}
    outcome = (
        OversightGroupOutcome.REQUESTED
        if fields.get("oversight_group_statement")
        else OversightGroupOutcome.NOT_REQUESTED
    )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                cohort=cohort,
                reference=reference or new_reference(),
                oversight_group_outcome=outcome,
                submitted_at=at,
                status_changed_at=at,
                user=account_with_verified_address(email),
                **fields,
            )
            application.workstreams.set(workstreams)
            EqualityMonitoring.objects.create(application=application, **(equality or {}))
            ApplicationStatusChange.objects.create(
                application=application, to_value=Status.SUBMITTED, changed_at=at
            )
            send_email(
                to=email,
                template="application_acknowledgement",
                context=_application_email_context(application),
                idempotency_key=f"application-acknowledgement:{application.pk}",
                about=application,
            )
    except IntegrityError:
        # A unique constraint failed: usually this email has applied already (perhaps in a
        # request running at this very moment); in the rare case of a reused reference, re-raise.
        application = (
            Application.objects.filter(cohort=cohort, email=email)
            .exclude(status__in=Application.UNSUCCESSFUL)
            .first()
        )
        if application is None:
            raise
        send_email(
            to=email,
            template="application_reminder",
            context=_application_email_context(application),
            idempotency_key=f"application-reminder:{application.pk}:{timezone.localdate(at)}",
            about=application,
        )
        return application, False
    return application, True


def _locked(application):
    return Application.objects.select_for_update().select_related("cohort").get(pk=application.pk)


@transaction.atomic
def change_status(*, application, to, by=None):
    """Move an application to status `to`, record who did it, and send the matching email once.

    `by` is the admin making the change (None when the applicant withdraws). Returns True when the
    status changed, False when it already had that status. Raises TransitionNotAllowed otherwise.
    """
    application = _locked(application)
    if application.status == to:
        return False
    if not application.can_become(to):
        raise TransitionNotAllowed(
            f"{application.reference} is {application.get_status_display().lower()}"
        )
    now = timezone.now()
    ApplicationStatusChange.objects.create(
        application=application,
        from_value=application.status,
        to_value=to,
        changed_by=by,
        changed_at=now,
    )
    application.status = to
    application.status_changed_at = now
    application.save(update_fields=["status", "status_changed_at"])
    context = _application_email_context(application)
    if to == Status.ACCEPTED:
        context["membership"] = _create_membership(application)
        context["signup_url"] = settings.SITE_URL + reverse("account_signup")
        context["login_url"] = settings.SITE_URL + reverse("account_login")
    if to != Status.IN_REVIEW:
        send_email(
            to=application.email,
            template=f"application_{to}",
            context=context,
            idempotency_key=f"application-decision:{application.pk}:{to}",
            about=application,
        )
    return True


def _create_membership(application):
    """The accepted applicant's membership, linked to the account that has verified their
    address if there is one (or else when an account verifies it: see accounts/services.py)."""
    user = application.user or account_with_verified_address(application.email)
    membership, _ = Membership.objects.update_or_create(
        cohort=application.cohort,
        email=application.email,
        defaults={
            "application": application,
            "full_name": application.full_name,
            "oversight_group_outcome": application.oversight_group_outcome,
            "user": user,
        },
    )
    membership.workstreams.set(application.workstreams.all())
    return membership


def mark_in_review(*, application, by):
    return change_status(application=application, to=Status.IN_REVIEW, by=by)


def accept(*, application, by):
    return change_status(application=application, to=Status.ACCEPTED, by=by)


def waitlist(*, application, by):
    return change_status(application=application, to=Status.WAITLISTED, by=by)


def decline(*, application, by):
    return change_status(application=application, to=Status.DECLINED, by=by)


def withdraw(*, application):
    """The applicant withdraws through their status link."""
    return change_status(application=application, to=Status.WITHDRAWN, by=None)


@transaction.atomic
def decide_oversight_group(*, application, outcome, by):
    """Record the Oversight Group decision for an applicant who asked to be considered.

    Sends the matching email once, and updates the membership if they are already a member.
    Returns True when the outcome changed. Raises TransitionNotAllowed for an applicant who did
    not ask to be considered.
    """
    application = _locked(application)
    if application.oversight_group_outcome == outcome:
        return False
    if not application.wants_oversight_group or outcome in (
        OversightGroupOutcome.NOT_REQUESTED,
        OversightGroupOutcome.REQUESTED,
    ):
        raise TransitionNotAllowed(
            f"{application.reference} did not ask to join the Oversight Group"
        )
    ApplicationStatusChange.objects.create(
        application=application,
        field=ApplicationStatusChange.Field.OVERSIGHT_GROUP,
        from_value=application.oversight_group_outcome,
        to_value=outcome,
        changed_by=by,
    )
    application.oversight_group_outcome = outcome
    application.save(update_fields=["oversight_group_outcome"])
    Membership.objects.filter(application=application).update(oversight_group_outcome=outcome)
    send_email(
        to=application.email,
        template=f"oversight_group_{outcome}",
        context=_application_email_context(application),
        idempotency_key=f"oversight-group:{application.pk}:{outcome}",
        about=application,
    )
    return True


def network_admins():
    return User.objects.filter(groups__name=NETWORK_ADMINS_GROUP, is_active=True).distinct()


def send_daily_digest(*, day=None):
    """Email each network admin the applications submitted on `day` (default: yesterday).

    Sends nothing when there were none. Once per admin per day, however often it runs.
    Returns the number of applications in the digest.
    """
    day = day or timezone.localdate() - timedelta(days=1)
    start = timezone.make_aware(datetime.combine(day, time.min))
    end = start + timedelta(days=1)
    applications = list(
        Application.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .select_related("cohort")
        .order_by("submitted_at")
    )
    if not applications:
        return 0
    Group.objects.get_or_create(name=NETWORK_ADMINS_GROUP)
    changelist = settings.SITE_URL + reverse("admin:network_application_changelist")
    with transaction.atomic():
        for admin in network_admins():
            send_email(
                to=admin.email,
                template="application_digest",
                context={"day": day, "applications": applications, "changelist_url": changelist},
                idempotency_key=f"application-digest:{day}:{admin.pk}",
            )
    return len(applications)


def delete_expired_applications(*, now=None):
    """Delete declined and withdrawn applications (and their equality answers) past retention.

    Returns the number of applications deleted.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.APPLICATION_RETENTION_DAYS)
    expired = Application.objects.filter(
        status__in=Application.UNSUCCESSFUL, status_changed_at__lt=cutoff
    )
    deleted, per_model = expired.delete()
    return per_model.get("network.Application", 0)
