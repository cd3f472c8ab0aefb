from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Mentoring and buddy schemes"

    def ready(self):
        from edi_portal import page_cache
        from workstreams import related, search

        from .models import PROGRAMME_SEARCH_FIELDS, Programme

        page_cache.watch(Programme)
        related.register(
            "Mentoring and buddy schemes",
            lambda workstream: Programme.objects.filter(workstream=workstream, is_published=True),
            more=("All mentoring and buddy schemes", "/mentoring/"),
        )
        search.register(
            search.SearchSource(
                label="Mentoring",
                queryset=lambda: Programme.objects.filter(is_published=True),
                fields=PROGRAMME_SEARCH_FIELDS,
                summary=lambda programme: programme.summary,
            )
        )
