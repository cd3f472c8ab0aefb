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


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_deploy_check_passes_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_a_secret_key_migrations_can_be_checked_but_the_deploy_check_fails():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]

    migrations = manage("makemigrations", "--check", "--dry-run", env=env)
    deploy = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    signing = manage("shell", "-c", "from django.core import signing; signing.dumps(1)", env=env)

    assert migrations.returncode == 0, migrations.stdout + migrations.stderr
    assert deploy.returncode != 0 and "security.W009" in deploy.stdout + deploy.stderr
    assert "The SECRET_KEY setting must not be empty" in signing.stderr
