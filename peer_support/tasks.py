from celery import shared_task

from . import services


@shared_task
def send_renewal_reminders():
    return services.send_renewal_reminders()
