"""docker/gunicorn.conf.py: gunicorn's settings follow the deployment's environment."""

import runpy
from pathlib import Path
from unittest import mock

import pytest

CONFIG = Path(__file__).resolve().parents[2] / "docker" / "gunicorn.conf.py"


def gunicorn_settings(**environment):
    with mock.patch.dict("os.environ", environment, clear=True):
        return runpy.run_path(str(CONFIG))


@pytest.mark.parametrize(
    ("environment", "trusted"),
    [
        ({}, "127.0.0.1,::1"),
        ({"DJANGO_BEHIND_PROXY": "true"}, "*"),
        ({"DJANGO_BEHIND_PROXY": "true", "FORWARDED_ALLOW_IPS": "10.0.0.5"}, "10.0.0.5"),
    ],
    ids=["direct", "behind-a-load-balancer", "named-balancer"],
)
def test_forwarded_headers_are_trusted_only_behind_the_load_balancer(environment, trusted):
    assert gunicorn_settings(**environment)["forwarded_allow_ips"] == trusted


def test_port_and_worker_count_come_from_the_platform():
    default = gunicorn_settings()
    assert default["bind"] == ["0.0.0.0:8000"] and default["workers"] == 3
    chosen = gunicorn_settings(PORT="9000", WEB_CONCURRENCY="5")
    assert chosen["bind"] == ["0.0.0.0:9000"] and chosen["workers"] == 5
    # Requests are logged by the portal itself, as JSON; gunicorn's access log would repeat them.
    assert default["accesslog"] is None
