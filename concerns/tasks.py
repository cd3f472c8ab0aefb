from celery import shared_task

from . import services


@shared_task
def send_concern_overdue_digest():
    """Daily (CELERY_BEAT_SCHEDULE): handlers hear which concerns are past their targets."""
    return services.send_overdue_digest()
