"""The outbox's scheduled jobs and the portal's housekeeping. Delivering an email is the
outbox's own task (edi_portal.services.deliver_email)."""

from importlib import import_module

from celery import shared_task
from django.conf import settings

from . import ratelimit, retention, services


@shared_task
def requeue_unsent_emails():
    """The outbox sweeper (Celery beat): queue again emails whose delivery task was lost."""
    return services.requeue_unsent()


@shared_task
def delete_expired_records():
    """Daily (CELERY_BEAT_SCHEDULE): every kind of record past its retention period goes
    (edi_portal.retention). Returns how many of each."""
    return retention.delete_expired()


@shared_task
def delete_expired_rate_limit_counters():
    """Counters whose window has ended count nothing; delete them (Celery beat, hourly)."""
    return ratelimit.delete_expired_counters()


@shared_task
def clear_expired_sessions():
    """Hourly (CELERY_BEAT_SCHEDULE): delete expired sessions from the session table.

    Among them are abandoned applications to join, with their answers (JOIN_ANSWERS_HOURS).
    """
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
