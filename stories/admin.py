from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html

from edi_portal.admin import QuickChangelistMixin, service_action, through_services

from . import services
from .models import ConsentRecord, Status, Story, Topic

CONSENT_PERMISSION = "stories.manage_consent"


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class StoryForm(forms.ModelForm):
    """The story's fields, and a box to publish it: ticked, the story is saved only if it can be
    published, with each thing that stops it shown at its field."""

    publish = forms.BooleanField(
        label="Publish this story",
        required=False,
        help_text="Needs the captions, the transcript and the consent of everyone in the video.",
    )

    def _post_clean(self):
        super()._post_clean()
        if self.cleaned_data.get("publish") and not self.errors:
            for field, problems in self.instance.publishing_problems().items():
                for problem in problems:
                    self.add_error(field, problem)


@admin.register(Story)
class StoryAdmin(QuickChangelistMixin, admin.ModelAdmin):
    form = StoryForm
    list_display = ["title", "workstream", "status", "published_at", "withdrawn_at"]
    list_filter = ["status", "workstream", "topics"]
    search_fields = ["title", "summary"]
    list_select_related = ["workstream"]
    filter_horizontal = ["topics"]
    readonly_fields = [
        "slug",
        "status",
        "page",
        "length",
        "published_at",
        "withdrawn_at",
        "files_deleted_at",
    ]
    actions = ["publish"]

    def get_fieldsets(self, request, obj=None):
        about = ["title", "slug", "status", "page", "summary", "workstream", "topics"]
        video = [
            "content_warning",
            "video",
            "length",
            "captions",
            "transcript",
            "poster",
            "poster_alt",
        ]
        dates = ["published_at", "withdrawn_at", "files_deleted_at"]
        publishing = [] if obj and (obj.is_published or obj.is_withdrawn) else ["publish"]
        return [
            (None, {"fields": about}),
            ("Video", {"fields": video}),
            ("Publishing", {"fields": [*publishing, *dates]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # A withdrawn story stays withdrawn: its files are deleted, nothing is to be changed.
        if obj and obj.is_withdrawn:
            return [field.name for field in obj._meta.fields] + ["topics", "page", "length"]
        return self.readonly_fields

    @admin.display(description="Page")
    def page(self, obj):
        return format_html('<a href="{}">Story page</a>', obj.get_absolute_url()) if obj.pk else "-"

    @admin.display(description="Length")
    def length(self, obj):
        if not obj.duration:
            return "-"
        minutes, seconds = divmod(round(obj.duration), 60)
        return f"{minutes} min {seconds} s"

    @through_services(services.publish_story)
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("publish"):
            self._publish(request, obj, publish=services.publish_story)

    def _publish(self, request, story, publish=services.publish_story):
        try:
            publish(story=story)
        except services.PublishingRefused as refusal:
            messages.error(request, f"{story} is not published: {refusal}.")
            return False
        messages.success(request, f"{story} is published.")
        return True

    @service_action(
        services.publish_story, description="Publish selected stories", permissions=["change"]
    )
    def publish(self, request, queryset):
        for story in queryset:
            if not story.is_published:
                self._publish(request, story, publish=services.publish_story)


class ConsentAdminMixin:
    """Consent records are for staff with the manage_consent permission only."""

    def has_module_permission(self, request):
        return request.user.has_perm(CONSENT_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(CONSENT_PERMISSION)

    def has_add_permission(self, request, *args):
        return request.user.has_perm(CONSENT_PERMISSION)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(CONSENT_PERMISSION)

    def has_delete_permission(self, request, obj=None):
        return False  # evidence of what was agreed: erased only with the person's data


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ConsentAdminMixin, QuickChangelistMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "story",
        "consented_on",
        "agreed_to_portal",
        "agreed_to_teaching",
        "credit",
        "withdrawn_at",
    ]
    list_filter = ["agreed_to_portal", "agreed_to_teaching", "credit"]
    search_fields = ["name", "email", "story__title"]
    list_select_related = ["story"]
    fields = [
        "story",
        "name",
        "email",
        "consented_on",
        "agreed_to_portal",
        "agreed_to_teaching",
        "credit",
        "recorded_at",
        "withdrawn_at",
        "withdrawal",
    ]
    # What was agreed is fixed once recorded: a change of mind is a withdrawal, or a new record.
    fixed_once_recorded = [
        "story",
        "consented_on",
        "agreed_to_portal",
        "agreed_to_teaching",
        "credit",
    ]
    always_read_only = ["recorded_at", "withdrawn_at", "withdrawal"]
    actions = ["withdraw"]

    def get_readonly_fields(self, request, obj=None):
        return self.always_read_only + (self.fixed_once_recorded if obj else [])

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "story":  # nobody is asked to consent to a withdrawn story
            kwargs["queryset"] = Story.objects.exclude(status=Status.WITHDRAWN)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @through_services(services.record_consent)
    def save_model(self, request, obj, form, change):
        if change:  # a correction of a name or address; what was agreed is read-only
            super().save_model(request, obj, form, change)
        else:
            services.record_consent(consent=obj)

    @service_action(
        services.withdraw_consent,
        description="Withdraw consent (takes the story off the portal for good)",
        people_emailed=lambda consents: (
            consents.filter(withdrawn_at__isnull=True).values("email").distinct().count()
        ),
        warning="Withdrawing consent takes each story off the portal at once, for good, and "
        "deletes its video, captions, poster and transcript. Each person is emailed to confirm "
        "it. You cannot undo this.",
    )
    def withdraw(self, request, queryset):
        for consent in queryset.filter(withdrawn_at__isnull=True):
            services.withdraw_consent(consent=consent, by=ConsentRecord.Withdrawal.STAFF)
            self.log_change(request, consent, "Withdrew consent: the story is off the portal.")
        self.message_user(
            request,
            f"{queryset.count()} consent record(s) withdrawn; their stories are off the portal.",
            messages.SUCCESS,
        )
