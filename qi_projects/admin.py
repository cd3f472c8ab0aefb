from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from edi_portal.admin import QuickChangelistMixin, SearchEachFieldMixin, service_action

from . import services
from .forms import ModerationMessageForm
from .models import ModerationEvent, QIConference, QIProject, Status, SubmittedProject

Action = ModerationEvent.Action


class ModerationEventInline(admin.TabularInline):
    model = ModerationEvent
    extra = 0
    fields = ["created_at", "action", "actor", "message"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def authors_told(projects):
    """The authors a moderation step emails: each submitted project's (only those change)."""
    return projects.filter(status=Status.SUBMITTED).values("author").distinct().count()


@admin.register(QIProject)
class QIProjectAdmin(SearchEachFieldMixin, QuickChangelistMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "author",
        "academic_year",
        "theme",
        "edi_focus",
        "stage",
        "status",
        "submitted_at",
    ]
    list_filter = ["status", "academic_year", "theme", "edi_focus", "stage", "specialty"]
    search_fields = ["title", "aim", "results", "team_members", "trust", "author__email"]
    # Authors fetched for the page alone (get_queryset): joined in, every user is read before
    # the newest fifty projects are picked.
    list_select_related = []
    # Status changes only through the moderation actions, so every step emails the author.
    readonly_fields = [
        "slug",
        "author",
        "status",
        "submitted_at",
        "published_at",
        "created_at",
        "updated_at",
        "pages",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "author", "status", "pages"]}),
        (
            "Project",
            {
                "fields": [
                    "team_members",
                    "trust",
                    "specialty",
                    "theme",
                    "edi_focus",
                    "stage",
                    "academic_year",
                    "aim",
                    "change_ideas",
                    "measures",
                    "results",
                    "poster",
                ]
            },
        ),
        ("Dates", {"fields": ["created_at", "updated_at", "submitted_at", "published_at"]}),
    ]
    inlines = [ModerationEventInline]
    actions = ["publish", "request_changes", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("author")

    def has_add_permission(self, request):
        return False  # trainees create projects through the portal, as their author

    @admin.display(description="Pages")
    def pages(self, obj):
        if not obj.pk:
            return "-"
        links = format_html('<a href="{}">Project page</a>', obj.get_absolute_url())
        if obj.poster:
            links += format_html(
                ' · <a href="{}">Poster</a>', reverse("qi_projects:poster", args=[obj.slug])
            )
        return links

    def has_moderate_permission(self, request):
        return request.user.has_perm("qi_projects.change_qiproject")

    def _report(self, request, verb, done, skipped):
        self.message_user(request, f"{done} project(s) {verb}.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} project(s) skipped: only submitted projects can be {verb}.",
                messages.WARNING,
            )

    @service_action(
        services.moderate_projects,
        description="Publish selected projects",
        permissions=["moderate"],
        people_emailed=authors_told,
    )
    def publish(self, request, queryset):
        done, skipped = services.moderate_projects(
            projects=queryset, action=Action.PUBLISHED, by=request.user
        )
        self._report(request, "published", done, skipped)

    @service_action(
        services.moderate_projects,
        description="Request changes on selected projects",
        permissions=["moderate"],
        people_emailed=authors_told,
        form_class=ModerationMessageForm,
    )
    def request_changes(self, request, queryset, message):
        done, skipped = services.moderate_projects(
            projects=queryset, action=Action.CHANGES_REQUESTED, by=request.user, message=message
        )
        self._report(request, "sent back for changes", done, skipped)

    @service_action(
        services.moderate_projects,
        description="Reject selected projects",
        permissions=["moderate"],
        people_emailed=authors_told,
        form_class=ModerationMessageForm,
    )
    def reject(self, request, queryset, message):
        done, skipped = services.moderate_projects(
            projects=queryset, action=Action.REJECTED, by=request.user, message=message
        )
        self._report(request, "rejected", done, skipped)


@admin.register(SubmittedProject)
class SubmittedProjectAdmin(QIProjectAdmin):
    """Oldest first, so nobody waits longest."""

    list_filter = ["academic_year", "theme", "edi_focus", "stage", "specialty"]
    ordering = ["submitted_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Status.SUBMITTED)


@admin.register(QIConference)
class QIConferenceAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["academic_year", "date", "venue", "submission_deadline"]
    filter_horizontal = ["presenting_projects"]
