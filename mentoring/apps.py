from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Mentoring and buddy schemes"

    def ready(self):
        from edi_portal import page_cache, retention
        from workstreams import related, search

        from . import services
        from .models import PROGRAMME_SEARCH_FIELDS, Programme

        page_cache.watch(Programme)
        related.register(
            "Mentoring and buddy schemes",
            lambda: Programme.objects.filter(workstream=related.WORKSTREAM, is_published=True),
            more=("All mentoring and buddy schemes", "/mentoring/"),
            links=related.page_links("name", "mentoring:programme", "slug"),
        )
        search.register(
            search.SearchSource(
                label="Mentoring",
                queryset=lambda: Programme.objects.filter(is_published=True),
                fields=PROGRAMME_SEARCH_FIELDS,
                summary=lambda programme: programme.summary,
            )
        )
        retention.register(
            records="Mentoring sign-ups, with what was shared for matching, matches, check-ins, "
            "declines (and their reasons) and feedback",
            setting="MENTORING_RETENTION_DAYS",
            after="the sign-up ended",
            delete=services.delete_old_sign_ups,
        )
