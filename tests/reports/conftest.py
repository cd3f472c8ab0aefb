import pytest
from django.contrib.auth.models import Permission

from tests.factories import StaffFactory, give_authenticator


def grant(user, *codenames):
    """app_label.codename permissions; a fresh copy of the user so the permission cache is empty."""
    for name in codenames:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return type(user).objects.get(pk=user.pk)


def with_two_factor(user):
    give_authenticator(user)
    return user


@pytest.fixture
def reports_user():
    """Staff with the reports permission (not the equality one) and an authenticator app."""
    return with_two_factor(grant(StaffFactory(), "reports.view_reports"))


@pytest.fixture
def equality_user():
    """Staff who may also see equality monitoring: the Diversity section is theirs."""
    return with_two_factor(
        grant(StaffFactory(), "reports.view_reports", "network.view_equalitymonitoring")
    )


@pytest.fixture
def reports_client(client, equality_user):
    client.force_login(equality_user)
    return client
