from celery import shared_task

from . import services


@shared_task
def send_check_in_reminders():
    """Daily: remind each person whose check-in is due (each reminder is sent once)."""
    return services.send_check_in_reminders()
