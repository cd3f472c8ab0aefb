from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.edit import FormMixin
from django_filters.views import FilterView

from edi_portal.links import address_of_each
from edi_portal.page_cache import CachedPageMixin
from network.accounts import is_network_member, is_verified_trainee

from . import services
from .filters import DirectoryFilter
from .forms import ContactRequestForm, VolunteerProfileForm
from .models import VolunteerProfile

DIRECTORY_BREADCRUMBS = [("Home", "/")]
VOLUNTEER_BREADCRUMBS = [("Home", "/"), ("Peer support", "/peer-support/")]


@method_decorator(never_cache, name="dispatch")
class AccessMixin:
    """Sends visitors who are not signed in to sign in, and shows everyone else who fails
    `has_access` a page (status 403) that says who can use this part of the portal.

    Browsers never cache these pages: they show people's details to a signed-in user. (The
    directory, the same for every trainee, is kept in the server's memory: CachedPageMixin.)"""

    refusal_template = None

    def has_access(self, user):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not self.has_access(request.user):
            return TemplateResponse(
                request,
                self.refusal_template,
                {
                    "allowed_domains": settings.ALLOWED_TRAINEE_EMAIL_DOMAINS,
                    "breadcrumbs": DIRECTORY_BREADCRUMBS,
                },
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)


class TraineeRequiredMixin(AccessMixin):
    refusal_template = "peer_support/not_allowed.html"

    def has_access(self, user):
        return is_verified_trainee(user)


class MemberRequiredMixin(AccessMixin):
    refusal_template = "peer_support/members_only.html"

    def has_access(self, user):
        return is_network_member(user)


# What the directory and a profile page show of a volunteer (user: is it the visitor's own).
SHOWN_FIELDS = [
    "user",
    "display_name",
    "pronouns",
    "grade",
    "specialty",
    "area",
    "languages",
    "availability",
    "bio",
    "monthly_request_limit",
]


def listed_profiles():
    return (
        VolunteerProfile.objects.listed()
        .with_requests_this_month()
        .only(*SHOWN_FIELDS)
        .order_by("display_name", "pk")  # an annotated queryset drops Meta.ordering
    )


class DirectoryView(TraineeRequiredMixin, CachedPageMixin, FilterView):
    """The directory of listed volunteers, with filters and search. Invalid filters list nobody
    and say what is wrong (django-filter's strict mode)."""

    template_name = "peer_support/directory.html"
    filterset_class = DirectoryFilter
    paginate_by = 20
    extra_context = {"breadcrumbs": DIRECTORY_BREADCRUMBS}
    shared_with_signed_in = True  # every trainee sees the same list

    def get_queryset(self):
        return listed_profiles()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = profiles = list(context["object_list"])
        VolunteerProfile.add_topic_names(profiles)
        profile_url = address_of_each("peer_support:profile", "pk")
        for profile in profiles:
            profile.url = profile_url(profile.pk)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        context["filtered"] = any(value for key, value in query.items())
        return context


class VolunteerDetailView(TraineeRequiredMixin, FormMixin, DetailView):
    """A volunteer's profile with the contact form. Only listed profiles exist here (404)."""

    template_name = "peer_support/profile.html"
    context_object_name = "profile"
    form_class = ContactRequestForm

    def get_queryset(self):
        return listed_profiles()

    def get_object(self, queryset=None):
        profile = super().get_object(queryset)
        VolunteerProfile.add_topic_names([profile])
        return profile

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = VOLUNTEER_BREADCRUMBS
        context["is_own_profile"] = self.object.user_id == self.request.user.pk
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        if not form.is_valid() or self.object.user_id == request.user.pk:
            return self.form_invalid(form)
        try:
            services.send_contact_request(
                profile_id=self.object.pk,
                requester=request.user,
                message=form.cleaned_data["message"],
                contact_method=form.cleaned_data["contact_method"],
                contact_details=form.cleaned_data["contact_details"],
            )
        except services.ContactRefused as refusal:
            form.add_error(None, str(refusal))
            response = self.form_invalid(form)
            if isinstance(refusal, services.RequestLimitReached):
                response.status_code = 429
            return response
        messages.success(
            request,
            f"Your message has been sent to {self.object.display_name}. "
            "We have emailed you a confirmation.",
        )
        return redirect(self.object)


class OwnProfileMixin(MemberRequiredMixin):
    """Views of the signed-in volunteer's own profile; there is no way to address another's."""

    def get_profile(self):
        profile = VolunteerProfile.objects.filter(user=self.request.user).first()
        if profile is None:
            raise Http404("You do not have a volunteer profile.")
        return profile


class VolunteerHomeView(OwnProfileMixin, TemplateView):
    template_name = "peer_support/volunteer_home.html"
    extra_context = {"breadcrumbs": VOLUNTEER_BREADCRUMBS}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile"] = (
            VolunteerProfile.objects.filter(user=self.request.user)
            .with_requests_this_month()
            .prefetch_related("topic_consents__topic")
            .first()
        )
        return context


class ProfileFormMixin(OwnProfileMixin):
    template_name = "peer_support/volunteer_form.html"
    form_class = VolunteerProfileForm
    success_url = reverse_lazy("peer_support:volunteer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [
            *VOLUNTEER_BREADCRUMBS,
            ("Your profile", reverse("peer_support:volunteer")),
        ]
        return context


class VolunteerCreateView(ProfileFormMixin, FormView):
    extra_context = {"creating": True}

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and VolunteerProfile.objects.filter(user=request.user).exists()
        ):
            return redirect("peer_support:volunteer_edit")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        services.create_profile(
            user=self.request.user,
            details=form.profile_details(),
            topics=form.cleaned_data["topics"],
        )
        messages.success(
            self.request,
            "Thank you for volunteering. Your profile will be listed once an admin approves it.",
        )
        return super().form_valid(form)


class VolunteerEditView(ProfileFormMixin, FormView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_profile()}

    def form_valid(self, form):
        profile = services.update_profile(
            profile=form.instance,
            details=form.profile_details(),
            topics=form.cleaned_data["topics"],
        )
        if profile.status == VolunteerProfile.Status.PENDING:
            text = (
                "Your changes are saved. Your profile will be listed once an admin approves them."
            )
        else:
            text = "Your changes are saved."
        messages.success(self.request, text)
        return super().form_valid(form)


class VolunteerActionView(OwnProfileMixin, View):
    """A POST-only button on the volunteer's page that calls one service."""

    http_method_names = ["post"]
    action = None
    message = ""

    def post(self, request):
        done = self.action(profile=self.get_profile())
        if done is not False:
            messages.success(request, self.message)
        return redirect("peer_support:volunteer")


class VolunteerDeleteView(OwnProfileMixin, TemplateView):
    template_name = "peer_support/volunteer_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile"] = self.get_profile()
        context["breadcrumbs"] = [
            *VOLUNTEER_BREADCRUMBS,
            ("Your profile", reverse("peer_support:volunteer")),
        ]
        return context

    def post(self, request):
        services.delete_profile(profile=self.get_profile())
        messages.success(request, "Your volunteer profile and its contact requests are deleted.")
        return redirect("peer_support:volunteer")
