"""docker-compose.yml runs the production-like stack; there is no Docker engine here, so the file
is validated against the Compose specification and its services are cross-checked."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ["web", "worker", "beat", "migrate"]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def command(service):
    value = service.get("command", [])
    return value.split() if isinstance(value, str) else value


def test_file_follows_the_compose_specification():
    check_jsonschema = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [check_jsonschema, "--builtin-schema", "vendor.compose-spec", "docker-compose.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_stack_has_every_service(compose):
    services = compose["services"]
    assert set(services) >= {"db", "redis", "web", "worker", "beat", "mailpit"}
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:")
    assert services["mailpit"]["image"].startswith("axllent/mailpit:")


def test_web_worker_and_beat_share_one_image_and_environment(compose):
    services = compose["services"]
    first = services[APP_SERVICES[0]]
    assert first["build"] == "."
    for name in APP_SERVICES:
        assert services[name]["build"] == first["build"]
        assert services[name]["image"] == first["image"]
        # The same object: one YAML anchor, not three copies kept in step by hand.
        assert services[name]["environment"] is first["environment"]


def test_every_app_service_starts_its_process_through_docker_start(compose):
    services = compose["services"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["/app/docker/start"]' in dockerfile
    assert 'CMD ["web"]' in dockerfile
    for name in APP_SERVICES:
        assert command(services[name]) == [name]
        assert "entrypoint" not in services[name]
    start = (ROOT / "docker" / "start").read_text()
    for name in APP_SERVICES:
        assert f"\n  {name})\n" in start


def test_migrations_run_once_before_web_worker_and_beat(compose):
    services = compose["services"]
    assert services["migrate"]["restart"] == "no"
    for name in ["web", "worker", "beat"]:
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
    start = (ROOT / "docker" / "start").read_text()
    web = start.split("\n  web)\n", 1)[1].split(";;", 1)[0]
    assert "migrate" not in web
    migrate = start.split("\n  migrate)\n", 1)[1].split(";;", 1)[0]
    assert "manage.py migrate --noinput" in migrate
    assert "manage.py createcachetable" in migrate


def test_email_goes_to_the_mail_catcher(compose):
    environment = compose["x-environment"]
    assert environment["EMAIL_URL"] == "smtp://mailpit:1025"
    assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["DJANGO_DEBUG"] == "false"


def test_services_have_health_checks_and_wait_for_healthy_dependencies(compose):
    services = compose["services"]
    # beat has nothing to ask and migrate runs once; every other service says whether it is
    # healthy, and services wait for healthy dependencies or for migrate to have finished.
    for name, service in services.items():
        if name not in {"beat", "migrate"}:
            assert service["healthcheck"]["test"], name
        for dependency, condition in service.get("depends_on", {}).items():
            assert dependency in services, f"{name} depends on unknown {dependency}"
            if dependency == "migrate":
                assert condition["condition"] == "service_completed_successfully"
            else:
                assert condition["condition"] == "service_healthy"
                assert "healthcheck" in services[dependency]
    assert set(services["web"]["depends_on"]) >= {"db", "redis"}


def test_named_volumes_are_declared(compose):
    declared = set(compose["volumes"])
    used = {
        volume.split(":")[0]
        for service in compose["services"].values()
        for volume in service.get("volumes", [])
        if not volume.startswith((".", "/"))
    }
    assert used == declared
    assert {"pgdata", "redisdata"} <= declared


def test_dockerfile_builds_frontend_then_a_non_root_python_image():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = [line for line in dockerfile.splitlines() if line.startswith("FROM ")]
    assert stages[0].startswith("FROM node:") and stages[0].endswith(" AS frontend")
    assert stages[-1] == "FROM python:3.11-slim"
    assert "RUN npm ci" in dockerfile
    assert "node scripts/build-frontend.mjs" in dockerfile
    assert "COPY --from=frontend" in dockerfile
    assert "manage.py collectstatic --noinput" in dockerfile
    user_lines = [line for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert user_lines and user_lines[-1] not in {"USER root", "USER 0"}
    dockerignore = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".env", ".venv", "node_modules"} <= set(dockerignore)


def test_the_dockerfile_passes_hadolint():
    hadolint = Path(sys.executable).with_name("hadolint")
    result = subprocess.run(
        [hadolint, "Dockerfile"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
