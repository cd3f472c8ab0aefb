"""Whole pages kept in each web process and served again until what they show changes.

A page is kept for everyone who would see the same page: visitors without a session (no
messages, no answers in progress), or, on a page whose access check runs first, everyone signed
in who passes it. The per-visitor parts of a page, a form's CSRF token and the email address in
the header, are kept as placeholders and filled in for each visitor.

How a kept page stays true:
- **Data.** Every table a cached page reads is watched (`watch()` from each app's ready()): a
  deferred trigger gives the one row of ContentVersion a new random token when a transaction
  that changed any watched row commits, whatever changed it (forms, admin, `update()`,
  `bulk_create`, SQL; a TRUNCATE too). Each request reads the token (one query) before the
  page's data, and a page is served only if it was rendered under that token, so every process
  sees a change at once. Without the row (a database emptied by `flush`) nothing is kept.
  tests/edi_portal/test_page_cache.py checks that every table a cached page reads is watched.
- **Time.** Some pages change at a moment, not on a write: a session starts, booking closes, a
  cohort opens, a month begins. Each app registers the next such moment (`expires_at()`); a
  page is kept until the soonest one, and never longer than PAGE_CACHE_SECONDS.

Pages live in the process's memory only, at most PAGE_CACHE_PAGES of them (least recently used
go first): nothing more is stored, and a restart starts empty. PostgreSQL only: elsewhere (the
local demo's SQLite) pages are rendered every time.
"""

import hashlib
import re
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.db import connection, connections
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import ContentVersion

CONTENT_TYPE = "text/html; charset=utf-8"
# Placeholders cannot come from anything people write: the page escapes their "<" and ">".
CSRF_PLACEHOLDER = "<csrf-token>"
ACCOUNT_PLACEHOLDER = "<account-email>"
# Django's {% csrf_token %} input, whose value differs on every response.
CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)')
TRIGGER_NAME = "edi_portal_content_changed"
TRUNCATE_TRIGGER_NAME = "edi_portal_content_truncated"
RENDERING_FLAG = "_page_cache_rendering"

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


def next_midnight(now):
    """Local midnight after `now`: when date-based lists (a listing that lapses) move on."""
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return datetime.combine(tomorrow, datetime.min.time(), tzinfo=timezone.get_current_timezone())


@dataclass(frozen=True)
class KeptPage:
    content_version: uuid.UUID
    expires_at: datetime
    content: str


class KeptPages:
    """This process's kept pages: at most PAGE_CACHE_PAGES, the least recently used go first."""

    def __init__(self):
        self._pages = OrderedDict()
        self._lock = threading.Lock()  # the development server answers in threads

    def get(self, key, *, content_version, now):
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            if page.content_version != content_version or page.expires_at <= now:
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return page.content

    def put(self, key, page):
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > settings.PAGE_CACHE_PAGES:
                self._pages.popitem(last=False)

    def clear(self):
        with self._lock:
            self._pages.clear()

    def contents(self):
        with self._lock:
            return [page.content for page in self._pages.values()]


kept_pages = KeptPages()


def is_enabled():
    return settings.PAGE_CACHE_SECONDS > 0 and connection.vendor == "postgresql"


def audience(request, *, signed_in):
    """Who sees the same page on this visit ("public" or "signed in"), or None: a visit with a
    message waiting, or with a session on a page kept only for visitors without one."""
    # An emptied cookie (a deleted session, messages already shown) counts as none.
    if request.method not in ("GET", "HEAD") or request.COOKIES.get(CookieStorage.cookie_name):
        return None
    if not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return "public"
    if signed_in and request.user.is_authenticated:
        return None if SessionStorage.session_key in request.session else "signed in"
    return None


def page_key(request, audience):
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{audience}|{request.scheme}://{request.get_host()}{request.path}?{query}"
    return hashlib.sha256(address.encode()).hexdigest()


def current_version():
    """The content version's token, or None without its row."""
    return ContentVersion.objects.values_list("token", flat=True).first()


def account_label(request):
    """The header's email address: a placeholder while a page that may be kept renders."""
    user = getattr(request, "user", None)  # none on a request refused before authentication
    if user is None or not user.is_authenticated:
        return ""
    if getattr(request, RENDERING_FLAG, False):
        return mark_safe(ACCOUNT_PLACEHOLDER)  # noqa: S308 (a constant, filled in by fill_in())
    return user.email


def fill_in(request, content):
    """A kept page as this visitor sees it."""
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request))
    if ACCOUNT_PLACEHOLDER in content:
        content = content.replace(ACCOUNT_PLACEHOLDER, escape(request.user.email))
    return content


def expiry(now):
    """When a page rendered now must be rendered again, whatever else changes."""
    moments = [source(now) for source in _expiry_sources]
    return min(
        [now + timedelta(seconds=settings.PAGE_CACHE_SECONDS)]
        + [moment for moment in moments if moment is not None]
    )


def can_keep(request, response):
    """Whether a freshly rendered response is the page everyone in its audience sees."""
    messages = getattr(request, "_messages", None)
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type") == CONTENT_TYPE
        and not response.cookies
        and not (session is not None and session.modified)
        and not (messages is not None and messages.added_new)
    )


class CachedPageMixin:
    """Keeps the pages a view renders and serves them again (see the module docstring).

    First among the view's bases, or after the mixin that checks access when the page is kept
    for signed-in visitors too (`shared_with_signed_in`).
    """

    shared_with_signed_in = False

    def dispatch(self, request, *args, **kwargs):
        shared_by = audience(request, signed_in=self.shared_with_signed_in)
        if shared_by is None or not is_enabled():
            return super().dispatch(request, *args, **kwargs)
        content_version = current_version()  # before the page's data, so never newer than it
        if content_version is None:
            return super().dispatch(request, *args, **kwargs)
        now = timezone.now()
        key = page_key(request, shared_by)
        content = kept_pages.get(key, content_version=content_version, now=now)
        if content is not None:
            return HttpResponse(fill_in(request, content), content_type=CONTENT_TYPE)
        setattr(request, RENDERING_FLAG, True)
        try:
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        finally:
            delattr(request, RENDERING_FLAG)
        if response.get("Content-Type") != CONTENT_TYPE or response.streaming:
            return response
        content = CSRF_INPUT.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode())
        if can_keep(request, response):
            kept_pages.put(key, KeptPage(content_version, expiry(now), content))
        response.content = fill_in(request, content)
        return response


def trigger_sql():
    """The statements that create the trigger function and every watched table's triggers."""
    version = ContentVersion._meta.db_table
    function = f"""
        CREATE OR REPLACE FUNCTION {TRIGGER_NAME}() RETURNS trigger AS $$
        BEGIN
            -- Once per statement: deferred, every row's trigger runs in the COMMIT, so the
            -- first one gives the whole transaction its new token.
            IF current_setting('edi_portal.content_changed_at', true)
                    IS DISTINCT FROM statement_timestamp()::text THEN
                PERFORM set_config(
                    'edi_portal.content_changed_at', statement_timestamp()::text, true
                );
                INSERT INTO {version} (id, token) VALUES (1, gen_random_uuid())
                ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
            END IF;
            RETURN NULL;
        END
        $$ LANGUAGE plpgsql
    """  # noqa: S608 (the model's own table name)
    statements = [function]
    for table in watched_tables():
        statements += [
            f"CREATE CONSTRAINT TRIGGER {TRIGGER_NAME} AFTER INSERT OR UPDATE OR DELETE ON {table}"
            f" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {TRIGGER_NAME}()",
            f"CREATE TRIGGER {TRUNCATE_TRIGGER_NAME} AFTER TRUNCATE ON {table}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER_NAME}()",
        ]
    return statements


def install_triggers(*, using):
    """Create the function and the triggers (post_migrate), unless those of this code are there
    already: the function's comment holds a digest of the statements. The list of tables lives
    in code, and a table no longer watched loses its triggers."""
    statements = trigger_sql()
    digest = hashlib.sha256("\n".join(statements).encode()).hexdigest()
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT obj_description(oid, 'pg_proc') FROM pg_proc WHERE proname = %s",
            [TRIGGER_NAME],
        )
        if cursor.fetchone() == (digest,):
            return
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE tgname IN (%s, %s)",
            [TRIGGER_NAME, TRUNCATE_TRIGGER_NAME],
        )
        for table, name in cursor.fetchall():
            cursor.execute(f"DROP TRIGGER {name} ON {table}")
        for statement in statements:
            cursor.execute(statement)
        cursor.execute(f"COMMENT ON FUNCTION {TRIGGER_NAME}() IS %s", [digest])
