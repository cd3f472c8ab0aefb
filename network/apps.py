from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = "Network membership"

    def ready(self):
        from django.urls import reverse
        from django.utils import timezone

        from edi_portal import page_cache, retention
        from workstreams import search

        from . import (
            receivers,  # noqa: F401  (connects the signal receivers)
            services,
            services_concerns,
        )
        from .audit import special_category_reads
        from .models import Cohort, YouSaidWeDid

        page_cache.watch(Cohort, YouSaidWeDid)
        search.register(
            search.SearchSource(
                label="You said, we did",
                queryset=lambda: YouSaidWeDid.objects.filter(
                    published_on__lte=timezone.localdate()
                ),
                fields=("theme", "you_said", "we_did"),
                stored=False,  # a few rows: the vector is computed in the query
                summary=lambda item: item.you_said,
                url=lambda item: f"{reverse('network:concern_you_said_we_did')}#theme-{item.pk}",
                order=("-published_on", "-pk"),
            )
        )
        page_cache.expires_at(Cohort.next_change)
        special_category_reads.register(self.get_model("EqualityMonitoring"))
        special_category_reads.register(self.get_model("Concern"))
        retention.register(
            records="Declined and withdrawn applications, with their equality answers",
            setting="APPLICATION_RETENTION_DAYS",
            after="their last change",
            delete=services.delete_expired_applications,
        )
        retention.register(
            records="Concerns, with their messages and history",
            setting="CONCERN_RETENTION_DAYS",
            after="it was raised",
            delete=services_concerns.delete_expired_concerns,
        )
