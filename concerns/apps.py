from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "concerns"
    verbose_name = "Concerns"

    def ready(self):
        from django.urls import reverse
        from django.utils import timezone

        from edi_portal import page_cache, retention
        from network.audit import special_category_reads
        from workstreams import search

        from . import services
        from .models import YouSaidWeDid

        special_category_reads.register(self.get_model("Concern"))
        page_cache.watch(YouSaidWeDid)
        search.register(
            search.SearchSource(
                label="You said, we did",
                queryset=lambda: YouSaidWeDid.objects.filter(
                    published_on__lte=timezone.localdate()
                ),
                fields=("theme", "you_said", "we_did"),
                stored=False,  # a few rows: the vector is computed in the query
                summary=lambda item: item.you_said,
                url=lambda item: f"{reverse('concerns:concern_you_said_we_did')}#theme-{item.pk}",
                order=("-published_on", "-pk"),
            )
        )
        retention.register(
            records="Concerns, with their messages and history",
            setting="CONCERN_RETENTION_DAYS",
            after="it was raised",
            delete=services.delete_expired_concerns,
        )
        retention.register(
            records="Links of deleted concerns: a scrambled form of the link and the date, "
            "nothing else",
            setting="CONCERN_GONE_LINK_RETENTION_DAYS",
            after="the concern was deleted",
            delete=services.delete_expired_gone_links,
        )
