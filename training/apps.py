from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training"

    def ready(self):
        from workstreams import related

        from .models import Session

        related.register(
            "Upcoming training sessions",
            lambda workstream: (
                Session.objects.filter(course__workstream=workstream)
                .upcoming()
                .select_related("course")
            ),
        )
