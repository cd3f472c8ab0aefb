from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training"

    def ready(self):
        from edi_portal import page_cache
        from workstreams import related

        from .filters import next_month_starts
        from .models import Booking, Course, Session

        page_cache.watch(Course, Session, Booking)
        page_cache.expires_at(Session.objects.next_change)
        page_cache.expires_at(next_month_starts)  # the month filter's choices move on

        related.register(
            "Upcoming training sessions",
            lambda workstream: (
                Session.objects.filter(course__workstream=workstream)
                .upcoming()
                .select_related("course")
            ),
        )
