"""Factories shared by every app's tests. App-specific ones live in tests/<app>/factories.py."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from network.models import User
from workstreams.models import Workstream


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified email address on an allowed trainee domain."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"trainee{n}@nhs.net")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Pass verified=False for an unverified address."""
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )
            self.save()


class StaffFactory(UserFactory):
    email = factory.Sequence(lambda n: f"admin{n}@nhs.net")
    is_staff = True


class WorkstreamFactory(factory.django.DjangoModelFactory):
    """A workstream; passing an existing slug returns that workstream."""

    class Meta:
        model = Workstream
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Workstream {n}")
    slug = factory.Sequence(lambda n: f"workstream-{n}")
    summary = "A workstream of the network."
    description = "What the workstream does."
    how_to_get_involved = "Join the network and choose this workstream."
    order = factory.Sequence(lambda n: n)


def give_authenticator(user):
    """Set up an authenticator app (TOTP) for the user, as staff must; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
