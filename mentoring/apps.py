from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Mentoring and buddy schemes"

    def ready(self):
        from edi_portal import page_cache
        from workstreams import related

        from .models import Programme

        page_cache.watch(Programme)
        related.register(
            "Mentoring and buddy schemes",
            lambda workstream: Programme.objects.filter(workstream=workstream, is_published=True),
        )
