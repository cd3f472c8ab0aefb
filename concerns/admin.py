"""Concerns in admin: the list with overdue flags, and one page per concern to reply, note,
escalate, hand over and close. Every change goes through concerns.services, which
records it in the concern's timeline."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.views.decorators.debug import sensitive_post_parameters

from edi_portal.admin import QuickChangelistMixin, plural, service_action, through_services
from network.audit import record_read

from . import services as services_concerns
from .models import Concern, ConcernEscalation, YouSaidWeDid


class ConcernAdminForm(forms.ModelForm):
    reply = forms.CharField(
        label="Reply to the person who raised it",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text="They read it on their private follow-up page. If they gave an email address "
        "they are emailed that there is an update, never what you wrote. Replying to a "
        "received concern acknowledges it.",
    )
    note = forms.CharField(
        label="Add an internal note",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text="Seen only by people who can read concerns, never by the person who raised it.",
    )
    escalation_route = forms.ChoiceField(
        label="Record an escalation to",
        choices=[("", "No new escalation"), *ConcernEscalation.Route.choices],
        required=False,
    )
    escalation_detail = forms.CharField(label="Who exactly", max_length=200, required=False)
    escalated_on = forms.DateField(label="Escalated on", required=False, widget=AdminDateWidget)
    escalation_for_raiser = forms.CharField(
        label="What we tell the person about this escalation",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        help_text="Shown on their private follow-up page, in words chosen for them (not the "
        "details above). If they gave an email address they are emailed that there is an update.",
    )
    escalation_consent = forms.BooleanField(
        label="The person who raised it agreed to this escalation",
        required=False,
        help_text="Needed when they gave an email address. Anonymous concerns are escalated "
        "without anything that identifies them.",
    )

    class Meta:
        model = Concern
        fields = ["handler", "status", "outcome", "outcome_for_raiser"]
        widgets = {"outcome_for_raiser": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "outcome_for_raiser": "Shown on their private follow-up page when you close the "
            "concern, in words chosen for them. If they gave an email address they are emailed "
            "that there is an update, never what you wrote."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "handler" in self.fields:
            self.fields["handler"].queryset = services_concerns.possible_handlers()

    def clean(self):
        cleaned = super().clean()
        closing = cleaned.get("status") == Concern.Status.CLOSED
        if closing and not cleaned.get("outcome"):
            self.add_error("outcome", "Choose an outcome to close the concern.")
        if cleaned.get("outcome") and not closing:
            if self.instance.status == Concern.Status.CLOSED:
                # Reopening: the outcome belonged to the closed concern, and goes with it.
                cleaned["outcome"] = ""
            else:
                self.add_error(
                    "outcome",
                    "An outcome is recorded when the concern closes. Choose Closed as the "
                    "status, or leave the outcome empty.",
                )
        if closing and not cleaned.get("outcome_for_raiser", "").strip():
            self.add_error("outcome_for_raiser", "Write what to tell the person who raised it.")
        if cleaned.get("escalation_route"):
            if not cleaned.get("escalation_for_raiser", "").strip():
                self.add_error(
                    "escalation_for_raiser", "Write what to tell the person who raised it."
                )
            if not cleaned.get("escalated_on"):
                self.add_error("escalated_on", "Enter the date of the escalation.")
            else:
                escalation = ConcernEscalation(
                    concern=self.instance, escalated_on=cleaned["escalated_on"]
                )
                try:
                    escalation.clean()
                except ValidationError as error:
                    self.add_error(None, error)
            if not self.instance.is_anonymous and not cleaned.get("escalation_consent"):
                self.add_error(
                    "escalation_consent",
                    "Ask the person who raised it, and record that they agreed, before escalating.",
                )
        return cleaned


class OverdueFilter(admin.SimpleListFilter):
    title = "targets"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [
            ("acknowledgement", "Acknowledgement overdue"),
            ("response", "Response overdue"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "acknowledgement":
            return queryset.filter(acknowledge_by__lt=today, acknowledged_at__isnull=True)
        if self.value() == "response":
            return queryset.filter(respond_by__lt=today, closed_at__isnull=True)
        return queryset


@admin.register(Concern)
class ConcernAdmin(QuickChangelistMixin, admin.ModelAdmin):
    """Only users with concerns.view_concern see concerns at all (not even in the index).

    Django's default would also let holders of change_concern in; that permission alone is not
    enough here, so viewing is checked explicitly.
    """

    form = ConcernAdminForm
    list_display = [
        "reference",
        "recorded_as",
        "characteristic",
        "status",
        "handler",
        "anonymous",
        "created_at",
        "acknowledgement",
        "response",
    ]
    list_filter = [OverdueFilter, "status", "recorded_as", "characteristic", "setting", "outcome"]
    list_select_related = ["handler"]
    search_fields = ["reference"]
    date_hierarchy = "created_at"
    raised_fields = [
        "reference",
        "created_at",
        "recorded_as",
        "characteristic",
        "characteristic_other",
        "setting",
        "details",
        "email",
    ]
    readonly_fields = [
        *raised_fields,
        "acknowledgement",
        "response",
        "conversation",
        "escalation_history",
        "timeline",
    ]
    fieldsets = [
        ("What they told us", {"fields": raised_fields}),
        (
            "Handling",
            {
                "fields": [
                    "handler",
                    "status",
                    "outcome",
                    "outcome_for_raiser",
                    "acknowledgement",
                    "response",
                ]
            },
        ),
        ("Conversation", {"fields": ["conversation", "reply", "note"]}),
        (
            "Escalations",
            {
                "fields": [
                    "escalation_history",
                    "escalation_route",
                    "escalation_detail",
                    "escalated_on",
                    "escalation_consent",
                    "escalation_for_raiser",
                ]
            },
        ),
        ("Timeline", {"fields": ["timeline"]}),
    ]

    actions = ["issue_new_link"]

    @service_action(
        services_concerns.replace_follow_up_link,
        description="Email a new private link to the person who raised it",
        permissions=["change"],
        people_emailed=lambda concerns: (
            concerns.exclude(email="").values("email").distinct().count()
        ),
        warning="Their old link stops working at once. The new link goes only to the email "
        "address on the concern. Anonymous concerns are left as they are: there is nowhere to "
        "send a link.",
    )
    def issue_new_link(self, request, queryset):
        named = list(queryset.exclude(email="").order_by("pk"))
        with transaction.atomic():
            for concern in named:
                services_concerns.replace_follow_up_link(concern=concern, by=request.user)
        self.message_user(
            request,
            f"New private links emailed for {plural(len(named), 'concern')}.",
            messages.SUCCESS,
        )
        anonymous = queryset.filter(email="").count()
        if anonymous:
            self.message_user(
                request,
                f"{plural(anonymous, 'anonymous concern')} kept their link: we have no address "
                "to send a new one to.",
                messages.WARNING,
            )

    @admin.display(boolean=True)
    def anonymous(self, concern):
        return concern.is_anonymous

    @admin.display(description="acknowledgement")
    def acknowledgement(self, concern):
        return self._lateness(services_concerns.acknowledgement_lateness(concern))

    @admin.display(description="response")
    def response(self, concern):
        return self._lateness(services_concerns.response_lateness(concern))

    @staticmethod
    def _lateness(lateness):
        if lateness.is_overdue:
            return format_html("<strong>{}</strong>", lateness)
        return str(lateness)

    @admin.display(description="messages")
    def conversation(self, concern):
        messages = concern.messages.select_related("author")
        if not messages:
            return "No messages yet."
        return format_html_join(
            "",
            "<p><strong>{}</strong>, {} ({})<br>{}</p>",
            (
                (
                    message.get_kind_display(),
                    timezone.localtime(message.created_at).strftime("%-d %b %Y %H:%M"),
                    message.author or "the person who raised it",
                    linebreaksbr(message.text),
                )
                for message in messages
            ),
        )

    @admin.display(description="escalations so far")
    def escalation_history(self, concern):
        escalations = concern.escalations.select_related("recorded_by")
        if not escalations:
            return "None."
        return format_html_join(
            "",
            "<p>{}{}: {} (recorded by {})</p>",
            (
                (
                    escalation,
                    f", {escalation.route_detail}" if escalation.route_detail else "",
                    escalation.get_consent_display(),
                    escalation.recorded_by,
                )
                for escalation in escalations
            ),
        )

    @admin.display(description="timeline")
    def timeline(self, concern):
        return format_html(
            "<table><thead><tr><th>When</th><th>Who</th><th>What</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                (
                    (
                        timezone.localtime(event.at).strftime("%-d %b %Y %H:%M"),
                        event.by or "The person who raised it",
                        event.description,
                    )
                    for event in concern.events.select_related("by")
                ),
            ),
        )

    @method_decorator(sensitive_post_parameters())
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if object_id and request.method == "GET" and response.status_code == 200:
            record_read(request, self.get_object(request, object_id))
        return response

    @through_services(
        services_concerns.assign_handler,
        services_concerns.record_escalation,
        services_concerns.reply_to_raiser,
        services_concerns.add_note,
        services_concerns.change_status,
    )
    def save_model(self, request, obj, form, change):
        """Each change goes through its service (recorded in the timeline); the reply comes
        before a status change, so a closing message is there when the concern closes."""
        data = form.cleaned_data
        concern = Concern.objects.select_for_update().get(pk=obj.pk)
        by = request.user
        with transaction.atomic():
            services_concerns.assign_handler(concern=concern, handler=data["handler"], by=by)
            if data["escalation_route"]:
                services_concerns.record_escalation(
                    concern=concern,
                    route=data["escalation_route"],
                    route_detail=data["escalation_detail"],
                    escalated_on=data["escalated_on"],
                    consent=ConcernEscalation.Consent.GIVEN
                    if data["escalation_consent"]
                    else ConcernEscalation.Consent.ANONYMOUS,
                    for_raiser=data["escalation_for_raiser"],
                    by=by,
                )
            if data["reply"].strip():
                services_concerns.reply_to_raiser(concern=concern, text=data["reply"], by=by)
            if data["note"].strip():
                services_concerns.add_note(concern=concern, text=data["note"], by=by)
            # Only a status chosen here: a reply may already have acknowledged a new concern.
            if {"status", "outcome", "outcome_for_raiser"} & set(form.changed_data):
                services_concerns.change_status(
                    concern=concern,
                    status=data["status"],
                    outcome=data["outcome"],
                    outcome_for_raiser=data["outcome_for_raiser"],
                    by=by,
                )

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("concerns.view_concern")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("concerns.view_concern") and request.user.has_perm(
            "concerns.change_concern"
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(YouSaidWeDid)
class YouSaidWeDidAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["theme", "published_on"]
    list_filter = [("published_on", admin.EmptyFieldListFilter)]
    search_fields = ["theme"]
