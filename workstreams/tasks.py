from celery import shared_task
from django.db import connection

from . import search


@shared_task
def refresh_search_words():
    """Every few minutes (CELERY_BEAT_SCHEDULE): the words of new and changed public content, so
    misspellings of them are corrected (search.refresh_words)."""
    if connection.vendor == "postgresql":
        search.refresh_words()
