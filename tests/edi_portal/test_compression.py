"""Pages are compressed when the client accepts it; static files are hashed and offered in Brotli."""

import gzip

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_a_page_is_gzipped_for_a_client_that_accepts_it(client):
    plain = client.get("/accessibility/")
    compressed = client.get("/accessibility/", headers={"accept-encoding": "gzip, br"})
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    html = gzip.decompress(compressed.content).decode()
    assert "<h1" in html
    assert len(compressed.content) < len(plain.content) / 2


def test_static_modules_import_hashed_names_and_come_in_brotli(settings, tmp_path):
    source = tmp_path / "source"
    (source / "js").mkdir(parents=True)
    (source / "build").mkdir()
    (source / "build" / "bundle.js").write_text("export function start() {}\n" * 50)
    (source / "js" / "main.mjs").write_text(
        'import { start } from "../build/bundle.js";\nstart();\n'
    )
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "edi_portal.storage.StaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    [main] = (tmp_path / "collected" / "js").glob("main.*.mjs")
    [bundle] = (tmp_path / "collected" / "build").glob("bundle.*.js")
    assert f'from "../build/{bundle.name}";' in main.read_text()
    assert bundle.with_name(bundle.name + ".br").exists()
