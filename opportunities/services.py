"""Opportunities: every action that changes rows or sends email."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from edi_portal.services import send_email
from network.accounts import is_verified_trainee

from .models import Interest, Opportunity


class InterestError(Exception):
    """An expression of interest the rules do not allow; the message is for the person."""


def _your_network_url():
    return f"{settings.SITE_URL}/your-network/#opportunities"


def express_interest(*, user, opportunity_id, name, statement, today=None):
    """A verified trainee expresses interest in an open opportunity, and is emailed that it
    arrived. Raises InterestError if they may not, or already have."""
    if not is_verified_trainee(user):
        raise InterestError(
            "Only trainees with a confirmed NHS email address can express interest."
        )
    opportunity = Opportunity.objects.get(pk=opportunity_id)
    if not opportunity.is_open(today):
        raise InterestError("This opportunity has closed.")
    try:
        with transaction.atomic():
            interest = Interest.objects.create(
                opportunity=opportunity, user=user, name=name.strip(), statement=statement.strip()
            )
            send_email(
                to=user.email,
                template="opportunities/interest_received",
                context={
                    "interest": interest,
                    "opportunity": opportunity,
                    "opportunity_url": f"{settings.SITE_URL}{opportunity.get_absolute_url()}",
                    "your_network_url": _your_network_url(),
                },
                idempotency_key=f"opportunities-interest-received:{interest.pk}",
                about=interest,
            )
    except IntegrityError as error:
        raise InterestError("You have already expressed interest in this opportunity.") from error
    return interest


def reply_to_interests(*, interest_ids, status, message="", now=None):
    """Staff shortlist expressions of interest, or say they are not taken forward, with a
    message; each person whose status changes is emailed once. Returns those changed."""
    now = now or timezone.now()
    template = {
        Interest.Status.SHORTLISTED: "opportunities/shortlisted",
        Interest.Status.NOT_TAKEN_FORWARD: "opportunities/not_taken_forward",
    }[status]
    changed = []
    with transaction.atomic():
        interests = (
            Interest.objects.select_for_update(of=("self",))
            .select_related("opportunity", "user")
            .filter(pk__in=interest_ids)
            .exclude(status=status)
        )
        for interest in interests:
            interest.status = status
            interest.reply = message.strip()
            interest.replied_at = now
            interest.save(update_fields=["status", "reply", "replied_at"])
            send_email(
                to=interest.user.email,
                template=template,
                context={
                    "interest": interest,
                    "opportunity": interest.opportunity,
                    "message": interest.reply,
                    "your_network_url": _your_network_url(),
                },
                idempotency_key=f"opportunities-{status}:{interest.pk}",
                about=interest,
            )
            changed.append(interest)
    return changed


@transaction.atomic
def delete_old_interests(*, now):
    """Delete expressions of interest, with their emails, in opportunities that closed more than
    OPPORTUNITY_INTEREST_RETENTION_DAYS ago (the retention task). Returns how many went."""
    cutoff = timezone.localdate(now) - timedelta(days=settings.OPPORTUNITY_INTEREST_RETENTION_DAYS)
    _, per_model = Interest.objects.filter(opportunity__closes_on__lt=cutoff).delete()
    return per_model.get("opportunities.Interest", 0)
