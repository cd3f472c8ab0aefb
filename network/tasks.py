from celery import shared_task

from . import services


@shared_task
def send_application_digest():
    """Daily: email the network admins yesterday's new applications."""
    return services.send_daily_digest()
