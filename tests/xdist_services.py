"""What each pytest-xdist worker needs of its own, as pytest-django gives each its own PostgreSQL
database: a Redis database (the Celery broker and the kept pages), so one worker's tasks and
pages never reach another's, and the ports of the servers the tests start (the object store,
the mail server and the production processes: `port_of_this_worker`). Loaded with -p
(pyproject.toml): it runs before Django is set up.
"""

import os

import pytest


def worker_number():
    """0, 1, ... for the workers "gw0", "gw1", ...; 0 without xdist."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))


def port_of_this_worker(port):
    """`port` in the first worker (and without xdist), `port` + 100 in the second, and so on."""
    return port + 100 * worker_number()


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if "PYTEST_XDIST_WORKER" in os.environ and broker.startswith("redis://"):
        server, _, database = broker.rpartition("/")
        os.environ["CELERY_BROKER_URL"] = f"{server}/{int(database or 0) + 1 + worker_number()}"
