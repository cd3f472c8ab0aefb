from django.apps import AppConfig


class WorkstreamsConfig(AppConfig):
    name = "workstreams"
    verbose_name = "Workstreams and content"

    def ready(self):
        from edi_portal import home, page_cache

        from .models import GoodPractice, Page, Resource, SearchSynonym, Workstream, WorkstreamLead

        page_cache.watch(Workstream, WorkstreamLead, Page, Resource, GoodPractice, SearchSynonym)
        home.register("workstreams", lambda: Workstream.objects.filter(is_active=True))
