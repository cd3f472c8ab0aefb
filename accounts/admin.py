"""Admin: erasure records, and the subject access tool (find, export and erase by address)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from edi_portal.addresses import LowercaseEmailFormField
from edi_portal.admin import QuickChangelistMixin

from . import services as services_accounts
from .models import ErasureRecord
from .personal_data import KINDS, Person
from .views import personal_data_download

SUBJECT_ACCESS_PERMISSION = "accounts.answer_subject_access_request"


class SubjectAccessForm(forms.Form):
    email = LowercaseEmailFormField(
        label="Email address",
        help_text="Everything under this address, and under every address of its account.",
    )
    confirm_erase = forms.BooleanField(
        label="I have checked this is the person's request and want to erase their data",
        required=False,
    )


@admin.register(ErasureRecord)
class ErasureRecordAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["performed_at", "reason", "performed_by", "kinds_erased"]
    list_filter = ["reason"]
    list_select_related = ["performed_by"]
    fields = ["performed_at", "reason", "performed_by", "kinds_erased"]
    readonly_fields = fields
    change_list_template = "admin/accounts/erasurerecord/change_list.html"

    @admin.display(description="rows erased or anonymised")
    def kinds_erased(self, record):
        return "; ".join(f"{label}: {count}" for label, count in sorted(record.rows.items()))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or request.user.has_perm(
            SUBJECT_ACCESS_PERMISSION
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_answer_requests": request.user.has_perm(SUBJECT_ACCESS_PERMISSION),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        tool = path(
            "subject-access/",
            self.admin_site.admin_view(self.subject_access_view),
            name="accounts_subject_access",
        )
        return [tool, *super().get_urls()]

    def subject_access_view(self, request):
        """Find everything about an address; download it; erase it (after a confirmation)."""
        if not request.user.has_perm(SUBJECT_ACCESS_PERMISSION):
            raise PermissionDenied
        form = SubjectAccessForm(request.POST if request.method == "POST" else request.GET or None)
        context = {
            **self.admin_site.each_context(request),
            "title": "Subject access request",
            "opts": self.model._meta,
            "form": form,
        }
        if form.is_valid():
            person = Person.find(form.cleaned_data["email"])
            action = request.POST.get("action")
            if action == "export":
                return personal_data_download(person)
            if action == "erase":
                if form.cleaned_data["confirm_erase"]:
                    services_accounts.erase_personal_data(
                        person=person,
                        reason=ErasureRecord.Reason.SUBJECT_REQUEST,
                        by=request.user,
                    )
                    self.message_user(
                        request, "The data is erased, and the erasure recorded.", messages.SUCCESS
                    )
                    return redirect("admin:accounts_erasurerecord_changelist")
                form.add_error("confirm_erase", "Tick the box to confirm the erasure")
            context["person"] = person
            context["found"] = [
                (kind.model._meta.verbose_name_plural.capitalize(), count)
                for kind in KINDS
                if (count := kind.queryset(person).count())
            ]
        return TemplateResponse(request, "admin/accounts/subject_access.html", context)
