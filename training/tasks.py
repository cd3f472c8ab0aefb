"""Scheduled training work (Celery beat). Each task is idempotent: running it twice sends nothing twice."""

from celery import shared_task

from . import services


@shared_task
def send_booking_reminders():
    return services.send_reminders()


@shared_task
def send_feedback_requests():
    return services.send_feedback_requests()


@shared_task
def promote_waiting_lists():
    return services.promote_waiting_lists()
