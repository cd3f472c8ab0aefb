import itertools

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from edi_portal.admin import QuickChangelistMixin, plural, service_action
from edi_portal.csv_export import csv_response

from . import matching, services
from .models import (
    GRADE_CHOICES,
    CheckIn,
    Decline,
    EndFeedback,
    Match,
    NotWorkingReport,
    Programme,
    SharedCharacteristic,
    SharedCharacteristics,
    SignUp,
)


class ProgrammeMessageForm(forms.Form):
    """The message staff send to everyone taking part (admin action)."""

    subject = forms.CharField(
        label="Subject",
        max_length=150,
        required=False,
        help_text='Left empty: "A message from the mentoring team".',
    )
    message = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text="You can use Markdown: **bold**, lists and [links](https://example.org).",
    )


@admin.register(Programme)
class ProgrammeAdmin(QuickChangelistMixin, admin.ModelAdmin):
    """A programme's page and rules; Programme.clean() checks its dates and grades. Matches are
    made on the matching page (services.confirm_match), never typed in."""

    list_display = ["name", "kind", "workstream", "sign_up_opens_on", "sign_up_closes_on"]
    list_filter = ["kind", "workstream", "is_published"]
    list_select_related = ["workstream"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["matching_link"]
    actions = ["message_participants"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Grade rules are chosen from the grade list, never typed as codes.
        if db_field.name in {"mentor_grades", "mentee_grades"}:
            return forms.MultipleChoiceField(
                label=db_field.verbose_name.capitalize(),
                choices=GRADE_CHOICES,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text="None chosen: any grade may sign up.",
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="Matching")
    def matching_link(self, programme):
        if programme.pk is None:
            return "Save the programme first."
        url = reverse("admin:mentoring_programme_matching", args=[programme.pk])
        progress = reverse("admin:mentoring_programme_progress", args=[programme.pk])
        return format_html(
            '<a href="{}">Suggested matches</a> | <a href="{}">How the matches are going</a>',
            url,
            progress,
        )

    def has_delete_permission(self, request, obj=None):
        # Deleting a programme would take its people's sign-ups and matches with it, untold.
        if obj is not None and obj.sign_ups.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would not ask has_delete_permission per row
        return actions

    def get_urls(self):
        matching = path(
            "<int:programme_id>/matching/",
            self.admin_site.admin_view(self.matching_view),
            name="mentoring_programme_matching",
        )
        progress = path(
            "<int:programme_id>/progress/",
            self.admin_site.admin_view(self.progress_view),
            name="mentoring_programme_progress",
        )
        export = path(
            "<int:programme_id>/progress/matches.csv",
            self.admin_site.admin_view(self.progress_csv),
            name="mentoring_programme_progress_csv",
        )
        return [matching, progress, export, *super().get_urls()]

    def _progress_programme(self, request, programme_id):
        if not request.user.has_perm("mentoring.view_match"):
            raise PermissionDenied
        return get_object_or_404(Programme, pk=programme_id)

    def progress_view(self, request, programme_id):
        """Each match's state on one page, with alerts for low scores, missed check-ins and
        reports that it is not working (read-only; a fixed number of queries)."""
        programme = self._progress_programme(request, programme_id)
        matches = services.match_progress(programme=programme)
        return TemplateResponse(
            request,
            "admin/mentoring/progress.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"How the matches are going: {programme}",
                "programme": programme,
                "matches": matches,
                "alerts": [match for match in matches if match.alerts],
                "missed_days": services.MISSED_CHECK_IN_DAYS,
                "low_score": services.LOW_SCORE,
            },
        )

    PROGRESS_FIELDS = [
        "Match",
        "Mentor",
        "Mentee",
        "Status",
        "Confirmed on",
        "Mentor accepted",
        "Mentee accepted",
        "Started on",
        "Ended on",
        "Check-ins done",
        "Last check-in score",
        "Met at the last check-in",
        "Not met",
        "Not working",
        "Missed check-in",
        "Alerts",
    ]

    def progress_csv(self, request, programme_id):
        """The programme's matches as CSV: how each is going, never the match reasons (which
        can say that two people share a characteristic) nor anything shared for matching."""
        programme = self._progress_programme(request, programme_id)

        def yes_no(value):
            return "" if value is None else ("Yes" if value else "No")

        def day(value):
            return value.strftime("%Y-%m-%d") if value else ""

        rows = (
            [
                match.pk,
                match.mentor.full_name,
                match.mentee.full_name,
                match.get_status_display(),
                day(timezone.localtime(match.confirmed_at)),
                yes_no(match.mentor_accepted_at is not None),
                yes_no(match.mentee_accepted_at is not None),
                day(match.started_on),
                day(match.ended_on),
                match.check_ins_done,
                match.last_rating or "",
                yes_no(match.last_met),
                yes_no(match.not_met),
                yes_no(match.not_working),
                yes_no(match.missed),
                "; ".join(match.alerts),
            ]
            for match in services.match_progress(programme=programme)
        )
        return csv_response(
            filename=f"{programme.slug}-matches.csv",
            rows=itertools.chain([self.PROGRESS_FIELDS], rows),
        )

    @service_action(
        services.message_participants,
        description="Email everyone taking part in the chosen programmes",
        permissions=["change"],
        people_emailed=lambda programmes: services.participants(
            programme_ids=list(programmes.values_list("pk", flat=True))
        ).count(),
        form_class=ProgrammeMessageForm,
    )
    def message_participants(self, request, queryset, subject, message):
        count = services.message_participants(
            programme_ids=list(queryset.values_list("pk", flat=True)),
            subject=subject or "A message from the mentoring team",
            message=message,
        )
        self.message_user(
            request, f"Emailed {plural(count, 'person', 'people')}.", messages.SUCCESS
        )

    def matching_view(self, request, programme_id):
        """Suggested pairs with their reasons: staff confirm each, choose another mentor for a
        mentee instead (a swap), or leave people unmatched."""
        if not request.user.has_perm("mentoring.add_match"):
            raise PermissionDenied
        programme = get_object_or_404(Programme, pk=programme_id)
        if request.method == "POST":
            confirmed = 0
            for key, mentor_id in request.POST.items():
                if not key.startswith("mentee-") or not mentor_id.isdigit():
                    continue
                mentee_id = key.removeprefix("mentee-")
                if not mentee_id.isdigit():
                    continue
                try:
                    services.confirm_match(
                        programme=programme,
                        mentor_id=int(mentor_id),
                        mentee_id=int(mentee_id),
                        confirmed_by=request.user,
                    )
                except services.SignUpError as error:
                    self.message_user(request, str(error), messages.ERROR)
                else:
                    confirmed += 1
            if confirmed:
                self.message_user(
                    request,
                    f"Confirmed {plural(confirmed, 'pair')}. Both people in each pair are emailed "
                    "an introduction.",
                    messages.SUCCESS,
                )
            elif not any(
                key.startswith("mentee-") and value for key, value in request.POST.items()
            ):
                self.message_user(request, "No pairs were chosen, so nobody was matched.")
            return redirect("admin:mentoring_programme_matching", programme_id=programme.pk)
        suggestions = services.suggestions(programme=programme)
        suggested = {s.mentee.pk for s in suggestions}
        waiting = services.unmatched(programme=programme)
        unsuggested = [m for m in waiting["mentees"] if m.pk not in suggested]
        why = services.why_unsuggested(
            programme=programme, mentees=unsuggested, mentors=waiting["mentors"]
        )
        return TemplateResponse(
            request,
            "admin/mentoring/matching.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"Suggested matches: {programme}",
                "programme": programme,
                "suggestions": [
                    (suggestion, matching.reasons_for(request.user, suggestion.reasons))
                    for suggestion in suggestions
                ],
                "mentors": waiting["mentors"],
                "unsuggested": [(mentee, why[mentee.pk]) for mentee in unsuggested],
            },
        )


class SharedCharacteristicsInline(admin.StackedInline):
    """Shown only to users with mentoring.view_sharedcharacteristics (Django checks the inline
    model's own permissions); read-only, since only the person chooses what to share."""

    model = SharedCharacteristics
    fields = ["shared"]
    readonly_fields = ["shared"]
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Chosen to share for matching")
    def shared(self, record):
        return ", ".join(
            SharedCharacteristic(code).label
            for code in record.characteristics
            if code in SharedCharacteristic.values
        )


class ReadOnlyAdminMixin:
    """A person's own answers: staff read them, and nobody edits them in admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignUp)
class SignUpAdmin(ReadOnlyAdminMixin, QuickChangelistMixin, admin.ModelAdmin):
    """Sign-ups, read-only: they come from the sign-up journey (services.sign_up) with its rules
    and acknowledgement. What people shared for matching is never in the list, only on the page
    of one sign-up for those allowed to see it."""

    list_display = [
        "full_name",
        "programme",
        "role",
        "grade",
        "specialty",
        "area",
        "created_at",
        "withdrawn_at",
    ]
    list_filter = ["programme", "role", "area", "specialty"]
    list_select_related = ["programme"]
    search_fields = ["full_name", "email"]
    readonly_fields = ["user", "created_at", "withdrawn_at"]
    inlines = [SharedCharacteristicsInline]


def people_asked_for_feedback(matches):
    return 2 * matches.filter(status=Match.Status.ACTIVE).count()


def people_told_of_cancelling(matches):
    return 2 * matches.filter(status__in=services.GOING_STATUSES).count()


@admin.register(Match)
class MatchAdmin(ReadOnlyAdminMixin, QuickChangelistMixin, admin.ModelAdmin):
    """Matches, read-only: a match is made on a programme's matching page through
    services.confirm_match (the employer rule, the programme, places, both acceptances and the
    introductions), and changed only through the actions here, which use the services."""

    list_display = ["__str__", "mentor", "mentee", "status", "score", "confirmed_at"]
    list_filter = ["programme", "status"]
    list_select_related = ["programme", "mentor__programme", "mentee__programme"]
    exclude = ["reasons"]
    actions = ["cancel", "end"]

    def get_readonly_fields(self, request, obj=None):
        # Whether the pair shares a characteristic is for staff who may see what people shared.
        if request.user.has_perm(matching.SEE_SHARED_PERMISSION):
            return ["score", "all_reasons"]
        return ["score", "reasons_without_shared"]

    @staticmethod
    def _reasons(reasons):
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((r,) for r in reasons))
        )

    @admin.display(description="Why this pair")
    def all_reasons(self, match):
        return self._reasons(match.reasons)

    @admin.display(description="Why this pair")
    def reasons_without_shared(self, match):
        return self._reasons(r for r in match.reasons if r != matching.SHARED_REASON)

    @service_action(
        services.end_matches,
        description="End the chosen matches and ask both people for feedback",
        permissions=["change_status"],
        people_emailed=people_asked_for_feedback,
    )
    def end(self, request, queryset):
        count = services.end_matches(match_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            f"Ended {plural(count, 'match', 'matches')}; both people are asked for feedback.",
            messages.SUCCESS,
        )

    @service_action(
        services.cancel_matches,
        description="Cancel the chosen matches (both people are emailed, and can be matched "
        "again, never with each other)",
        permissions=["change_status"],
        people_emailed=people_told_of_cancelling,
        warning="A cancelled pair is never suggested again in its programme.",
    )
    def cancel(self, request, queryset):
        count = services.cancel_matches(match_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            f"Cancelled {plural(count, 'match', 'matches')}; both people are emailed.",
            messages.SUCCESS,
        )

    def has_change_status_permission(self, request):
        return request.user.has_perm("mentoring.change_match")


class DeclineInline(admin.TabularInline):
    """Who declined and why: for the mentoring team only."""

    model = Decline
    fields = ["sign_up", "reason", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


MatchAdmin.inlines = [DeclineInline]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdminMixin, QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["__str__", "match", "answered_at", "met", "rating"]
    list_filter = ["match__programme", "met", "rating"]
    list_select_related = ["match__programme"]


@admin.register(NotWorkingReport)
class NotWorkingReportAdmin(QuickChangelistMixin, admin.ModelAdmin):
    """What a participant reported, read-only; staff record when they handled it."""

    list_display = ["__str__", "created_at", "handled_at"]
    list_filter = ["match__programme"]
    fields = ["match", "sign_up", "details", "created_at", "handled_at"]
    readonly_fields = ["match", "sign_up", "details", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EndFeedback)
class EndFeedbackAdmin(ReadOnlyAdminMixin, QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["__str__", "rating", "created_at"]
    list_filter = ["sign_up__programme", "rating"]
