"""The portal's wording for allauth (locale/en_GB) is compiled and used."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

MESSAGES = Path(settings.BASE_DIR) / "locale" / "en_GB" / "LC_MESSAGES"


def catalog(mo_path):
    with open(mo_path, "rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


def test_the_committed_catalogue_matches_its_source(tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("GNU gettext's msgfmt is not installed")
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", compiled, MESSAGES / "django.po"], check=True)
    assert catalog(compiled) == catalog(MESSAGES / "django.mo"), (
        "run: msgfmt -o locale/en_GB/LC_MESSAGES/django.mo locale/en_GB/LC_MESSAGES/django.po"
    )


@pytest.mark.django_db
def test_allauth_pages_use_sentence_case(client):
    page = client.get("/accounts/login/").content.decode()
    assert "Sign In" not in page
    assert "Sign in with a code sent by email" in page
    assert "Create an account" in client.get("/accounts/signup/").content.decode()
