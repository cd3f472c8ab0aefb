"""The portal's admin conventions, and the outbox's admin page.

No side doors: every way admin changes data goes through the same service function the public
journey and the tasks use (its rules, its timeline, its emails), or is read-only. A ModelAdmin
marks the methods that save (save_model, delete_model, delete_queryset, save_formset) with
through_services(); its actions are service_action() or read_only_action(). An action that
emails people first shows a confirmation page saying how many rows were chosen and how many
people will be emailed, as Django's own "delete selected" does. tests/security/
test_no_side_doors.py walks every registered ModelAdmin and fails for a way in that is none of
these and not on its list of reasoned exceptions.
"""

import functools
import operator

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext as _

from . import services
from .models import OutboundEmail

# The field only the confirmation page sends: an emailing action acts only when it is present.
CONFIRMED = "confirmed"


def through_services(*functions):
    """Mark an admin action, or a ModelAdmin method that saves, as changing data through these
    service functions (each from an app's services module)."""

    def mark(method):
        method.services = functions
        return method

    return mark


def service_action(
    *functions, description, permissions=None, people_emailed=None, form_class=None, warning=""
):
    """An admin action that acts through the service `functions`.

    An action that emails people passes people_emailed(queryset), how many it will email. The
    first POST then shows a confirmation page (with the fields of `form_class`, such as a
    message, when given) and sends nothing; the action runs only on the page's own POST, which
    carries CONFIRMED, and gets the form's cleaned data as keyword arguments. `warning` says on
    that page what cannot be undone.
    """

    def decorate(action):
        run = action
        if people_emailed is not None:

            @functools.wraps(action)
            def run(modeladmin, request, queryset):
                form = None
                if form_class is not None:
                    form = form_class(request.POST if CONFIRMED in request.POST else None)
                if CONFIRMED in request.POST and (form is None or form.is_valid()):
                    extra = form.cleaned_data if form is not None else {}
                    return action(modeladmin, request, queryset, **extra)
                return confirmation_page(
                    modeladmin,
                    request,
                    queryset,
                    title=description,
                    form=form,
                    people_emailed=people_emailed(queryset),
                    warning=warning,
                )

            run.confirms_first = True
        through_services(*functions)(run)
        return admin.action(description=description, permissions=permissions)(run)

    return decorate


def read_only_action(*, description, permissions=None):
    """An admin action that changes nothing (an export, say)."""

    def decorate(action):
        return admin.action(description=description, permissions=permissions)(
            through_services()(action)
        )

    return decorate


def plural(count, singular, plural_form=None):
    """'1 session', '3 sessions', '2 people'."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def confirmation_page(
    modeladmin, request, queryset, *, title, people_emailed, form=None, warning=""
):
    opts = modeladmin.model._meta
    chosen = list(queryset)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": opts,
        "chosen": chosen,
        "chosen_count": plural(len(chosen), opts.verbose_name, opts.verbose_name_plural),
        "people_emailed_count": plural(people_emailed, "person", "people"),
        "people_emailed": people_emailed,
        "form": form,
        "warning": warning,
        "action_name": request.POST["action"],
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "confirmed_field": CONFIRMED,
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/confirm_action.html", context)


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


class SearchEachFieldMixin:
    """Admin search for a changelist whose search_fields reach other tables (booking__name).

    Django ORs every search field in one WHERE over the join, which no index serves: every
    row of the join is read for the page and again for its count. Here each word's rows are the
    union of one subquery for the model's own fields and one per related field, each answered
    from its table's trigram indexes (edi_portal.fulltext.admin_search_index); every word must
    be found, as in Django's search. Plain field paths only (no ^, = or @ prefixes).
    """

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        own = [field for field in self.search_fields if "__" not in field]
        joined = [field for field in self.search_fields if "__" in field]
        rows = queryset.model._base_manager.order_by().values("pk")
        for word in smart_split(search_term):
            if word.startswith(('"', "'")) and word[0] == word[-1]:
                word = unescape_string_literal(word)
            found = [rows.filter(**{f"{field}__icontains": word}) for field in joined]
            if own:
                has_word = functools.reduce(
                    operator.or_, (Q(**{f"{field}__icontains": word}) for field in own)
                )
                found.append(rows.filter(has_word))
            queryset = queryset.filter(pk__in=found[0].union(*found[1:]))
        return queryset, False


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

    @service_action(
        services.resend,
        description="Send the selected emails again",
        permissions=["resend"],
        people_emailed=lambda emails: emails.values("to").distinct().count(),
    )
    def resend(self, request, queryset):
        count = services.resend(queryset)
        self.message_user(request, f"{count} email(s) queued to send again.", messages.SUCCESS)
        if queryset.filter(status=OutboundEmail.Status.SENT).exists():
            self.message_user(
                request,
                "Emails already sent were not sent again. Their links were removed once sent.",
                messages.WARNING,
            )
