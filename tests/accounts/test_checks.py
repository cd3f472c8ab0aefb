"""The system check that keeps two-factor authentication for /admin/ on in production."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from edi_portal.checks import admin_two_factor_required


def test_two_factor_off_with_debug_off_is_an_error(settings):
    settings.DEBUG = False
    settings.ADMIN_REQUIRE_2FA = False
    errors = admin_two_factor_required(None)
    assert [error.id for error in errors] == ["edi_portal.E001"]
    with pytest.raises(SystemCheckError, match="ADMIN_REQUIRE_2FA"):
        call_command("check")


def test_two_factor_off_is_allowed_for_the_local_demo(settings):
    settings.DEBUG = True
    settings.ADMIN_REQUIRE_2FA = False
    assert admin_two_factor_required(None) == []


def test_two_factor_on_passes(settings):
    settings.DEBUG = False
    settings.ADMIN_REQUIRE_2FA = True
    assert admin_two_factor_required(None) == []
