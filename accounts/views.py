""" "Your network": a signed-in trainee's own page, and their data rights (export, deletion)."""

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from edi_portal.identity import Person
from mentoring.views import your_mentoring
from network.models import Application, Membership
from network.services import status_url
from opportunities.models import Interest
from peer_support.models import VolunteerProfile
from qi_projects.models import QIProject
from qi_projects.models import Status as ProjectStatus
from training.models import Booking, FacilitatorOffer, SessionFacilitator
from training.record import attended, record_context, record_pdf_response

from . import services as services_accounts

YOUR_NETWORK_CRUMBS = [("Home", "/"), ("Your network", "/your-network/")]


def personal_data_download(person):
    """The person's data export as a file download (for the person, and for staff in admin)."""
    content = services_accounts.export_file(person=person)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(content, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.json"'
    return response


@method_decorator(never_cache, name="dispatch")
class AccountPageMixin(LoginRequiredMixin):
    """Pages about one signed-in person: never cached, since they show that person's details."""


class YourNetworkView(AccountPageMixin, TemplateView):
    """Everything of the trainee's, each item with its actions; one query per kind of item."""

    template_name = "accounts/your_network.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        theirs = Person.for_user(user).records("email", "user")
        applications = list(
            Application.objects.filter(theirs).select_related("cohort").order_by("-submitted_at")
        )
        for application in applications:
            application.status_link = status_url(application)
        return super().get_context_data(
            memberships=Membership.objects.filter(theirs)
            .select_related("cohort")
            .prefetch_related("workstreams")
            .order_by("-cohort__name"),
            applications=applications,
            bookings=Booking.objects.filter(theirs)
            .select_related("session__course", "feedback")
            .order_by("-session__starts_at"),
            projects=QIProject.objects.filter(author=user).order_by("-updated_at"),
            profile=VolunteerProfile.objects.filter(user=user)
            .with_requests_this_month()
            .prefetch_related("topic_consents__topic")
            .first(),
            contact_requests=user.peer_contact_requests.select_related("profile").order_by(
                "-created_at"
            ),
            mentoring_sign_ups=your_mentoring(user),
            facilitator_offers=FacilitatorOffer.objects.filter(user=user)
            .select_related("course")
            .order_by("-created_at"),
            facilitated_sessions=SessionFacilitator.objects.filter(offer__user=user)
            .select_related("session__course", "offer")
            .order_by("-session__starts_at"),
            interests=Interest.objects.filter(user=user)
            .select_related("opportunity")
            .order_by("-created_at"),
            breadcrumbs=[("Home", "/")],
            **kwargs,
        )


class TrainingRecordView(AccountPageMixin, TemplateView):
    """The educator's EDI training record: every session attended under the account or a verified
    address, across years; the same record downloads as a PDF."""

    template_name = "training/record.html"

    def bookings(self):
        return attended(Person.for_user(self.request.user).records("email", "user"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **record_context(self.bookings()),
            pdf_url=reverse("accounts:training_record_pdf"),
            back_url=reverse("accounts:your_network"),
            breadcrumbs=YOUR_NETWORK_CRUMBS,
            **kwargs,
        )


class TrainingRecordPdfView(TrainingRecordView):
    def get(self, request, *args, **kwargs):
        return record_pdf_response(self.bookings())


@method_decorator(reauthentication_required(allow_get=True), name="dispatch")
class YourDataView(AccountPageMixin, TemplateView):
    """What the download holds; the download itself (a POST) asks for the password again."""

    template_name = "accounts/your_data.html"
    extra_context = {"breadcrumbs": YOUR_NETWORK_CRUMBS}

    def post(self, request):
        return personal_data_download(Person.for_user(request.user))


class DeleteAccountForm(forms.Form):
    unpublish_projects = forms.BooleanField(
        label="Also take my published QI projects out of the gallery",
        required=False,
        help_text="Otherwise they stay in the gallery, without your name on the page.",
    )


@method_decorator(reauthentication_required(allow_get=True), name="dispatch")
class DeleteAccountView(AccountPageMixin, FormView):
    """Says what is deleted and what is kept; deleting asks for the password again."""

    template_name = "accounts/delete_account.html"
    form_class = DeleteAccountForm
    extra_context = {"breadcrumbs": YOUR_NETWORK_CRUMBS}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            published_projects=QIProject.objects.filter(
                author=user, status=ProjectStatus.PUBLISHED
            ).order_by("title"),
            **kwargs,
        )

    def form_valid(self, form):
        services_accounts.delete_account(
            user=self.request.user, unpublish_projects=form.cleaned_data["unpublish_projects"]
        )
        logout(self.request)
        messages.success(self.request, "Your account and your data are deleted.")
        return redirect("home")
