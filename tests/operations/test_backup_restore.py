"""docs/operations.md's backup and restore, done: pg_dump the database, pg_restore it into a
fresh database, and the portal serves its pages from the copy."""

import subprocess

import pytest
from django.db import connection

from tests.fixtures.topology import database_url
from tests.qi_projects.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run(*command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def fresh_database_url():
    """An empty database beside the test database, dropped afterwards."""
    live = database_url()
    name = f"{connection.settings_dict['NAME']}_restored"
    url = f"{live.rsplit('/', 1)[0]}/{name}"
    maintenance = f"{live.rsplit('/', 1)[0]}/postgres"
    run("psql", maintenance, "-c", f'DROP DATABASE IF EXISTS "{name}"')
    run("psql", maintenance, "-c", f'CREATE DATABASE "{name}"')
    yield url, name
    run("psql", maintenance, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restored_dump_serves_the_home_page_and_a_qi_project(
    client, tmp_path, fresh_database_url
):
    project = PublishedProjectFactory(title="Welcome packs for new trainees")
    dump = tmp_path / "portal.dump"
    # The commands in docs/operations.md.
    run(
        "pg_dump",
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        "--file",
        dump,
        database_url(),
    )
    restored_url, restored_name = fresh_database_url
    run("pg_restore", "--no-owner", "--no-privileges", "--dbname", restored_url, dump)
    # Gone from the live database: what the pages show next can only come from the copy.
    project.delete()

    settings_dict = connection.settings_dict
    live_name = settings_dict["NAME"]
    connection.close()
    settings_dict["NAME"] = restored_name
    try:
        home = client.get("/")
        page = client.get(f"/qi-projects/{project.slug}/")
    finally:
        connection.close()
        settings_dict["NAME"] = live_name

    assert home.status_code == 200
    assert page.status_code == 200
    assert "Welcome packs for new trainees" in page.content.decode()
    assert client.get(f"/qi-projects/{project.slug}/").status_code == 404
