import os

import pytest
from django.core.cache import cache
from django.db import connection

from edi_portal import page_cache

# Playwright's sync API runs an event loop in the test's thread; the ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = [
    "tests.fixtures.browser",
    "tests.fixtures.celery_worker",
    "tests.fixtures.object_store",
    "tests.fixtures.topology",
]


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Tests serve static files from the finders, not a collectstatic manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The production hasher is slow on purpose; tests create and sign in many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fresh_cache(request, django_db_blocker):
    """allauth's rate-limit counters live in the database cache; start each test with none."""
    if "django_db_setup" in request.fixturenames or request.node.get_closest_marker("django_db"):
        # Unblocked: a transactional test's database fixture may not be set up yet.
        with django_db_blocker.unblock():
            cache.clear()
    yield


@pytest.fixture(autouse=True)
def page_cache_sees_changes_in_the_test(request):
    """A test marked for the database runs in one transaction that never commits, so the page
    cache's triggers (deferred to the commit) would never raise the content version: they run
    at each statement instead. Transactional tests commit, and keep them deferred."""
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if ("db" in request.fixturenames or marker is not None) and not transactional:
        request.getfixturevalue("db")
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS {page_cache.TRIGGER_NAME} IMMEDIATE")
    # Each test's changes are rolled back, so the version numbers repeat: keep nothing across.
    page_cache.kept_pages.clear()
    yield


@pytest.fixture(autouse=True)
def celery_in_process(request):
    """Tasks run in-process unless the test runs a real worker (the `celery_worker` fixture,
    `running_worker()` in a test marked `worker`, or the worker processes of a `topology` test)."""
    from celery.result import _set_task_join_will_block

    from edi_portal.celery import app

    # Celery marks the whole process while an eager task runs ("inside a task": waiting for a
    # result is refused), restoring the mark it found after. Two threads running tasks at once (a
    # live server's) can leave it set for the next test, so each test starts without it.
    _set_task_join_will_block(False)
    if (
        "celery_worker" in request.fixturenames
        or request.node.get_closest_marker("worker")
        or request.node.get_closest_marker("topology")
    ):
        yield
        return
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def admin_without_two_factor(settings):
    """Admin tests sign in with a password only; two-factor has its own tests."""
    settings.ADMIN_REQUIRE_2FA = False
