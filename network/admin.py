import collections
import functools
import itertools

from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from edi_portal.admin import QuickChangelistMixin, service_action
from edi_portal.csv_export import ROWS_PER_CHUNK, csv_response

from . import services
from .audit import record_read
from .models import (
    Application,
    ApplicationStatusChange,
    Cohort,
    EqualityMonitoring,
    Membership,
    OversightGroupOutcome,
    User,
)


@admin.register(User)
class UserAdmin(QuickChangelistMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Name", {"fields": ["first_name", "last_name"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


# allauth's own page, re-registered so that it lists as cheaply as the portal's.
admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(QuickChangelistMixin, AllauthEmailAddressAdmin):
    """Read-only, but for removing an address from an account. A verified address brings its
    records to the account, so only the person may add or verify one, by the emailed link;
    there is no "mark as verified"."""

    list_select_related = ["user"]
    actions = []

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(AllauthAuthenticatorAdmin):
    """Second factors: staff may remove a lost one (the person then sets up another), never
    add or change one, which would let them sign in as that person."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Cohort)
class CohortAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "applications_open", "applications_close"]


@admin.register(Membership)
class MembershipAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["full_name", "email", "cohort", "oversight_group_outcome", "user", "created_at"]
    list_filter = ["cohort", "oversight_group_outcome", "workstreams"]
    search_fields = ["full_name", "email"]
    list_select_related = ["cohort"]
    raw_id_fields = ["user", "application"]
    filter_horizontal = ["workstreams"]

    def get_queryset(self, request):
        # Users fetched for the page alone: joined in, every user is read before the newest
        # fifty memberships are picked.
        return super().get_queryset(request).prefetch_related("user")


class StatusChangeInline(admin.TabularInline):
    model = ApplicationStatusChange
    fields = ["changed_at", "field", "from_label", "to_label", "changed_by_display"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "status history"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # The history is part of the application: whoever sees the application sees it.
        return request.user.has_perm("network.view_application")

    @admin.display(description="from")
    def from_label(self, change):
        return change.from_label or "-"

    @admin.display(description="to")
    def to_label(self, change):
        return change.to_label

    @admin.display(description="changed by")
    def changed_by_display(self, change):
        return change.changed_by or "The applicant"


class EqualityMonitoringInline(admin.StackedInline):
    """Shown only to users with network.view_equalitymonitoring (Django's inline view check)."""

    model = EqualityMonitoring
    fields = EqualityMonitoring.ANSWER_FIELDS
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("network.view_equalitymonitoring")


def applicants_who_can_become(status):
    """How many of the chosen applications moving to `status` would email their applicant."""

    def count(applications):
        return sum(a.status != status and a.can_become(status) for a in applications)

    return count


def oversight_group_applicants_told(outcome):
    """How many of the chosen applicants would be emailed this Oversight Group decision."""

    def count(applications):
        return sum(
            a.wants_oversight_group and a.oversight_group_outcome != outcome for a in applications
        )

    return count


@admin.register(Application)
class ApplicationAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "full_name",
        "grade",
        "specialty",
        "employing_trust",
        "workstream_names",
        "oversight_group_outcome",
        "status",
        "submitted_at",
    ]
    list_filter = [
        "cohort",
        "status",
        "workstreams",
        "oversight_group_outcome",
        "profession",
        "area",
    ]
    # A filter listing every trust, or a date hierarchy, reads the whole table on every page
    # (SELECT DISTINCT over all applications); find a trust by searching, a year by cohort.
    search_fields = ["full_name", "email", "reference", "employing_trust"]
    list_select_related = ["cohort"]
    inlines = [StatusChangeInline, EqualityMonitoringInline]
    actions = [
        "mark_in_review",
        "accept",
        "waitlist",
        "decline",
        "shortlist_for_oversight_group",
        "appoint_to_oversight_group",
        "not_appoint_to_oversight_group",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["reference", "cohort", "status", "submitted_at", "status_changed_at"]},
        ),
        (
            "About the applicant",
            {"fields": ["full_name", "pronouns", "email", "phone", "other_applications"]},
        ),
        (
            "Training",
            {"fields": ["profession", "grade", "specialty", "employing_trust", "area"]},
        ),
        (
            "Their application",
            {
                "fields": [
                    "workstream_names",
                    "motivation",
                    "oversight_group_outcome",
                    "oversight_group_statement",
                ]
            },
        ),
        ("Internal", {"fields": ["internal_notes"]}),
    ]
    # Everything the applicant wrote is theirs; admins add notes and decide through the actions.
    readonly_fields = [
        "reference",
        "cohort",
        "status",
        "submitted_at",
        "status_changed_at",
        "full_name",
        "pronouns",
        "email",
        "phone",
        "other_applications",
        "profession",
        "grade",
        "specialty",
        "employing_trust",
        "area",
        "workstream_names",
        "motivation",
        "oversight_group_outcome",
        "oversight_group_statement",
    ]
    change_list_template = "admin/network/application/change_list.html"

    # The columns of the CSV export: never equality-monitoring answers.
    EXPORT_FIELDS = [
        "reference",
        "cohort",
        "status",
        "submitted_at",
        "full_name",
        "pronouns",
        "email",
        "phone",
        "profession",
        "grade",
        "specialty",
        "employing_trust",
        "area",
        "workstreams",
        "oversight_group_outcome",
        "oversight_group_statement",
        "motivation",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("workstreams")

    def has_add_permission(self, request):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200 and request.user.has_perm("network.view_equalitymonitoring"):
            application = self.get_object(request, object_id)
            answers = EqualityMonitoring.objects.filter(application=application).first()
            if answers:
                record_read(request, answers)  # the page showed them (EqualityMonitoringInline)
        return response

    @admin.display(description="workstreams")
    def workstream_names(self, application):
        return ", ".join(workstream.name for workstream in application.workstreams.all())

    @admin.display(description="other applications from this address")
    def other_applications(self, application):
        """Earlier (or later) applications, such as one withdrawn before applying again."""
        others = (
            Application.objects.filter(email=application.email)
            .exclude(pk=application.pk)
            .select_related("cohort")
            .order_by("-submitted_at")
        )
        links = format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a>: {}, {}',
            (
                (
                    reverse("admin:network_application_change", args=[other.pk]),
                    other.reference,
                    other.cohort,
                    other.get_status_display().lower(),
                )
                for other in others
            ),
        )
        return links or "None"

    def get_urls(self):
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_csv),
            name="network_application_export",
        )
        return [export, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "export_url": reverse("admin:network_application_export"),
        }
        return super().changelist_view(request, extra_context)

    def export_csv(self, request):
        """The changelist as filtered and searched, as CSV, streamed as it is read."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            # The changelist itself refuses these filters; say so rather than fail.
            self.message_user(
                request,
                "The export's filters are not ones this list offers. Choose filters, then export again.",
                messages.ERROR,
            )
            return redirect("admin:network_application_changelist")
        applications = changelist.get_queryset(request)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return csv_response(
            filename=f"applications-{stamp}.csv",
            rows=itertools.chain([self.EXPORT_FIELDS], self._export_rows(applications)),
        )

    @classmethod
    def _export_rows(cls, applications):
        """EXPORT_FIELDS of each application, read as plain values rather than model instances
        (a national export is tens of thousands of rows), with each chunk's workstreams in one
        query."""
        labels = {
            field: dict(Application._meta.get_field(field).flatchoices)
            for field in ["status", "profession", "grade", "area", "oversight_group_outcome"]
        }
        columns = [field for field in cls.EXPORT_FIELDS if field not in {"cohort", "workstreams"}]
        values = (
            applications.prefetch_related(None)
            .values("pk", "cohort__name", *columns)
            .iterator(chunk_size=ROWS_PER_CHUNK)
        )
        while chunk := list(itertools.islice(values, ROWS_PER_CHUNK)):
            workstreams = collections.defaultdict(list)
            chosen = Application.workstreams.through.objects.filter(
                application__in=[row["pk"] for row in chunk]
            ).order_by("workstream__order", "workstream__name")
            for application_id, name in chosen.values_list("application_id", "workstream__name"):
                workstreams[application_id].append(name)
            for row in chunk:
                row.update({field: labels[field].get(row[field], "") for field in labels})
                row["cohort"] = row["cohort__name"]
                row["workstreams"] = "; ".join(workstreams[row["pk"]])
                row["submitted_at"] = timezone.localtime(row["submitted_at"]).strftime(
                    "%Y-%m-%d %H:%M"
                )
                yield [row[field] for field in cls.EXPORT_FIELDS]

    def _apply(self, request, queryset, change, done):
        """Run a service on each chosen application; report how many changed and which could not."""
        changed, refused = 0, []
        for application in queryset:
            try:
                changed += bool(change(application=application, by=request.user))
            except services.TransitionNotAllowed as error:
                refused.append(str(error))
        if changed:
            self.message_user(request, f"{changed} application(s) {done}.", messages.SUCCESS)
        if refused:
            self.message_user(request, "Not changed: " + "; ".join(refused) + ".", messages.WARNING)
        if not changed and not refused:
            self.message_user(request, f"Nothing to change: already {done}.", messages.INFO)

    @service_action(
        services.mark_in_review, description="Mark as in review", permissions=["change"]
    )
    def mark_in_review(self, request, queryset):
        self._apply(request, queryset, services.mark_in_review, "marked as in review")

    @service_action(
        services.accept,
        description="Accept and email the applicants",
        permissions=["change"],
        people_emailed=applicants_who_can_become(Application.Status.ACCEPTED),
    )
    def accept(self, request, queryset):
        self._apply(request, queryset, services.accept, "accepted")

    @service_action(
        services.waitlist,
        description="Put on the waiting list and email the applicants",
        permissions=["change"],
        people_emailed=applicants_who_can_become(Application.Status.WAITLISTED),
    )
    def waitlist(self, request, queryset):
        self._apply(request, queryset, services.waitlist, "put on the waiting list")

    @service_action(
        services.decline,
        description="Decline and email the applicants",
        permissions=["change"],
        people_emailed=applicants_who_can_become(Application.Status.DECLINED),
    )
    def decline(self, request, queryset):
        self._apply(request, queryset, services.decline, "declined")

    @service_action(
        services.decide_oversight_group,
        description="Oversight Group: shortlist",
        permissions=["change"],
        people_emailed=oversight_group_applicants_told(OversightGroupOutcome.SHORTLISTED),
    )
    def shortlist_for_oversight_group(self, request, queryset):
        self._apply(
            request,
            queryset,
            functools.partial(
                services.decide_oversight_group, outcome=OversightGroupOutcome.SHORTLISTED
            ),
            "shortlisted for the Oversight Group",
        )

    @service_action(
        services.decide_oversight_group,
        description="Oversight Group: appoint",
        permissions=["change"],
        people_emailed=oversight_group_applicants_told(OversightGroupOutcome.APPOINTED),
    )
    def appoint_to_oversight_group(self, request, queryset):
        self._apply(
            request,
            queryset,
            functools.partial(
                services.decide_oversight_group, outcome=OversightGroupOutcome.APPOINTED
            ),
            "appointed to the Oversight Group",
        )

    @service_action(
        services.decide_oversight_group,
        description="Oversight Group: not appointed",
        permissions=["change"],
        people_emailed=oversight_group_applicants_told(OversightGroupOutcome.NOT_APPOINTED),
    )
    def not_appoint_to_oversight_group(self, request, queryset):
        self._apply(
            request,
            queryset,
            functools.partial(
                services.decide_oversight_group, outcome=OversightGroupOutcome.NOT_APPOINTED
            ),
            "marked as not appointed to the Oversight Group",
        )
