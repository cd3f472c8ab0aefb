from celery import shared_task

from . import services, services_concerns


@shared_task
def send_application_digest():
    """Daily: email the network admins yesterday's new applications."""
    return services.send_daily_digest()


@shared_task
def send_concern_overdue_digest():
    """Daily (CELERY_BEAT_SCHEDULE): handlers hear which concerns are past their targets."""
    return services_concerns.send_overdue_digest()
