from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Mentoring and buddy schemes"

    def ready(self):
        from workstreams import related

        from .models import Programme

        related.register(
            "Mentoring and buddy schemes",
            lambda workstream: Programme.objects.filter(workstream=workstream, is_published=True),
        )
