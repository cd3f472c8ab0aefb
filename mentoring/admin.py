from django.contrib import admin

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
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "workstream", "sign_up_opens_on", "sign_up_closes_on"]
    list_filter = ["kind", "workstream", "is_published"]
    list_select_related = ["workstream"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


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
class SignUpAdmin(admin.ModelAdmin):
    """Sign-ups; what people shared for matching is never in the list, only on the change page
    for those allowed to see it."""

    list_display = ["full_name", "programme", "role", "grade", "specialty", "area", "created_at"]
    list_filter = ["programme", "role", "area", "specialty"]
    list_select_related = ["programme"]
    search_fields = ["full_name", "email"]
    readonly_fields = ["user", "created_at"]
    inlines = [SharedCharacteristicsInline]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "mentor", "mentee", "status", "score", "confirmed_at"]
    list_filter = ["programme", "status"]
    list_select_related = ["programme", "mentor__programme", "mentee__programme"]
    raw_id_fields = ["mentor", "mentee", "confirmed_by"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["__str__", "match", "answered_at", "met", "rating"]
    list_filter = ["match__programme", "met", "rating"]
    list_select_related = ["match__programme"]
    raw_id_fields = ["match", "sign_up"]


@admin.register(NotWorkingReport)
class NotWorkingReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at", "handled_at"]
    list_filter = ["match__programme"]
    raw_id_fields = ["match", "sign_up"]


@admin.register(EndFeedback)
class EndFeedbackAdmin(admin.ModelAdmin):
    list_display = ["__str__", "rating", "created_at"]
    list_filter = ["sign_up__programme", "rating"]
    raw_id_fields = ["sign_up"]
