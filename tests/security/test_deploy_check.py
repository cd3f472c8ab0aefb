"""`manage.py check --deploy` passes under production settings, with warnings as failures."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_env():
    env = {
        key: value
        for key, value in os.environ.items()
        # `make test` relaxes these for the test client; production takes the defaults.
        if not key.startswith(("DJANGO_", "ADMIN_REQUIRE_2FA"))
    }
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="portal.example.nhs.uk",
    )
    return env


def test_deploy_check_passes_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
