from django.contrib import admin, messages

from . import services
from .models import OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject", "idempotency_key"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutboundEmail._meta.fields]
    actions = ["resend"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # Read-only: the change page shows the email but cannot edit it.
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("edi_portal.change_outboundemail")

    @admin.action(description="Send again", permissions=["resend"])
    def resend(self, request, queryset):
        count = services.resend(queryset)
        self.message_user(request, f"{count} email(s) queued to send again.", messages.SUCCESS)
