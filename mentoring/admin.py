from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from edi_portal.admin import QuickChangelistMixin

from . import services
from .models import (
    CheckIn,
    EndFeedback,
    Match,
    NotWorkingReport,
    Programme,
    SharedCharacteristic,
    SharedCharacteristics,
    SignUp,
)


@admin.register(Programme)
class ProgrammeAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "workstream", "sign_up_opens_on", "sign_up_closes_on"]
    list_filter = ["kind", "workstream", "is_published"]
    list_select_related = ["workstream"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["matching_link"]

    @admin.display(description="Matching")
    def matching_link(self, programme):
        if programme.pk is None:
            return "Save the programme first."
        url = reverse("admin:mentoring_programme_matching", args=[programme.pk])
        return format_html('<a href="{}">Suggested matches</a>', url)

    def get_urls(self):
        matching = path(
            "<int:programme_id>/matching/",
            self.admin_site.admin_view(self.matching_view),
            name="mentoring_programme_matching",
        )
        return [matching, *super().get_urls()]

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
            self.message_user(request, f"Confirmed {confirmed} pairs; both people are emailed.")
            return redirect("admin:mentoring_programme_matching", programme_id=programme.pk)
        suggestions = services.suggestions(programme=programme)
        suggested = {s.mentee.pk for s in suggestions}
        waiting = services.unmatched(programme=programme)
        return TemplateResponse(
            request,
            "admin/mentoring/matching.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"Suggested matches: {programme}",
                "programme": programme,
                "suggestions": suggestions,
                "mentors": waiting["mentors"],
                "unsuggested": [m for m in waiting["mentees"] if m.pk not in suggested],
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


@admin.register(SignUp)
class SignUpAdmin(QuickChangelistMixin, admin.ModelAdmin):
    """Sign-ups; what people shared for matching is never in the list, only on the change page
    for those allowed to see it."""

    list_display = ["full_name", "programme", "role", "grade", "specialty", "area", "created_at"]
    list_filter = ["programme", "role", "area", "specialty"]
    list_select_related = ["programme"]
    search_fields = ["full_name", "email"]
    readonly_fields = ["user", "created_at"]
    inlines = [SharedCharacteristicsInline]


@admin.register(Match)
class MatchAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["__str__", "mentor", "mentee", "status", "score", "confirmed_at"]
    list_filter = ["programme", "status"]
    list_select_related = ["programme", "mentor__programme", "mentee__programme"]
    raw_id_fields = ["mentor", "mentee", "confirmed_by"]
    readonly_fields = ["score", "reasons_shown"]
    exclude = ["reasons"]
    actions = ["cancel", "end"]

    @admin.display(description="Why this pair")
    def reasons_shown(self, match):
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((r,) for r in match.reasons))
        )

    @admin.action(description="End the chosen matches and ask both people for feedback")
    def end(self, request, queryset):
        count = services.end_matches(match_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"Ended {count} matches; both people are asked for feedback.")

    @admin.action(description="Cancel the chosen matches (both people can be matched again)")
    def cancel(self, request, queryset):
        count = services.cancel_matches(match_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"Cancelled {count} matches.")


@admin.register(CheckIn)
class CheckInAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["__str__", "match", "answered_at", "met", "rating"]
    list_filter = ["match__programme", "met", "rating"]
    list_select_related = ["match__programme"]
    raw_id_fields = ["match", "sign_up"]


@admin.register(NotWorkingReport)
class NotWorkingReportAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["__str__", "created_at", "handled_at"]
    list_filter = ["match__programme"]
    raw_id_fields = ["match", "sign_up"]


@admin.register(EndFeedback)
class EndFeedbackAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["__str__", "rating", "created_at"]
    list_filter = ["sign_up__programme", "rating"]
    raw_id_fields = ["sign_up"]
