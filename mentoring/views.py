"""Public programme pages, and signing up one question page at a time (as /join/ does)."""

from dataclasses import dataclass

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView

from network.accounts import is_verified_trainee
from network.views import SummaryRow, display_value, raw_answers

from . import forms, services
from .models import Programme, Role, SignUp

MENTORING_CRUMBS = [("Home", "/"), ("Mentoring", "/mentoring/")]


class ProgrammeListView(ListView):
    template_name = "mentoring/programme_list.html"
    context_object_name = "programmes"
    extra_context = {"breadcrumbs": [("Home", "/")]}

    def get_queryset(self):
        return Programme.objects.filter(is_published=True).select_related("workstream")


class ProgrammeDetailView(DetailView):
    template_name = "mentoring/programme_detail.html"
    context_object_name = "programme"
    extra_context = {"breadcrumbs": MENTORING_CRUMBS}

    def get_queryset(self):
        return Programme.objects.filter(is_published=True).select_related("workstream")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            sign_up=(
                SignUp.objects.filter(programme=self.object, user=user).first()
                if user.is_authenticated
                else None
            ),
            mentor_label=self.object.role_label(Role.MENTOR),
            mentee_label=self.object.role_label(Role.MENTEE),
            **kwargs,
        )


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type


STEPS = [
    Step("your-role", "Your role and where you work", forms.RoleForm),
    Step("topics", "What you would like to talk about", forms.TopicsForm),
    Step("preferences", "Who you would like to be matched with", forms.PreferencesForm),
    Step("sharing", "Anything else to take into account", forms.SharingForm),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


@method_decorator(never_cache, name="dispatch")
class SignUpMixin:
    """Signed-in people with a verified NHS address, while the programme takes sign-ups."""

    def dispatch(self, request, *args, **kwargs):
        self.programme = get_object_or_404(Programme, slug=kwargs["slug"], is_published=True)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_verified_trainee(request.user):
            return TemplateResponse(
                request,
                "mentoring/not_allowed.html",
                {
                    "allowed_domains": settings.ALLOWED_TRAINEE_EMAIL_DOMAINS,
                    "breadcrumbs": MENTORING_CRUMBS,
                },
                status=403,
            )
        if not self.programme.is_open() or self.already_signed_up():
            return redirect(self.programme)
        self.session_key = f"mentoring-sign-up-{self.programme.pk}"
        self.answers = request.session.get(self.session_key) or {}
        return super().dispatch(request, *args, **kwargs)

    def already_signed_up(self):
        return SignUp.objects.filter(programme=self.programme, user=self.request.user).exists()

    def step_url(self, step):
        return reverse(
            "mentoring:sign_up_step", kwargs={"slug": self.programme.slug, "step": step.slug}
        )

    def check_url(self):
        return reverse("mentoring:sign_up_check", kwargs={"slug": self.programme.slug})

    def bound_form(self, step):
        return step.form_class(data=self.answers.get(step.slug) or {}, programme=self.programme)

    def get_context_data(self, **kwargs):
        return super().get_context_data(programme=self.programme, **kwargs)


class SignUpStartView(SignUpMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        return redirect(self.step_url(STEPS[0]))


class SignUpStepView(SignUpMixin, FormView):
    template_name = "mentoring/sign_up_step.html"

    def dispatch(self, request, *args, **kwargs):
        self.step = STEP_BY_SLUG.get(kwargs["step"])
        if self.step is None:
            raise Http404("No such step")
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return self.step.form_class

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.programme}

    def get_initial(self):
        return self.answers.get(self.step.slug) or {}

    @property
    def changing(self):
        return self.request.GET.get("change") == "1"

    def form_valid(self, form):
        self.answers[self.step.slug] = raw_answers(form)
        self.request.session[self.session_key] = self.answers
        return super().form_valid(form)

    def get_success_url(self):
        index = STEPS.index(self.step)
        if self.changing or index == len(STEPS) - 1:
            return self.check_url()
        return self.step_url(STEPS[index + 1])

    def get_context_data(self, **kwargs):
        index = STEPS.index(self.step)
        if self.changing:
            back = self.check_url()
        else:
            back = self.step_url(STEPS[index - 1]) if index else self.programme.get_absolute_url()
        return super().get_context_data(
            step=self.step, step_number=index + 1, step_count=len(STEPS), back_url=back, **kwargs
        )


class SignUpCheckView(SignUpMixin, FormView):
    template_name = "mentoring/sign_up_check.html"
    form_class = django_forms.Form

    @cached_property
    def step_forms(self):
        step_forms = [(step, self.bound_form(step)) for step in STEPS]
        for _step, form in step_forms:
            form.full_clean()
        return step_forms

    def incomplete_step_url(self):
        for step, form in self.step_forms:
            if step.slug not in self.answers or not form.is_valid():
                return self.step_url(step)
        return None

    def get_context_data(self, **kwargs):
        sections = [
            {
                "step": step,
                "rows": [
                    SummaryRow(
                        form.summary_labels.get(name, form[name].label),
                        display_value(form[name], form.cleaned_data.get(name)),
                        self.step_url(step),
                        form[name].id_for_label,
                    )
                    for name in form.summary_fields()
                ],
            }
            for step, form in self.step_forms
        ]
        return super().get_context_data(
            sections=sections,
            incomplete_url=self.incomplete_step_url(),
            back_url=self.step_url(STEPS[-1]),
            **kwargs,
        )

    def form_valid(self, form):
        redirect_to = self.incomplete_step_url()
        if redirect_to:
            return redirect(redirect_to)
        cleaned = {}
        for _step, step_form in self.step_forms:
            cleaned.update(step_form.cleaned_data)
        characteristics = cleaned.pop("characteristics")
        if cleaned["role"] == Role.MENTEE:
            cleaned["capacity"] = 1
        try:
            services.sign_up(
                programme=self.programme,
                user=self.request.user,
                answers=cleaned,
                characteristics=characteristics,
            )
        except services.SignUpError as error:
            messages.error(self.request, str(error))
            return redirect(self.programme)
        self.request.session.pop(self.session_key, None)
        return redirect("mentoring:sign_up_done", slug=self.programme.slug)


@method_decorator(never_cache, name="dispatch")
class SignUpDoneView(TemplateView):
    template_name = "mentoring/sign_up_done.html"

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.sign_up = get_object_or_404(
            SignUp.objects.select_related("programme"),
            programme__slug=kwargs["slug"],
            user=request.user,
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sign_up=self.sign_up,
            programme=self.sign_up.programme,
            breadcrumbs=MENTORING_CRUMBS,
            **kwargs,
        )
