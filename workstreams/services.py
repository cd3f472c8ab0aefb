"""Counting searches for editors (SearchRecord): words and counts only, never who searched."""

import re
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import search
from .models import SearchRecord

# Longer searches are not recorded: the longer the text, the likelier it says who someone is.
MAX_RECORDED_LENGTH = SearchRecord._meta.get_field("words").max_length


def recorded_words(query):
    """The words of a search as recorded: lower case, no punctuation; "" when there are none or
    they make more than MAX_RECORDED_LENGTH characters."""
    words = " ".join(re.findall(r"\w+", query.lower()))
    return words if len(words) <= MAX_RECORDED_LENGTH else ""


def _counting(words, *, searches, found_nothing, followed):
    """(SQL, values) adding to today's counts for these words, in one statement whoever else is
    counting.

    The search's answer does not wait for the count to reach the disk (synchronous_commit off,
    for this statement's transaction only, sent with it): a database crash may lose the last
    moment's counts, never write half of one."""
    table = connection.ops.quote_name(SearchRecord._meta.db_table)
    not_waiting = (
        "SET LOCAL synchronous_commit TO OFF; " if connection.vendor == "postgresql" else ""
    )
    return (
        f"""
        {not_waiting}INSERT INTO {table} (day, words, searches, found_nothing, followed)
        VALUES (%s, %s, %s, %s, %s)
        ON CONFLICT (day, words) DO UPDATE SET
            searches = {table}.searches + EXCLUDED.searches,
            found_nothing = {table}.found_nothing + EXCLUDED.found_nothing,
            followed = {table}.followed + EXCLUDED.followed
        """,  # noqa: S608 (the model's own table name)
        [timezone.localdate(), words, searches, found_nothing, followed],
    )


def _count(words, **counts):
    with connection.cursor() as cursor:
        cursor.execute(*_counting(words, **counts))


def start_search(*, query, counted):
    """Before a search is answered: count it (when `counted` and its words are recorded at all)
    and bring search's entries up to date (search.refresh_entries), in one round trip when no
    content changed."""
    words = recorded_words(query) if counted else ""
    search.refresh_entries(
        first=_counting(words, searches=1, found_nothing=0, followed=0) if words else None
    )


def record_found_nothing(*, query):
    """Count a search started with start_search(counted=True) as one that found nothing."""
    words = recorded_words(query)
    if words:
        _count(words, searches=0, found_nothing=1, followed=0)


def record_follow(*, words):
    """Count one result followed from a search with these (recorded) words."""
    if words:
        _count(words, searches=0, found_nothing=0, followed=1)


def delete_old_search_records(*, now):
    """Counts of days more than SEARCH_RECORD_RETENTION_DAYS before `now` go (the retention
    task). Returns how many rows went."""
    cutoff = timezone.localdate(now) - timedelta(days=settings.SEARCH_RECORD_RETENTION_DAYS)
    deleted, _ = SearchRecord.objects.filter(day__lt=cutoff).delete()
    return deleted
