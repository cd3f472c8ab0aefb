"""Whole pages kept in Redis for every web process, served again until what they read changes.

A page is kept for everyone who would see the same page: visitors without a session (no
messages, no answers in progress), or, on a page whose access check runs first, everyone signed
in who passes it. The per-visitor parts of a page, a form's CSRF token and the email address in
the header, are kept as placeholders and filled in for each visitor.

How a kept page stays true:
- **What it read.** While a page renders, every query it makes is seen (a database execute
  wrapper) and the tables it reads are noted with the page. Every such table must be watched
  (`watch()` from each app's ready()); a page that read any other table (besides the visitor's
  own session, user and address, which it never shows) is not kept, and a warning is logged.
- **Data.** Each watched table has a deferred trigger: when a transaction that changed any of
  its rows commits, that table's row of TableVersion gets a new random token, whatever changed
  it (forms, admin, `update()`, `bulk_create`, SQL; a TRUNCATE too). Each visit first reads
  the tokens (one query of a few dozen short rows, before the page's data); a kept page holds
  the tokens of the tables it read and is served only if none of those has changed, and a page
  rendered afresh is kept with the tokens read before it, so a booking re-renders the session's page and the training list
  (which read bookings), never the QI gallery. A table without its row (a database emptied by
  `flush`, until post_migrate adds the rows again) keeps no page that reads it.
- **Time.** Some pages change at a moment, not on a write: a session starts, booking closes, a
  cohort opens, a month begins. Each app registers the next such moment (`expires_at()`) with
  the tables it is about; a page is kept until the soonest moment of the tables it read (a
  source registered without tables, the day's end, applies to every page), and never longer
  than PAGE_CACHE_SECONDS.

Where pages live: in the cache alias `pages` (Redis, PAGE_CACHE_URL, by default the Celery
broker's), shared by every worker of every node, so a change costs one render; and, in front of
it, a short-lived copy in each process (PAGE_CACHE_LOCAL_SECONDS, at most PAGE_CACHE_PAGES
pages) that saves fetching a page from Redis on every visit. Both are checked against the tokens
on every visit, so neither can serve a page rendered before a change. If Redis does not answer,
pages are rendered afresh (a warning is logged, and Redis is left alone for a few seconds);
without PAGE_CACHE_URL only the per-process copy is kept. The key holds the release (a digest
of the code and templates), the audience, the address and only the query parameters the view
declares it reads, in a fixed order; a page asked for with any other parameter is rendered but
not kept, so junk parameters neither grow the cache nor push real pages out.

Every response of a view that keeps pages carries `X-Page-Cache: hit` or `miss`. PostgreSQL
only: elsewhere (the local demo's SQLite) pages are rendered every time.
"""

import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import caches
from django.db import connection, connections
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import TableVersion

logger = logging.getLogger(__name__)

CONTENT_TYPE = "text/html; charset=utf-8"
# Placeholders cannot come from anything people write: the page escapes their "<" and ">".
CSRF_PLACEHOLDER = "<csrf-token>"
ACCOUNT_PLACEHOLDER = "<account-email>"
# Django's {% csrf_token %} input, whose value differs on every response.
CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)')
TRIGGER_NAME = "edi_portal_table_changed"
TRUNCATE_TRIGGER_NAME = "edi_portal_table_truncated"
RENDERING_FLAG = "_page_cache_rendering"
HEADER = "X-Page-Cache"
CACHE_ALIAS = "pages"
# Every table a query names (Django quotes them; so does the search's own SQL).
TABLE_IN_SQL = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"', re.IGNORECASE)
# Read for the visitor (the access check, the header's address), never shown on a kept page.
PER_VISITOR_TABLES = frozenset({"django_session", "network_user", "account_emailaddress"})
# After Redis fails to answer, this process leaves it alone this long.
SHARED_RETRY_SECONDS = 5.0

_watched_models = []
_derived_models = []
_expiry_sources = []  # (source, tables it is about, or None for every page)


def _tables_of(models):
    tables = set()
    for model in models:
        tables.add(model._meta.db_table)
        tables.update(
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        )
    return tables


def watch(*models):
    """Tables whose rows cached pages show; many-to-many tables of these models come too."""
    _watched_models.extend(models)


def watched_tables():
    return sorted(_tables_of(_watched_models))


def derived(*models):
    """Tables pages read that keep only what those pages would show anyway, and whose rows go
    when what they were derived from changes (in watched tables): a page that reads them is kept
    without a token of theirs, so writing one (as a page renders) leaves kept pages in place."""
    _derived_models.extend(models)


def derived_tables():
    return frozenset(_tables_of(_derived_models))


def expires_at(source, *models):
    """Register `source(now)`: the next moment a cached page that reads `models`' tables (every
    cached page, without models) may change with time, or None."""
    _expiry_sources.append((source, frozenset(_tables_of(models)) if models else None))
    return source


def next_midnight(now):
    """Local midnight after `now`: when date-based lists (a listing that lapses) move on."""
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return datetime.combine(tomorrow, datetime.min.time(), tzinfo=timezone.get_current_timezone())


@dataclass(frozen=True)
class KeptPage:
    versions: tuple  # ((table, token), ...) of every table the page read, sorted
    expires_at: float  # a timestamp
    content: str

    @property
    def tables(self):
        return [table for table, _ in self.versions]


class LocalPages:
    """This process's short-lived copies: at most PAGE_CACHE_PAGES for at most
    PAGE_CACHE_LOCAL_SECONDS each, the least recently used going first."""

    def __init__(self):
        self._pages = OrderedDict()
        self._lock = threading.Lock()  # the development server answers in threads

    def get(self, key):
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            page, until = found
            if until <= time.monotonic():
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key, page):
        seconds = settings.PAGE_CACHE_LOCAL_SECONDS
        if seconds <= 0 or settings.PAGE_CACHE_PAGES <= 0:
            return
        with self._lock:
            self._pages[key] = (page, time.monotonic() + seconds)
            self._pages.move_to_end(key)
            while len(self._pages) > settings.PAGE_CACHE_PAGES:
                self._pages.popitem(last=False)

    def discard(self, key):
        with self._lock:
            self._pages.pop(key, None)

    def clear(self):
        with self._lock:
            self._pages.clear()

    def contents(self):
        with self._lock:
            return [page.content for page, _ in self._pages.values()]


class SharedPages:
    """The pages every process shares (the `pages` cache alias); any failure counts as a miss."""

    def __init__(self):
        self._failed_at = None

    def _cache(self):
        if CACHE_ALIAS not in settings.CACHES:
            return None
        if self._failed_at is not None:
            if time.monotonic() - self._failed_at < SHARED_RETRY_SECONDS:
                return None
            self._failed_at = None
        return caches[CACHE_ALIAS]

    def _failed(self, action, error):
        self._failed_at = time.monotonic()
        logger.warning(
            "Page cache: Redis did not answer (%s: %r); pages are rendered afresh for %s s",
            action,
            error,
            SHARED_RETRY_SECONDS,
        )

    def get(self, key):
        cache = self._cache()
        if cache is None:
            return None
        try:
            page = cache.get(key)
        except Exception as error:  # noqa: BLE001 (any failure of the cache is a miss)
            self._failed("get", error)
            return None
        return page if isinstance(page, KeptPage) else None

    def put(self, key, page, *, seconds):
        cache = self._cache()
        if cache is None:
            return
        try:
            cache.set(key, page, timeout=max(1, int(seconds)))
        except Exception as error:  # noqa: BLE001
            self._failed("set", error)

    def delete(self, key):
        cache = self._cache()
        if cache is None:
            return
        try:
            cache.delete(key)
        except Exception as error:  # noqa: BLE001
            self._failed("delete", error)

    def clear(self):
        """Delete every kept page (only the page cache's keys: the Redis may be the broker's)."""
        self._failed_at = None
        if CACHE_ALIAS not in settings.CACHES:
            return
        cache = caches[CACHE_ALIAS]
        client = getattr(getattr(cache, "_cache", None), "get_client", None)
        try:
            if client is None:
                cache.clear()
                return
            redis = client(write=True)
            keys = list(redis.scan_iter(match=cache.make_key("*"), count=1000))
            if keys:
                redis.delete(*keys)
        except Exception as error:  # noqa: BLE001
            self._failed("clear", error)


class KeptPages:
    """Both layers. `clear()` empties both (tests, and the benchmark's fresh renders);
    `contents()` is what this process holds."""

    def __init__(self):
        self.local = LocalPages()
        self.shared = SharedPages()

    def clear(self):
        self.local.clear()
        self.shared.clear()

    def contents(self):
        return self.local.contents()


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


_release = None


def release():
    """What distinguishes this release's pages from another's: PAGE_CACHE_RELEASE, or a digest
    of the code, templates and static files' manifest (computed once per process)."""
    global _release  # noqa: PLW0603 (computed once)
    if _release is None:
        _release = settings.PAGE_CACHE_RELEASE or _source_digest()
    return _release


def _source_digest():
    base = Path(settings.BASE_DIR)
    roots = [Path(directory) for template in settings.TEMPLATES for directory in template["DIRS"]]
    # The portal's own apps (folders of the project), not the installed packages.
    roots += [
        Path(config.path) for config in apps.get_app_configs() if Path(config.path).parent == base
    ]
    files = {
        path
        for root in roots
        for pattern in ("*.py", "*.html", "*.txt", "*.md")
        for path in root.rglob(pattern)
    }
    static_root = getattr(settings, "STATIC_ROOT", None)
    if static_root:
        files.add(Path(static_root) / "staticfiles.json")
    digest = hashlib.sha256()
    for path in sorted(files):
        if path.is_file():
            digest.update(
                str(path.relative_to(base) if path.is_relative_to(base) else path).encode()
            )
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def page_key(request, audience, parameters):
    """The page's key, or None if the address has a query parameter the view does not read."""
    if set(request.GET) - set(parameters):
        return None
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = (
        f"{release()}|{audience}|{request.scheme}://{request.get_host()}{request.path}?{query}"
    )
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


def versions(tables):
    """{table: token} of these tables (one query); a table without its row is left out."""
    rows = TableVersion.objects.filter(name__in=list(tables)).values_list("name", "token")
    return {name: str(token) for name, token in rows}


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


def expiry(now, tables):
    """When a page rendered now that read `tables` must be rendered again, whatever else
    changes."""
    moments = [
        source(now) for source, about in _expiry_sources if about is None or about & set(tables)
    ]
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


class TablesRead:
    """A database execute wrapper noting the tables each query names."""

    def __init__(self):
        self.tables = set()

    def __call__(self, execute, sql, params, many, context):
        self.tables.update(TABLE_IN_SQL.findall(sql))
        return execute(sql, params, many, context)


def current(page, tokens):
    """Whether a kept page was rendered under the tokens its tables have now, and has not
    reached its time."""
    return page.expires_at > time.time() and all(
        tokens.get(table) == token for table, token in page.versions
    )


class CachedPageMixin:
    """Keeps the pages a view renders and serves them again (see the module docstring).

    First among the view's bases, or after the mixin that checks access when the page is kept
    for signed-in visitors too (`shared_with_signed_in`).

    `page_parameters`: the query parameters the page reads; by default its filter form's fields
    and, when paginated, the page number. An address with any other parameter is not kept.
    `free_text_parameters`: those a visitor types freely. Such a page is kept in this process's
    bounded copy only, never in Redis, so a flood of distinct searches cannot fill the Redis
    the broker may share.
    """

    shared_with_signed_in = False
    page_parameters = None
    free_text_parameters = frozenset({"q"})

    @classmethod
    def get_page_parameters(cls):
        if cls.page_parameters is not None:
            return frozenset(cls.page_parameters)
        names = set()
        filterset_class = getattr(cls, "filterset_class", None)
        if filterset_class is not None:
            names.update(filterset_class.base_filters)
        if getattr(cls, "paginate_by", None):
            names.add(getattr(cls, "page_kwarg", "page"))
        return frozenset(names)

    def dispatch(self, request, *args, **kwargs):
        shared_by = audience(request, signed_in=self.shared_with_signed_in)
        key = None
        if shared_by is not None and is_enabled():
            key = page_key(request, shared_by, self.get_page_parameters())
        if key is None:
            return self._miss(super().dispatch(request, *args, **kwargs))
        # Every watched table's token (one query), before the page's data, so never newer
        # than it: a kept page is served if the tables it read have the tokens it was rendered
        # under, and a page rendered now is kept with them.
        tokens = versions(watched_tables())
        shared = not any(request.GET.get(name, "").strip() for name in self.free_text_parameters)
        page = kept_pages.local.get(key)
        if page is not None and not current(page, tokens):
            kept_pages.local.discard(key)
            page = None
        if page is None and shared:
            page = kept_pages.shared.get(key)
            if page is not None and current(page, tokens):
                kept_pages.local.put(key, page)
            else:
                page = None
        if page is not None:
            response = HttpResponse(fill_in(request, page.content), content_type=CONTENT_TYPE)
            response[HEADER] = "hit"
            return response
        return self._render_and_keep(request, key, tokens, shared, *args, **kwargs)

    def _miss(self, response):
        response[HEADER] = "miss"
        return response

    def _render_and_keep(self, request, key, before, shared, *args, **kwargs):
        now = timezone.now()
        read = TablesRead()
        setattr(request, RENDERING_FLAG, True)
        try:
            with connection.execute_wrapper(read):
                response = super().dispatch(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()
        finally:
            delattr(request, RENDERING_FLAG)
        if response.get("Content-Type") != CONTENT_TYPE or response.streaming:
            return self._miss(response)
        content = CSRF_INPUT.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode())
        tables = read.tables - PER_VISITOR_TABLES - derived_tables()
        unwatched = tables - set(watched_tables())
        if unwatched and can_keep(request, response):
            logger.warning(
                "Page cache: %s read tables no trigger watches (%s); not kept",
                request.path,
                ", ".join(sorted(unwatched)),
            )
        elif can_keep(request, response) and tables <= set(before):
            until = expiry(now, tables)
            page = KeptPage(
                versions=tuple(sorted((table, before[table]) for table in tables)),
                expires_at=until.timestamp(),
                content=content,
            )
            kept_pages.local.put(key, page)
            if shared:
                kept_pages.shared.put(key, page, seconds=(until - now).total_seconds())
        response.content = fill_in(request, content)
        return self._miss(response)


def trigger_sql():
    """The statements that create the trigger function and every watched table's triggers."""
    version = TableVersion._meta.db_table
    function = f"""
        CREATE OR REPLACE FUNCTION {TRIGGER_NAME}() RETURNS trigger AS $$
        DECLARE
            marker text := 'edi_portal.changed_' || TG_TABLE_NAME;
        BEGIN
            -- Once per statement and table: deferred, every row's trigger runs in the COMMIT,
            -- so the first one of each table gives it the transaction's new token.
            IF current_setting(marker, true) IS DISTINCT FROM statement_timestamp()::text THEN
                PERFORM set_config(marker, statement_timestamp()::text, true);
                INSERT INTO {version} (name, token) VALUES (TG_TABLE_NAME, gen_random_uuid())
                ON CONFLICT (name) DO UPDATE SET token = EXCLUDED.token;
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
    already. The list of tables lives in code, and a table no longer watched loses its
    triggers. Every watched table gets its token row (a new random token where there was none,
    as after `flush`)."""
    version = TableVersion._meta.db_table
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {version} (name, token)"  # noqa: S608 (the model's own table name)
            " SELECT name, gen_random_uuid() FROM unnest(%s::text[]) AS name"
            " ON CONFLICT (name) DO NOTHING",
            [watched_tables()],
        )
    replace_triggers(TRIGGER_NAME, trigger_sql(), using=using)


def replace_triggers(function, statements, *, using):
    """Run `statements` (creating the trigger function `function`, then the triggers that call
    it) unless those of this code are there already: the function's comment holds a digest of
    the statements. Every trigger that calls the function goes first, so a table no longer
    listed loses its own."""
    digest = hashlib.sha256("\n".join(statements).encode()).hexdigest()
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT obj_description(oid, 'pg_proc') FROM pg_proc WHERE proname = %s", [function]
        )
        if cursor.fetchone() == (digest,):
            return
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger"
            " JOIN pg_proc ON pg_proc.oid = pg_trigger.tgfoid WHERE pg_proc.proname = %s",
            [function],
        )
        for table, name in cursor.fetchall():
            cursor.execute(f"DROP TRIGGER {name} ON {table}")
        for statement in statements:
            cursor.execute(statement)
        cursor.execute(f"COMMENT ON FUNCTION {function}() IS %s", [digest])
