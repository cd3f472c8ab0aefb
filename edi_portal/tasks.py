from celery import shared_task

from . import services


@shared_task(bind=True, max_retries=5, acks_late=True)
def deliver_email(self, email_id):
    """Send one outbox row; retried with exponential backoff when the mail server fails."""
    try:
        services.deliver(email_id)
    except Exception as error:
        raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error


@shared_task
def requeue_unsent_emails():
    return services.requeue_unsent()
