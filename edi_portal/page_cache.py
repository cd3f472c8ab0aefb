"""Whole public pages kept in PostgreSQL for visitors who are not signed in, and served again
until the content behind them changes.

A page is the same for every such visitor: they have no session (so no messages and no answers
in progress) and see no one's data but the public's. Its one per-visitor part, the CSRF token of
a form, is swapped for a placeholder when the page is kept and for the visitor's own token when
it is served.

How a kept page stays true:
- **Data.** Every table a cached page reads is watched (`watch()` from each app's ready()): a
  deferred trigger raises the one row of ContentVersion when a transaction that changed any
  watched row commits, whatever changed it (forms, admin, `update()`, `bulk_create`, SQL). A kept
  page is served only while the version it was rendered under is the current one. The version is
  read before the page's data, in the same query that looks the page up, so a page is never
  kept under a version newer than its data. tests/edi_portal/test_page_cache.py checks that
  every table a cached page reads is watched.
- **Time.** Some pages change at a moment, not on a write: a session starts, booking closes, a
  cohort opens, a new month joins the training filter. Each app registers the next such moment
  (`expires_at()`); a page is kept until the soonest one, and never longer than
  PAGE_CACHE_SECONDS.

PostgreSQL only: elsewhere (the local demo's SQLite) pages are rendered every time.
"""

import hashlib
import re
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, connections
from django.db.models import Q
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from .models import CachedPage, ContentVersion

CONTENT_TYPE = "text/html; charset=utf-8"
CSRF_PLACEHOLDER = "__csrf_token__"
# Django's {% csrf_token %} input, whose value differs on every response.
CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)')
TRIGGER_NAME = "edi_portal_content_changed"

_watched_models = []
_expiry_sources = []


def watch(*models):
    """Tables whose rows cached pages show; many-to-many tables of these models come too."""
    for model in models:
        _watched_models.append(model)
        _watched_models.extend(
            field.remote_field.through
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        )


def watched_tables():
    return sorted({model._meta.db_table for model in _watched_models})


def expires_at(source):
    """Register `source(now)`: the next moment a cached page may change with time, or None."""
    _expiry_sources.append(source)
    return source


def is_enabled():
    return settings.PAGE_CACHE_SECONDS > 0 and connection.vendor == "postgresql"


def is_shared_visit(request):
    """A visit that sees what every visitor without a session sees."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def page_key(request):
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return hashlib.sha256(address.encode()).hexdigest()


def look_up(key, *, now):
    """(current content version, kept page content or None), in one query. Before any watched
    row has changed there is no version row, and the version is 0."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT version.number, page.content
            FROM (SELECT COALESCE((SELECT number FROM {ContentVersion._meta.db_table}), 0)
                  AS number) AS version
            LEFT JOIN {CachedPage._meta.db_table} AS page
                ON page.key = %s AND page.content_version = version.number
                AND page.expires_at > %s
            """,  # noqa: S608 (the models' own table names)
            [key, now],
        )
        return cursor.fetchone()


def keep(key, *, content, content_version, now):
    """Keep a rendered page until the next moment it may change with time."""
    expiry = now + timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    moments = [source(now) for source in _expiry_sources]
    expiry = min([expiry, *(moment for moment in moments if moment is not None)])
    if expiry <= now:
        return
    CachedPage.objects.bulk_create(
        [
            CachedPage(
                key=key,
                content_version=content_version,
                expires_at=expiry,
                content=CSRF_INPUT.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", content),
            )
        ],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["content_version", "expires_at", "content"],
    )


def can_keep(request, response):
    """Whether a freshly rendered response is the same for every visitor without a session."""
    messages = getattr(request, "_messages", None)
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type") == CONTENT_TYPE
        and not response.cookies
        and "Cache-Control" not in response
        and not (session is not None and session.modified)
        and not (messages is not None and messages.added_new)
    )


def serve(request, content):
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request))
    return HttpResponse(content, content_type=CONTENT_TYPE)


def delete_stale():
    """Delete kept pages that can no longer be served (the beat schedule runs this)."""
    current = ContentVersion.objects.values_list("number", flat=True).first() or 0
    stale = CachedPage.objects.filter(
        Q(expires_at__lte=timezone.now()) | ~Q(content_version=current)
    )
    return stale.delete()[0]


class CachedPageMixin:
    """First among a view's bases: serves GET from the page cache to visitors without a session
    (see the module docstring), and keeps what it renders for them."""

    def dispatch(self, request, *args, **kwargs):
        if not (is_enabled() and is_shared_visit(request)):
            return super().dispatch(request, *args, **kwargs)
        now = timezone.now()
        key = page_key(request)
        content_version, content = look_up(key, now=now)
        if content is not None:
            return serve(request, content)
        response = super().dispatch(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if can_keep(request, response):
            keep(
                key,
                content=response.content.decode(),
                content_version=content_version,
                now=now,
            )
        return response


def install_triggers(*, using):
    """The trigger function, and one deferred trigger on each watched table (from post_migrate,
    so the list of tables lives in code; a table no longer watched loses its trigger)."""
    version = ContentVersion._meta.db_table
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"""
            CREATE OR REPLACE FUNCTION {TRIGGER_NAME}() RETURNS trigger AS $$
            BEGIN
                -- Once per statement: deferred, every row's trigger runs in the COMMIT, so
                -- the first one raises the version for the whole transaction.
                IF current_setting('edi_portal.content_changed_at', true)
                        IS DISTINCT FROM statement_timestamp()::text THEN
                    PERFORM set_config(
                        'edi_portal.content_changed_at', statement_timestamp()::text, true
                    );
                    INSERT INTO {version} (id, number) VALUES (1, 1)
                    ON CONFLICT (id) DO UPDATE SET number = {version}.number + 1;
                END IF;
                RETURN NULL;
            END
            $$ LANGUAGE plpgsql
            """  # noqa: S608 (the model's own table name)
        )
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers"
            " WHERE trigger_name = %s",
            [TRIGGER_NAME],
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f"DROP TRIGGER {TRIGGER_NAME} ON {connection.ops.quote_name(table)}")
        for table in watched_tables():
            cursor.execute(
                f"CREATE CONSTRAINT TRIGGER {TRIGGER_NAME}"
                f" AFTER INSERT OR UPDATE OR DELETE ON {connection.ops.quote_name(table)}"
                f" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {TRIGGER_NAME}()"
            )
