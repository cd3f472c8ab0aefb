from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from edi_portal.admin import QuickChangelistMixin

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


@admin.register(QIProject)
class QIProjectAdmin(QuickChangelistMixin, admin.ModelAdmin):
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

    @admin.action(description="Publish selected projects", permissions=["moderate"])
    def publish(self, request, queryset):
        done, skipped = services.moderate_projects(
            projects=queryset, action=Action.PUBLISHED, by=request.user
        )
        self._report(request, "published", done, skipped)

    def _with_message(self, request, queryset, *, action, title, verb):
        """Asks for the message to the author on an intermediate page, then takes the step."""
        form = ModerationMessageForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            done, skipped = services.moderate_projects(
                projects=queryset,
                action=action,
                by=request.user,
                message=form.cleaned_data["message"],
            )
            self._report(request, verb, done, skipped)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "projects": queryset,
            "action_name": request.POST["action"],
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/qi_projects/moderation_message.html", context)

    @admin.action(description="Request changes on selected projects", permissions=["moderate"])
    def request_changes(self, request, queryset):
        return self._with_message(
            request,
            queryset,
            action=Action.CHANGES_REQUESTED,
            title="Request changes",
            verb="sent back for changes",
        )

    @admin.action(description="Reject selected projects", permissions=["moderate"])
    def reject(self, request, queryset):
        return self._with_message(
            request, queryset, action=Action.REJECTED, title="Reject projects", verb="rejected"
        )


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
