from urllib.parse import urlencode

from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training"

    def ready(self):
        from edi_portal import page_cache, retention
        from workstreams import related, search

        from . import services
        from .filters import next_month_starts
        from .models import (
            COURSE_SEARCH_FIELDS,
            Booking,
            Course,
            FacilitatorOffer,
            Session,
            SessionFacilitator,
            next_whole_minute,
        )

        # A session's page names the trainee facilitators who agreed to be named.
        page_cache.watch(Course, Session, Booking, FacilitatorOffer, SessionFacilitator)
        page_cache.expires_at(Session.objects.next_change, Session)
        page_cache.expires_at(next_month_starts, Session)  # the month filter's choices move on

        related.register(
            "Upcoming training sessions",
            lambda: (
                Session.objects.filter(course__workstream=related.WORKSTREAM)
                .upcoming(now=related.NOW)
                .select_related("course")
                .only("starts_at", "course__name")  # what a session's link shows
            ),
        )
        search.register(
            search.SearchSource(
                label="Training course",
                queryset=lambda: Course.objects.filter(is_active=True),
                fields=COURSE_SEARCH_FIELDS,
                summary=lambda course: course.summary,
                words="training course",
                # No page of its own: the training list, showing this course's sessions.
                url=lambda course: f"/training/?{urlencode({'course': course.slug})}",
            )
        )
        search.register(
            search.SearchSource(
                label="Training session",
                # As of the next whole minute, so the query is compiled once a minute, not on
                # every search (workstreams.search keeps it while the filter is the same).
                queryset=lambda: Session.objects.upcoming(now=next_whole_minute()).select_related(
                    "course"
                ),
                # Found first by where it is, then by its course's name (Session.search_document).
                fields=("venue", "course__name", "address"),
                related_titles=("course",),
                words="training session",
                summary=lambda session: session.venue or session.get_format_display(),
                order=("starts_at", "pk"),
                most=3,  # the soonest that match best; the course leads to the rest
            )
        )
        retention.register(
            records="Training bookings, with attendance and feedback",
            setting="BOOKING_RETENTION_DAYS",
            after="the session ended",
            delete=services.delete_old_bookings,
        )
        retention.register(
            records="Requests for a training session",
            setting="SESSION_REQUEST_RETENTION_DAYS",
            after="it was sent",
            delete=services.delete_old_session_requests,
        )
        retention.register(
            records="Offers to help run training, with the sessions they were assigned to",
            setting="FACILITATOR_RETENTION_DAYS",
            after="the offer was decided and the last of those sessions ended",
            delete=services.delete_old_facilitator_records,
        )
