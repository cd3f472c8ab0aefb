from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.utils.html import format_html
from django.utils.translation import gettext as _

from . import services
from .models import OutboundEmail


class QuickChangelistMixin:
    """Keeps a changelist's cost per row small, since most tables run to national size.

    Fifty rows a page, no second COUNT over the whole table for "n total" beside a filtered
    count, and the row checkbox written directly: rendering it through the form widget's
    template took more time than the rest of the row together.
    """

    list_per_page = 50
    show_full_result_count = False

    def action_checkbox(self, obj):
        # The same markup CheckboxInput renders, aria-label escaped once by format_html.
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )


@admin.register(OutboundEmail)
class OutboundEmailAdmin(QuickChangelistMixin, admin.ModelAdmin):
    """The outbox, as metadata only: never a subject, body or attachment, to anyone.

    Bodies hold sign-in codes, password-reset and verification links (anyone who read them could
    sign in as that person), peer-support messages and what people wrote; subjects can carry
    what people typed. Staff need to see whether an email went, not what it said.
    """

    list_display = ["template", "to", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["to", "idempotency_key"]
    date_hierarchy = "created_at"
    fields = [
        "to",
        "template",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "requeue_at",
        "idempotency_key",
        "about_type",
        "about_id",
    ]
    readonly_fields = fields
    actions = ["resend"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # Read-only: the change page shows the email's metadata but cannot edit it.
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("edi_portal.change_outboundemail")

    @admin.action(description="Send again", permissions=["resend"])
    def resend(self, request, queryset):
        count = services.resend(queryset)
        self.message_user(request, f"{count} email(s) queued to send again.", messages.SUCCESS)
        if queryset.filter(status=OutboundEmail.Status.SENT).exists():
            self.message_user(
                request,
                "Emails already sent were not sent again. Their links were removed once sent.",
                messages.WARNING,
            )
