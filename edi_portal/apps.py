from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "edi_portal"
    verbose_name = "Portal"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import (
            checks,  # noqa: F401  (registers the system checks)
            retention,
            services,
        )

        post_migrate.connect(install_page_cache_triggers, sender=self)
        retention.register(
            records="Sent and failed emails",
            setting="OUTBOX_RETENTION_DAYS",
            after="they were written",
            delete=services.delete_old_emails,
        )


def install_page_cache_triggers(using, **kwargs):
    from django.db import connections

    from . import page_cache

    if connections[using].vendor == "postgresql":
        page_cache.install_triggers(using=using)
