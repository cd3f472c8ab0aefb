"""network.accounts.is_verified_trainee: a verified address on an allowed domain."""

import pytest
from django.contrib.auth.models import AnonymousUser

from network.accounts import is_verified_trainee
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def trainee_domains(settings):
    settings.ALLOWED_TRAINEE_EMAIL_DOMAINS = ["nhs.net", "nhs.uk"]


@pytest.mark.parametrize(
    ("email", "verified", "expected"),
    [
        ("asha.patel@nhs.net", True, True),
        ("asha.patel@NHS.NET", True, True),
        ("asha.patel@x.nhs.uk", True, True),
        ("asha.patel@nhs.net", False, False),
        ("asha.patel@gmail.com", True, False),
        ("asha.patel@notnhs.net", True, False),
        ("asha.patel@nhs.net.example.com", True, False),
    ],
)
def test_verified_trainee_by_domain(email, verified, expected):
    user = UserFactory(email=email, verified=verified)
    assert is_verified_trainee(user) is expected


def test_any_verified_allowed_address_counts():
    user = UserFactory(email="asha@gmail.com")
    user.emailaddress_set.create(email="asha.patel@nhs.net", verified=True, primary=False)
    assert is_verified_trainee(user)


def test_signed_out_visitor_is_not_a_trainee():
    assert not is_verified_trainee(AnonymousUser())


def test_domains_come_from_the_setting(settings):
    settings.ALLOWED_TRAINEE_EMAIL_DOMAINS = ["hee.nhs.uk"]
    assert not is_verified_trainee(UserFactory(email="asha@nhs.net"))
    assert is_verified_trainee(UserFactory(email="asha@hee.nhs.uk"))
