from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    verbose_name = "Opportunities to lead and take part"

    def ready(self):
        from edi_portal import page_cache, retention, sitemaps
        from workstreams import search

        from . import services
        from .models import OPPORTUNITY_SEARCH_FIELDS, Opportunity, next_closing
        from .sitemaps import OpportunitySitemap

        page_cache.watch(Opportunity)
        # An opportunity leaves the list, its page's form and the search on its closing date.
        page_cache.expires_at(next_closing, Opportunity)
        search.register(
            search.SearchSource(
                label="Opportunity",
                queryset=lambda: Opportunity.objects.open(),
                fields=OPPORTUNITY_SEARCH_FIELDS,
                summary=lambda opportunity: opportunity.summary,
                words="opportunity",
            )
        )
        sitemaps.register("opportunities-list", sitemaps.NamedPages("opportunities:list"))
        sitemaps.register("opportunities", OpportunitySitemap())
        retention.register(
            records="Expressions of interest in an opportunity",
            setting="OPPORTUNITY_INTEREST_RETENTION_DAYS",
            after="the opportunity closed",
            delete=services.delete_old_interests,
        )
