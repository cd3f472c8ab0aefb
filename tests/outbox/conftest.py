import shutil
import socket
import subprocess
import time

import pytest
import redis

from tests.outbox.backends import FlakyBackend


def wait_for(condition, *, timeout=10, message="condition"):
    """Poll until condition() is true (the worker runs in another thread)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout} s waiting for {message}")
        time.sleep(0.05)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayRedis:
    """A redis-server of the test's own, to stop and start again (never the shared one)."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(self.port)]
            + ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.directory), "--logfile", ""],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
        wait_for(self._answers(client), timeout=5, message="redis-server to start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=5)
        self.process = None

    @staticmethod
    def _answers(client):
        def answers():
            try:
                return client.ping()
            except redis.ConnectionError:
                return False

        return answers


@pytest.fixture
def throwaway_redis(tmp_path):
    server = ThrowawayRedis(tmp_path)
    server.start()
    yield server
    if server.process is not None:
        server.stop()


@pytest.fixture
def flaky_mail_server(settings):
    settings.EMAIL_BACKEND = "tests.outbox.backends.FlakyBackend"
    FlakyBackend.failures_left = 0
    FlakyBackend.attempted_at = []
    return FlakyBackend
