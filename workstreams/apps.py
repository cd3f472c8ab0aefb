from django.apps import AppConfig


class WorkstreamsConfig(AppConfig):
    name = "workstreams"
    verbose_name = "Workstreams and content"

    def ready(self):
        from django.db.models.signals import post_migrate

        from edi_portal import home, page_cache, retention

        from . import services
        from .models import (
            BuiltInPage,
            GoodPractice,
            Page,
            Resource,
            SearchChange,
            SearchEntry,
            SearchKind,
            SearchShown,
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
            SearchEntry,
            SearchKind,
            SearchChange,
        )
        # A result as shown is kept the first time a search shows it; it goes with its entry.
        page_cache.derived(SearchShown)
        post_migrate.connect(index_for_search, sender=self)
        retention.register(
            records="Counts of searches",
            setting="SEARCH_RECORD_RETENTION_DAYS",
            after="the day of the searches",
            delete=services.delete_old_search_records,
        )
        home.register("workstreams", lambda: Workstream.objects.filter(is_active=True))


def index_for_search(using, **kwargs):
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    from . import search

    # Search reads every app's tables: only once all of them are migrated (not after migrating
    # one app, or back to an earlier migration).
    executor = MigrationExecutor(connections[using])
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        search.index(using=using)
