from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = "Network membership"

    def ready(self):
        from edi_portal import page_cache, retention

        from . import services
        from .audit import special_category_reads
        from .models import Cohort

        page_cache.watch(Cohort)
        page_cache.expires_at(Cohort.next_change, Cohort)
        special_category_reads.register(self.get_model("EqualityMonitoring"))
        retention.register(
            records="Declined and withdrawn applications, with their equality answers",
            setting="APPLICATION_RETENTION_DAYS",
            after="their last change",
            delete=services.delete_expired_applications,
        )
