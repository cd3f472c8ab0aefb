"""What each pytest-xdist worker needs of its own, as pytest-django gives each its own PostgreSQL
database: a Redis database (the Celery broker, and the kept pages unless PAGE_CACHE_URL names
another), so one worker's tasks and pages never reach another's, and the ports of the servers the
tests start (the object store, the mail server and the production processes:
`port_of_this_worker`). `make test` loads it with -p, so it runs before Django is set up.
"""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

# Redis's own default (its `databases` setting).
REDIS_DATABASES = 16


def worker_number():
    """0, 1, ... for the workers "gw0", "gw1", ...; 0 without xdist."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))


def port_of_this_worker(port):
    """`port` in the first worker (and without xdist), `port` + 100 in the second, and so on."""
    return port + 100 * worker_number()


def database_of_this_worker(url):
    """The Redis URL's database number plus 1 for the first worker, 2 for the second..."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + 1 + worker_number()
    if number >= REDIS_DATABASES:
        raise pytest.UsageError(
            f"{url}: a pytest worker would use Redis database {number}, and Redis has "
            f"{REDIS_DATABASES}. Use a lower database number, or fewer workers (PYTEST_WORKERS)."
        )
    return urlunsplit(parts._replace(path=f"/{number}"))


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return
    for name in ("CELERY_BROKER_URL", "PAGE_CACHE_URL"):
        url = os.environ.get(name, "")
        if urlsplit(url).scheme in ("redis", "rediss"):
            os.environ[name] = database_of_this_worker(url)
