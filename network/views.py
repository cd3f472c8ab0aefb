"""Join the network: the application, one question page at a time, and the status page.

The answers live in the session as the raw values each page posted, so a page shows them again
as typed and check-your-answers validates them all again before submitting.
"""

from dataclasses import dataclass

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView

from edi_portal import ratelimit
from edi_portal.page_cache import CachedPageMixin
from workstreams.models import Workstream

from . import forms, services
from .models import Cohort

SESSION_KEY = "join"
SUBMITTED_KEY = "join_submitted"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type


STEPS = [
    Step("about-you", "About you", forms.AboutYouForm),
    Step("your-training", "Your training", forms.TrainingForm),
    Step("workstreams", "Workstreams and the Oversight Group", forms.WorkstreamsForm),
    Step("why", "Why you want to join", forms.WhyForm),
    Step("equality", "Equality monitoring", forms.EqualityForm),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def step_url(step):
    return reverse("network:join_step", kwargs={"step": step.slug})


class JoinSession:
    """The applicant's answers so far, in the session."""

    def __init__(self, request):
        self.session = request.session
        self.data = self.session.get(SESSION_KEY) or {"answers": {}}

    def save(self):
        self.session[SESSION_KEY] = self.data
        # An abandoned application's answers (equality answers among them) must not wait in the
        # session table for weeks: the session now expires JOIN_ANSWERS_HOURS after the last
        # page answered, and the hourly clear_expired_sessions task deletes it.
        max_age = settings.JOIN_ANSWERS_HOURS * 60 * 60
        if self.session.get_expiry_age() > max_age:
            self.session.set_expiry(max_age)

    def answers(self, step):
        return self.data["answers"].get(step.slug)

    def store(self, step, raw):
        self.data["answers"][step.slug] = raw
        self.save()

    def bound_form(self, step):
        return step.form_class(data=self.answers(step) or {})

    @property
    def chosen_workstream(self):
        return self.data.get("workstream")

    def choose_workstream(self, pk):
        self.data["workstream"] = pk
        self.save()

    def clear(self):
        self.session.pop(SESSION_KEY, None)


def raw_answers(form):
    """What the person posted for each field, as the form's widgets read it."""
    return {name: form[name].data for name in form.fields}


class OpenCohortMixin:
    """The question pages and check-your-answers work only while a cohort takes applications."""

    def dispatch(self, request, *args, **kwargs):
        self.cohort, is_open = Cohort.for_applications()
        if not is_open:
            return redirect("network:join")
        self.join = JoinSession(request)
        return super().dispatch(request, *args, **kwargs)


class JoinStartView(TemplateView):
    template_name = "network/join_start.html"

    def get(self, request, *args, **kwargs):
        slug = request.GET.get("workstream")
        if slug:
            workstream = Workstream.objects.filter(slug=slug, is_active=True).first()
            if workstream is not None:
                JoinSession(request).choose_workstream(workstream.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        cohort, is_open = Cohort.for_applications()
        return super().get_context_data(
            cohort=cohort,
            is_open=is_open,
            first_step_url=step_url(STEPS[0]),
            breadcrumbs=[("Home", "/")],
            **kwargs,
        )


class QuestionPageMixin:
    """One question page of several: the step the address names (404 for any other), its form,
    and whether the person came from check-your-answers to change an answer."""

    step_by_slug = {}

    def dispatch(self, request, *args, **kwargs):
        self.step = self.step_by_slug.get(kwargs["step"])
        if self.step is None:
            raise Http404("No such step")
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return self.step.form_class

    @property
    def changing(self):
        return self.request.GET.get("change") == "1"


class JoinStepView(CachedPageMixin, QuestionPageMixin, OpenCohortMixin, FormView):
    template_name = "network/join_step.html"
    page_parameters = ("change",)
    step_by_slug = STEP_BY_SLUG

    def get_initial(self):
        answers = self.join.answers(self.step)
        if answers is not None:
            return answers
        if self.step.slug == "workstreams" and self.join.chosen_workstream:
            return {"workstreams": [self.join.chosen_workstream]}
        return {}

    def post(self, request, *args, **kwargs):
        if self.step.slug == "equality" and "skip" in request.POST:
            self.join.store(self.step, {})
            return redirect(self.get_success_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.join.store(self.step, raw_answers(form))
        return super().form_valid(form)

    def get_success_url(self):
        # A change from check-your-answers goes back there (which sends the person on to any
        # page still unanswered); otherwise on to the next page.
        index = STEPS.index(self.step)
        if self.changing or index == len(STEPS) - 1:
            return reverse("network:join_check")
        return step_url(STEPS[index + 1])

    def get_context_data(self, **kwargs):
        index = STEPS.index(self.step)
        back = (
            reverse("network:join_check")
            if self.changing
            else step_url(STEPS[index - 1])
            if index
            else reverse("network:join")
        )
        return super().get_context_data(
            step=self.step,
            step_number=index + 1,
            step_count=len(STEPS),
            back_url=back,
            cohort=self.cohort,
            **kwargs,
        )


class SummaryRow:
    """One answer on check-your-answers."""

    def __init__(self, label, value, change_url, field_id):
        self.label = label
        self.value = value
        self.is_list = isinstance(value, list)  # shown as a list, like the workstreams
        self.change_url = f"{change_url}?change=1#{field_id}"


def display_value(bound_field, value):
    field = bound_field.field
    if isinstance(field, django_forms.ModelMultipleChoiceField):
        return [item.name for item in value or ()] or "Not answered"
    if isinstance(field, django_forms.MultipleChoiceField):
        choices = dict(field.choices)
        return [choices[item] for item in value or ()] or "Not answered"
    if isinstance(field, django_forms.ChoiceField):
        # str(): a typed choice (a number) is cleaned to its type, but its choices are text.
        return dict(field.choices).get(str(value), "") or "Not answered"
    return value or "Not given"


class CheckAnswersView(OpenCohortMixin, ratelimit.RateLimitedFormMixin, FormView):
    """Check your answers, then send the application (rate limited per client address). Its own
    form_valid checks the limit only once the answers are complete."""

    template_name = "network/join_check.html"
    form_class = django_forms.Form
    rate_limit = "20/h"

    @cached_property
    def step_forms(self):
        step_forms = [(step, self.join.bound_form(step)) for step in STEPS]
        for _step, form in step_forms:
            form.full_clean()  # every answer checked again; cleaned_data feeds the summary
        return step_forms

    def incomplete_step_url(self):
        for step, form in self.step_forms:
            if self.join.answers(step) is None or not form.is_valid():
                return step_url(step)
        return None

    def get_context_data(self, **kwargs):
        sections = []
        for step, form in self.step_forms:
            rows = [
                SummaryRow(
                    form.summary_labels.get(name, form[name].label),
                    display_value(form[name], form.cleaned_data.get(name)),
                    step_url(step),
                    form[name].id_for_label,
                )
                for name in form.summary_fields()
            ]
            sections.append({"step": step, "rows": rows, "url": step_url(step)})
        return super().get_context_data(
            sections=sections,
            # Until every page is answered the page offers to continue instead of sending.
            incomplete_url=self.incomplete_step_url(),
            cohort=self.cohort,
            back_url=step_url(STEPS[-1]),
            **kwargs,
        )

    def form_valid(self, form):
        if not self.join.data["answers"] and SUBMITTED_KEY in self.request.session:
            # A second click on "Accept and send" after the first went through.
            return redirect("network:join_submitted")
        redirect_to = self.incomplete_step_url()
        if redirect_to:
            return redirect(redirect_to)
        wait = self.rate_limit_wait()
        if wait is not None:
            return self.too_many_response(form, wait)
        cleaned = {}
        for _step, step_form in self.step_forms:
            cleaned.update(step_form.cleaned_data)
        equality = {name: cleaned[name] for name in forms.EqualityForm.base_fields}
        reference = services.new_reference()
        try:
            services.submit_application(
                cohort=self.cohort,
                answers=forms.application_answers(cleaned),
                workstreams=cleaned["workstreams"],
                equality=equality,
                reference=reference,
            )
        except services.ApplicationsClosed:
            messages.error(self.request, "Applications have closed. Your answers were not sent.")
            return redirect("network:join")
        # The same page whether or not this address had applied before: it reveals nothing.
        # A repeat applicant's email tells them their real reference.
        self.request.session[SUBMITTED_KEY] = {
            "reference": reference,
            "email": cleaned["email"],
            "cohort": self.cohort.name,
        }
        self.join.clear()
        return redirect("network:join_submitted")


class SubmittedView(TemplateView):
    template_name = "network/join_submitted.html"

    def get(self, request, *args, **kwargs):
        if SUBMITTED_KEY not in request.session:
            return redirect("network:join")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(submitted=self.request.session[SUBMITTED_KEY], **kwargs)


class ApplicationFromTokenMixin:
    """The application a signed status link names; 404 for a tampered or expired link."""

    def dispatch(self, request, *args, **kwargs):
        self.application = services.application_for_token(kwargs["token"])
        if self.application is None:
            raise Http404("No such application")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            application=self.application,
            withdraw_url=reverse("network:withdraw", kwargs={"token": self.kwargs["token"]}),
            status_url=reverse("network:status", kwargs={"token": self.kwargs["token"]}),
            **kwargs,
        )


class StatusView(ApplicationFromTokenMixin, TemplateView):
    template_name = "network/status.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            workstreams=self.application.workstreams.all(), breadcrumbs=[("Home", "/")], **kwargs
        )


class WithdrawView(ApplicationFromTokenMixin, FormView):
    """Asks the applicant to confirm, then withdraws the application."""

    template_name = "network/withdraw.html"
    form_class = django_forms.Form

    def get(self, request, *args, **kwargs):
        if not self.application.can_withdraw:
            return redirect("network:status", token=kwargs["token"])
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.withdraw(application=self.application)
        except services.TransitionNotAllowed:
            messages.error(self.request, "This application can no longer be withdrawn.")
        else:
            messages.success(self.request, "You have withdrawn your application.")
        return redirect("network:status", token=self.kwargs["token"])
