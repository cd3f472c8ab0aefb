from django.apps import AppConfig


class WorkstreamsConfig(AppConfig):
    name = "workstreams"
    verbose_name = "Workstreams and content"

    def ready(self):
        from django.db.models.signals import post_migrate

        from edi_portal import page_cache

        from .models import (
            BuiltInPage,
            GoodPractice,
            Page,
            Resource,
            SearchSynonym,
            SearchWord,
            Workstream,
            WorkstreamLead,
        )

        page_cache.watch(
            Workstream,
            WorkstreamLead,
            Page,
            Resource,
            GoodPractice,
            SearchSynonym,
            BuiltInPage,
            SearchWord,
        )
        post_migrate.connect(index_for_search, sender=self)


def index_for_search(using, **kwargs):
    from . import search

    search.index(using=using)
