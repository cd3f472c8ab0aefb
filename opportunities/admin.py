from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from edi_portal.admin import QuickChangelistMixin, plural, service_action

from . import services
from .forms import ReplyForm
from .models import Interest, Opportunity


@admin.register(Opportunity)
class OpportunityAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "closes_on", "is_published", "interests_link"]
    list_filter = ["is_published", "kind", "workstream"]
    list_select_related = ["workstream"]
    search_fields = ["title", "summary"]
    date_hierarchy = "closes_on"
    readonly_fields = ["slug", "created_at", "updated_at"]
    fields = [
        "title",
        "slug",
        "kind",
        "workstream",
        "summary",
        "description",
        "closes_on",
        "is_published",
        "created_at",
        "updated_at",
    ]

    @admin.display(description="expressions of interest")
    def interests_link(self, opportunity):
        url = reverse("admin:opportunities_interest_changelist")
        return format_html(
            '<a href="{}?opportunity__id__exact={}">See them</a>', url, opportunity.pk
        )

    def has_delete_permission(self, request, obj=None):
        # Expressions of interest PROTECT an opportunity; unpublish it instead.
        return super().has_delete_permission(request, obj) and (
            obj is None or not obj.interests.exists()
        )


def changing(interests, status):
    return interests.exclude(status=status).values("user").distinct().count()


@admin.register(Interest)
class InterestAdmin(QuickChangelistMixin, admin.ModelAdmin):
    """Trainees' expressions of interest: shortlisted or not taken forward by the actions, each
    with a message emailed to the person."""

    list_display = ["name", "opportunity", "status", "created_at", "replied_at"]
    list_filter = ["status", "opportunity"]
    list_select_related = ["opportunity"]
    ordering = ["-created_at", "-pk"]
    search_fields = ["name", "user__email", "opportunity__title"]
    fields = [
        "opportunity",
        "name",
        "user",
        "statement",
        "status",
        "reply",
        "created_at",
        "replied_at",
    ]
    readonly_fields = fields
    actions = ["shortlist", "not_taken_forward"]

    def has_add_permission(self, request):
        return False  # trainees express interest on the opportunity's page

    def has_change_permission(self, request, obj=None):
        return False  # what the trainee wrote; replies are the actions

    def has_delete_permission(self, request, obj=None):
        return False  # the retention task deletes old ones

    @service_action(
        services.reply_to_interests,
        description="Shortlist the selected people and email them",
        people_emailed=lambda interests: changing(interests, Interest.Status.SHORTLISTED),
        form_class=ReplyForm,
    )
    def shortlist(self, request, queryset, message=""):
        changed = services.reply_to_interests(
            interest_ids=list(queryset.values_list("pk", flat=True)),
            status=Interest.Status.SHORTLISTED,
            message=message,
        )
        self.message_user(
            request, f"{plural(len(changed), 'person', 'people')} shortlisted.", messages.SUCCESS
        )

    @service_action(
        services.reply_to_interests,
        description="Tell the selected people they are not taken forward",
        people_emailed=lambda interests: changing(interests, Interest.Status.NOT_TAKEN_FORWARD),
        form_class=ReplyForm,
    )
    def not_taken_forward(self, request, queryset, message=""):
        changed = services.reply_to_interests(
            interest_ids=list(queryset.values_list("pk", flat=True)),
            status=Interest.Status.NOT_TAKEN_FORWARD,
            message=message,
        )
        self.message_user(
            request, f"{plural(len(changed), 'person', 'people')} told.", messages.SUCCESS
        )
