import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hundreds of fixture users: hashing their passwords properly would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
