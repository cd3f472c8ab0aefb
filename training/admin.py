import itertools

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from edi_portal.admin import (
    QuickChangelistMixin,
    SearchEachFieldMixin,
    plural,
    read_only_action,
    service_action,
    through_services,
)
from edi_portal.csv_export import csv_response

from . import services
from .models import (
    Booking,
    Course,
    FacilitatorOffer,
    Feedback,
    Session,
    SessionFacilitator,
    SessionRequest,
)


def feedback_table(feedback):
    """The share of 4s and 5s per question, as a small HTML table for a change page."""
    shares = feedback.top_box_shares()
    total = next(iter(shares.values()))["total"]
    if not total:
        return "No feedback yet."
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{} of {}</td><td>{}%</td></tr>",
        (
            (share["label"], share["top"], share["total"], share["percent"])
            for share in shares.values()
        ),
    )
    return format_html(
        "<table><thead><tr><th>Question</th><th>Scored 4 or 5</th><th>Share</th></tr></thead>"
        "<tbody>{}</tbody></table>",
        rows,
    )


def people_told_of_cancellation(sessions):
    """The bookings cancel_session emails: a place or a place on the waiting list, in a session
    not already cancelled (whose people were told then)."""
    return Booking.objects.filter(
        session__in=sessions.exclude(status=Session.Status.CANCELLED),
        status__in=[Booking.Status.CONFIRMED, Booking.Status.WAITING],
    )


def bookings_cancellable(bookings):
    """The bookings cancel_booking changes, each emailing its person: not yet cancelled, for a
    session that has not started."""
    return bookings.exclude(status=Booking.Status.CANCELLED).filter(
        session__starts_at__gt=timezone.now()
    )


@admin.register(Course)
class CourseAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "workstream", "is_active", "order"]
    list_filter = ["is_active", "workstream"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["feedback_summary"]
    search_fields = ["name"]

    @admin.display(description="Feedback: share of 4s and 5s")
    def feedback_summary(self, course):
        return feedback_table(Feedback.objects.filter(booking__session__course=course))


class BookingInline(admin.TabularInline):
    """The attendance register: record attended or did not attend for each confirmed place."""

    model = Booking
    fields = ["name", "email", "organisation", "status", "attendance", "access_requirements"]
    readonly_fields = ["name", "email", "organisation", "status", "access_requirements"]
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "bookings and attendance register"

    def has_add_permission(self, request, obj=None):
        return False  # places are booked through the booking form, which enforces capacity


class StartsFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", "Upcoming"), ("past", "Past")]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.filter(starts_at__gt=timezone.now())
        if self.value() == "past":
            return queryset.filter(starts_at__lte=timezone.now())
        return queryset


class SessionFilter(admin.SimpleListFilter):
    """One session, reached by the session's register link (?session=<id>).

    Django's own filter for a foreign key lists every session as a choice, and naming each
    session loads its course: thousands of queries. This one names only the chosen session.
    """

    title = "session"
    parameter_name = "session"

    def lookups(self, request, model_admin):
        chosen = self.value()
        if not chosen or not chosen.isdigit():
            return []
        return [
            (str(session.pk), str(session))
            for session in Session.objects.select_related("course").filter(pk=chosen)
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.parameter_name: self.value()})
        return queryset


class FeedbackSessionFilter(SessionFilter):
    parameter_name = "booking__session"


@admin.register(Session)
class SessionAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "format",
        "capacity",
        "places_taken",
        "places_left_display",
        "waiting",
        "status",
    ]
    list_filter = [StartsFilter, "course", "format", "status"]
    list_select_related = ["course"]
    search_fields = ["course__name", "venue", "facilitators"]
    date_hierarchy = "starts_at"
    readonly_fields = ["status", "cancelled_at", "register_link", "feedback_summary"]
    fieldsets = [
        (None, {"fields": ["course", "starts_at", "ends_at", "facilitators", "capacity"]}),
        ("Where", {"fields": ["format", "venue", "address", "joining_link"]}),
        ("Booking window", {"fields": ["booking_opens_at", "booking_closes_at"]}),
        ("Status", {"fields": ["status", "cancelled_at", "register_link"]}),
        ("Feedback", {"fields": ["feedback_summary"]}),
    ]
    inlines = [BookingInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["cancel_sessions", "export_attendees"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description="taken", ordering="confirmed_count")
    def places_taken(self, session):
        return session.confirmed_count

    @admin.display(description="left")
    def places_left_display(self, session):
        return session.places_left()

    @admin.display(description="waiting", ordering="waiting_count")
    def waiting(self, session):
        return session.waiting_count

    @admin.display(description="Register")
    def register_link(self, session):
        if not session.pk:
            return "-"
        url = reverse("admin:training_booking_changelist")
        return format_html(
            '<a href="{}?session={}&status__exact=confirmed">'
            "Take the register (mark attended or did not attend)</a>",
            url,
            session.pk,
        )

    @admin.display(description="Share of 4s and 5s")
    def feedback_summary(self, session):
        return feedback_table(Feedback.objects.filter(booking__session=session))

    @through_services(services.tell_attendees_details_changed, services.promote_from_waiting_list)
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and set(form.changed_data) & set(Session.DETAILS_IN_CALENDAR):
            told = services.tell_attendees_details_changed(session_id=obj.pk)
            if told:
                self.message_user(
                    request, f"{told} people booked or waiting have been emailed the change."
                )
        if change and "capacity" in form.changed_data:
            promoted = services.promote_from_waiting_list(session_id=obj.pk)
            if promoted:
                self.message_user(
                    request, f"{len(promoted)} people on the waiting list now have a place."
                )

    @service_action(
        services.cancel_session,
        description="Cancel the selected sessions and email everyone booked",
        people_emailed=lambda sessions: people_told_of_cancellation(sessions).count(),
    )
    def cancel_sessions(self, request, queryset):
        emailed = people_told_of_cancellation(queryset).count()
        for session in queryset:
            services.cancel_session(session_id=session.pk)
        self.message_user(
            request,
            f"{plural(len(queryset), 'session')} cancelled; {plural(emailed, 'person', 'people')} "
            "emailed.",
            messages.SUCCESS,
        )

    @read_only_action(description="Export attendees of the selected sessions (CSV)")
    def export_attendees(self, request, queryset):
        header = [
            "Session",
            "Name",
            "Email",
            "Role",
            "Organisation",
            "Department",
            "Access requirements",
            "Attendance",
        ]
        bookings = (
            Booking.objects.filter(session__in=queryset, status=Booking.Status.CONFIRMED)
            .select_related("session__course")
            .order_by("session__starts_at", "name")
        )
        rows = (
            [
                booking.session,
                booking.name,
                booking.email,
                booking.get_role_display(),
                booking.organisation,
                booking.department,
                booking.access_requirements,
                booking.get_attendance_display(),
            ]
            for booking in bookings
        )
        return csv_response(filename="attendees.csv", rows=itertools.chain([header], rows))


@admin.register(Booking)
class BookingAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "email", "session", "status", "attendance", "created_at"]
    list_filter = ["status", "attendance", "session__course", SessionFilter]
    list_select_related = ["session__course"]
    ordering = ["-created_at", "-pk"]
    search_fields = ["name", "email", "organisation"]
    readonly_fields = [
        "session",
        "user",
        "status",
        "consent",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "week_reminder_sent_at",
        "day_reminder_sent_at",
        "feedback_requested_at",
    ]
    actions = ["mark_attended", "mark_no_show", "cancel_bookings"]

    def has_add_permission(self, request):
        return False  # places are booked through the booking form, which enforces capacity

    def has_delete_permission(self, request, obj=None):
        return (
            False  # cancelled instead: the person is told, and the place goes to the waiting list
        )

    @service_action(services.record_attendance, description="Mark selected as attended")
    def mark_attended(self, request, queryset):
        count = services.record_attendance(
            booking_ids=list(queryset.values_list("pk", flat=True)),
            attendance=Booking.Attendance.ATTENDED,
        )
        self.message_user(request, f"{count} marked as attended.", messages.SUCCESS)

    @service_action(services.record_attendance, description="Mark selected as did not attend")
    def mark_no_show(self, request, queryset):
        count = services.record_attendance(
            booking_ids=list(queryset.values_list("pk", flat=True)),
            attendance=Booking.Attendance.NO_SHOW,
        )
        self.message_user(request, f"{count} marked as did not attend.", messages.SUCCESS)

    @service_action(
        services.cancel_booking,
        description="Cancel selected bookings (frees places for the waiting list)",
        people_emailed=lambda bookings: bookings_cancellable(bookings).count(),
    )
    def cancel_bookings(self, request, queryset):
        refused = 0
        for booking_id in queryset.values_list("pk", flat=True):
            try:
                services.cancel_booking(booking_id=booking_id)
            except services.BookingError:
                refused += 1
        if refused:
            self.message_user(
                request,
                f"{refused} bookings were for sessions that have started.",
                messages.WARNING,
            )


@admin.register(Feedback)
class FeedbackAdmin(SearchEachFieldMixin, QuickChangelistMixin, admin.ModelAdmin):
    list_display = [
        "booking",
        "session",
        "usefulness",
        "applicability",
        "improved_knowledge",
        "confidence_before",
        "confidence_after",
        "created_at",
    ]
    list_filter = ["booking__session__course", FeedbackSessionFilter]
    list_select_related = ["booking__session__course"]
    ordering = ["-created_at", "-pk"]
    search_fields = ["comments", "booking__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # feedback is the attendee's own words

    @admin.display(description="session")
    def session(self, feedback):
        return feedback.booking.session


@admin.register(SessionRequest)
class SessionRequestAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = [
        "organisation",
        "department",
        "course",
        "group_size",
        "format",
        "status",
        "created_at",
    ]
    list_editable = ["status"]
    list_filter = ["status", "format", "course"]
    list_select_related = ["course"]
    search_fields = ["organisation", "department", "contact_name", "contact_email"]
    readonly_fields = ["created_at"]
    fieldsets = [
        (None, {"fields": ["status", "admin_notes", "created_at"]}),
        (
            "Request",
            {
                "fields": [
                    "course",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "organisation",
                    "department",
                    "audience",
                    "group_size",
                    "format",
                    "preferred_dates",
                    "notes",
                ]
            },
        ),
    ]


def offers_waiting(offers):
    return offers.filter(status=FacilitatorOffer.Status.OFFERED)


@admin.register(FacilitatorOffer)
class FacilitatorOfferAdmin(QuickChangelistMixin, admin.ModelAdmin):
    """Trainees' offers to co-facilitate or co-write a course: approved or declined per course
    by the actions (each person is emailed); approved ones are assigned to sessions under
    "Trainee facilitators of sessions"."""

    list_display = ["name", "course", "role", "status", "may_be_named", "created_at"]
    list_filter = ["status", "role", "course"]
    list_select_related = ["course"]
    ordering = ["-created_at", "-pk"]
    search_fields = ["name", "user__email"]
    fields = [
        "course",
        "name",
        "user",
        "role",
        "statement",
        "may_be_named",
        "status",
        "created_at",
        "decided_at",
    ]
    readonly_fields = fields
    actions = ["approve_offers", "decline_offers"]

    def has_add_permission(self, request):
        return False  # trainees offer through the course's form, which checks who they are

    def has_change_permission(self, request, obj=None):
        return False  # what the trainee wrote; decisions are the actions

    def has_delete_permission(self, request, obj=None):
        return False  # the retention task deletes old offers

    @service_action(
        services.decide_facilitator_offers,
        description="Approve the selected offers and email each person",
        people_emailed=lambda offers: offers_waiting(offers).values("user").distinct().count(),
    )
    def approve_offers(self, request, queryset):
        decided = services.decide_facilitator_offers(
            offer_ids=list(queryset.values_list("pk", flat=True)), approve=True
        )
        self.message_user(request, f"{plural(len(decided), 'offer')} approved.", messages.SUCCESS)

    @service_action(
        services.decide_facilitator_offers,
        description="Decline the selected offers and email each person",
        people_emailed=lambda offers: offers_waiting(offers).values("user").distinct().count(),
    )
    def decline_offers(self, request, queryset):
        decided = services.decide_facilitator_offers(
            offer_ids=list(queryset.values_list("pk", flat=True)), approve=False
        )
        self.message_user(request, f"{plural(len(decided), 'offer')} declined.", messages.SUCCESS)


class AssignFacilitatorForm(forms.ModelForm):
    class Meta:
        model = SessionFacilitator
        fields = ["offer", "session"]
        labels = {"offer": "Approved facilitator", "session": "Upcoming session"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = FacilitatorOffer.objects.filter(
            status=FacilitatorOffer.Status.APPROVED
        ).select_related("course")
        self.fields["session"].queryset = Session.objects.upcoming().select_related("course")

    def clean(self):
        cleaned = super().clean()
        offer, session = cleaned.get("offer"), cleaned.get("session")
        if offer and session and offer.course_id != session.course_id:
            raise forms.ValidationError("Choose a session of the course the offer is for.")
        return cleaned


@admin.register(SessionFacilitator)
class SessionFacilitatorAdmin(QuickChangelistMixin, admin.ModelAdmin):
    """Assigning an approved trainee facilitator to a session emails them its joining details
    (training.services.assign_facilitator); reminders follow with the bookings'."""

    list_display = ["facilitator", "role", "session", "assigned_at"]
    list_filter = [SessionFilter, "session__course"]
    list_select_related = ["offer", "session__course"]
    ordering = ["-assigned_at", "-pk"]
    search_fields = ["offer__name", "session__course__name"]
    form = AssignFacilitatorForm

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # the retention task deletes old assignments

    def get_readonly_fields(self, request, obj=None):
        return ["offer", "session", "assigned_at"] if obj else []

    @admin.display(description="facilitator", ordering="offer__name")
    def facilitator(self, assignment):
        return assignment.offer.name

    @admin.display(description="role")
    def role(self, assignment):
        return assignment.offer.role_in_session

    @through_services(services.assign_facilitator)
    def save_model(self, request, obj, form, change):
        assignment = services.assign_facilitator(offer_id=obj.offer_id, session_id=obj.session_id)
        obj.pk = assignment.pk
        self.message_user(request, f"{assignment.offer.name} is assigned and has been emailed.")
