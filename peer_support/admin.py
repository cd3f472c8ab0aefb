from django.contrib import admin, messages

from edi_portal.admin import QuickChangelistMixin, service_action

from . import services
from .models import ContactRequest, Topic, VolunteerProfile, VolunteerTopic


@admin.register(Topic)
class TopicAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class VolunteerTopicInline(admin.TabularInline):
    """Topics and when the volunteer consented to each. Only the volunteer changes consent."""

    model = VolunteerTopic
    fields = ["topic", "consented_at"]
    readonly_fields = ["topic", "consented_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(QuickChangelistMixin, admin.ModelAdmin):
    """The approval queue: filter by status, read the profile, approve in bulk."""

    list_display = [
        "display_name",
        "user",
        "status",
        "area",
        "specialty",
        "listed_until",
        "updated_at",
    ]
    list_filter = ["status", "area", "specialty"]
    search_fields = ["display_name", "user__email"]
    list_select_related = ["user"]
    inlines = [VolunteerTopicInline]
    actions = ["approve"]
    readonly_fields = [
        "user",
        "status",
        "approved_at",
        "listed_until",
        "renewal_reminder_sent_for",
        "created_at",
        "updated_at",
    ]
    fields = [
        "user",
        "display_name",
        "pronouns",
        "grade",
        "specialty",
        "area",
        "languages",
        "availability",
        "bio",
        "monthly_request_limit",
        *readonly_fields[1:],
    ]

    def has_add_permission(self, request):
        # Profiles are the volunteer's own: they create them, with their consent to each topic.
        return False

    @service_action(
        services.approve_profiles,
        description="Approve the selected profiles",
        permissions=["change"],
        people_emailed=lambda profiles: profiles.filter(
            status=VolunteerProfile.Status.PENDING
        ).count(),
    )
    def approve(self, request, queryset):
        count = services.approve_profiles(profiles=queryset)
        self.message_user(request, f"{count} profile(s) approved and listed.", messages.SUCCESS)


@admin.register(ContactRequest)
class ContactRequestAdmin(QuickChangelistMixin, admin.ModelAdmin):
    """Who contacted whom, and when. The message shows only with the view_request_message
    permission: it may hold personal details the requester shared with one volunteer."""

    list_display = ["created_at", "requester", "profile", "contact_method"]
    list_filter = ["contact_method", "created_at"]
    search_fields = ["requester__email", "profile__display_name"]
    list_select_related = ["requester", "profile"]
    date_hierarchy = "created_at"

    def get_fields(self, request, obj=None):
        fields = ["created_at", "requester", "profile", "contact_method"]
        if request.user.has_perm("peer_support.view_request_message"):
            fields += ["contact_details", "message"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
