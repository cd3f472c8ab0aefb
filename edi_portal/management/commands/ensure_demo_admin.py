"""Create the local demo's admin account if it is missing. Development only."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_ADMIN_EMAIL = "admin@demo.nhs.net"
DEMO_ADMIN_PASSWORD = "demo-admin-password"  # noqa: S105  (printed on purpose: local demo only)


class Command(BaseCommand):
    help = "Create a demo admin for the local demo (refused with DEBUG off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo admin is for local development only (DJANGO_DEBUG=true).")
        from allauth.account.models import EmailAddress

        User = get_user_model()
        user = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
        if user is None:
            user = User.objects.create_superuser(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD)
        EmailAddress.objects.update_or_create(
            user=user, email=DEMO_ADMIN_EMAIL, defaults={"verified": True, "primary": True}
        )
        self.stdout.write(
            "Demo admin (local development only, never use in production):\n"
            f"  email:    {DEMO_ADMIN_EMAIL}\n  password: {DEMO_ADMIN_PASSWORD}"
        )
