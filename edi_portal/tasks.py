import logging
from importlib import import_module

from celery import shared_task
from django.conf import settings

from . import ratelimit, retention, services

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=None)
def deliver_email(self, email_id):
    """Send one outbox row. The row counts its attempts and says when to retry (with backoff)."""
    try:
        services.deliver(email_id)
    except services.DeliveryFailed as failure:
        if failure.retry_in is None:
            logger.error("Gave up sending email %s: %s", email_id, failure)
            return
        raise self.retry(exc=failure, countdown=failure.retry_in) from failure


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
