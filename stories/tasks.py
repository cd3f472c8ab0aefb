from celery import shared_task

from . import services


@shared_task
def delete_withdrawn_story_files():
    """After each withdrawal, and every STORY_WITHDRAWN_FILES_HOURS (CELERY_BEAT_SCHEDULE):
    withdrawn stories' files and transcripts are deleted."""
    return services.delete_withdrawn_story_files()
