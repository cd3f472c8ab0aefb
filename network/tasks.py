from celery import shared_task

from . import services_concerns


@shared_task
def delete_expired_concerns():
    """Daily (CELERY_BEAT_SCHEDULE): concerns past their retention period are deleted."""
    return services_concerns.delete_expired_concerns()
