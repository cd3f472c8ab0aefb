"""Public programme pages, and signing up one question page at a time (as /join/ does)."""

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView

from edi_portal.identity import Person
from network.accounts import is_verified_trainee
from network.views import QuestionPageMixin, Step, SummaryRow, display_value, raw_answers

from . import forms, matching, services
from .models import MATCH_LINK_SALT, CheckIn, EndFeedback, Match, Programme, Role, SignUp

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
                SignUp.objects.filter(programme=self.object, user=user).active().first()
                if user.is_authenticated
                else None
            ),
            withdrawn=(
                SignUp.objects.filter(programme=self.object, user=user)
                .exclude(withdrawn_at=None)
                .order_by("-withdrawn_at")
                .first()
                if user.is_authenticated
                else None
            ),
            mentor_label=self.object.role_label(Role.MENTOR),
            mentee_label=self.object.role_label(Role.MENTEE),
            choose_text=f"Choose your {self.object.role_label(Role.MENTOR).lower()}",
            **kwargs,
        )


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
        return (
            SignUp.objects.filter(programme=self.programme, user=self.request.user)
            .active()
            .exists()
        )

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


class SignUpStepView(QuestionPageMixin, SignUpMixin, FormView):
    template_name = "mentoring/sign_up_step.html"
    step_by_slug = STEP_BY_SLUG

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.programme}

    def get_initial(self):
        return self.answers.get(self.step.slug) or {}

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
            SignUp.objects.select_related("programme").active(),
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


@method_decorator(never_cache, name="dispatch")
class MatchFromTokenMixin:
    """The match and the person a signed link names (from their emails or Your network), shown
    only to that person signed in: a forwarded email, or an old one in a data download, opens
    nothing for anyone else."""

    # The statuses in which this page does anything; otherwise it goes back to the match page.
    for_statuses = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            match_id, sign_up_id = signing.loads(kwargs["token"], salt=MATCH_LINK_SALT)
        except (signing.BadSignature, ValueError, TypeError):
            raise Http404("No such match") from None
        self.match = (
            Match.objects.select_related("programme", "mentor", "mentee")
            .filter(pk=match_id)
            .first()
        )
        if self.match is None or sign_up_id not in (self.match.mentor_id, self.match.mentee_id):
            raise Http404("No such match")
        self.sign_up = (
            self.match.mentor if sign_up_id == self.match.mentor_id else self.match.mentee
        )
        theirs = Person.for_user(request.user).records("email", "user")
        if not SignUp.objects.filter(theirs, pk=self.sign_up.pk).exists():
            raise Http404("No such match")  # someone else's: not even whether it exists
        self.match_url = reverse("mentoring:match", kwargs={"token": kwargs["token"]})
        if self.for_statuses is not None and self.match.status not in self.for_statuses:
            return redirect(self.match_url)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        other = self.match.other(self.sign_up)
        return super().get_context_data(
            match=self.match,
            programme=self.match.programme,
            sign_up=self.sign_up,
            other=other,
            other_role=self.match.programme.role_label(self.match.side_of(other)),
            match_url=self.match_url,
            back_url=self.match_url,
            **kwargs,
        )


class MatchView(MatchFromTokenMixin, TemplateView):
    """The match: accept it; once both have, the other's contact details and what to do next."""

    template_name = "mentoring/match.html"

    def post(self, request, *args, **kwargs):
        if self.match.status == Match.Status.CONFIRMED:
            services.accept_match(match_id=self.match.pk, sign_up_id=self.sign_up.pk)
            messages.success(request, "You have accepted this match.")
        return redirect(self.match_url)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            accepted=self.match.accepted_by(self.sign_up),
            declined_by_you=self.match.status == Match.Status.DECLINED
            and self.match.declines.filter(sign_up=self.sign_up).exists(),
            not_going_ahead=self.match.status in services.NOT_GONE_AHEAD,
            check_in=services.due_check_in(match=self.match, sign_up=self.sign_up),
            next_check_in=self.sign_up.check_ins.filter(answered_at__isnull=True)
            .order_by("due_on")
            .first(),
            feedback=EndFeedback.objects.filter(sign_up=self.sign_up).first(),
            **kwargs,
        )


class DeclineView(MatchFromTokenMixin, FormView):
    """Decline a suggested match, with a reason for the mentoring team if they want to give one."""

    template_name = "mentoring/match_form.html"
    extra_context = {"title": "Decline this match", "button": "Decline this match"}
    form_class = forms.DeclineForm
    for_statuses = [Match.Status.CONFIRMED]

    def form_valid(self, form):
        try:
            services.decline_match(
                match_id=self.match.pk,
                sign_up_id=self.sign_up.pk,
                reason=form.cleaned_data["reason"],
            )
        except services.SignUpError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(
                self.request,
                "You have declined this match. We will not suggest it again. We have not told "
                "the other person why.",
            )
        return redirect(self.match_url)


class CheckInView(MatchFromTokenMixin, FormView):
    template_name = "mentoring/match_form.html"
    extra_context = {"title": "Check in on your match", "button": "Send"}
    form_class = forms.CheckInForm
    for_statuses = [Match.Status.ACTIVE]

    def get(self, request, *args, **kwargs):
        if self.due() is None:
            messages.info(request, "You have no check-in due at the moment.")
            return redirect(self.match_url)
        return super().get(request, *args, **kwargs)

    def due(self):
        return services.due_check_in(match=self.match, sign_up=self.sign_up)

    def form_valid(self, form):
        check_in = self.due()
        if check_in is None:
            return redirect(self.match_url)
        try:
            services.record_check_in(check_in_id=check_in.pk, **form.cleaned_data)
        except services.SignUpError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(self.request, "Thank you for checking in.")
        return redirect(self.match_url)


class NotWorkingView(MatchFromTokenMixin, FormView):
    template_name = "mentoring/match_form.html"
    extra_context = {"title": "Tell us it is not working", "button": "Send to the mentoring team"}
    form_class = forms.NotWorkingForm
    for_statuses = [Match.Status.CONFIRMED, Match.Status.ACTIVE]

    def form_valid(self, form):
        services.report_not_working(
            match=self.match, sign_up=self.sign_up, details=form.cleaned_data["details"]
        )
        messages.success(
            self.request,
            "Thank you for telling us. The mentoring team will contact you. We have not told "
            "the person you are matched with.",
        )
        return redirect(self.match_url)


class EndFeedbackView(MatchFromTokenMixin, FormView):
    template_name = "mentoring/match_form.html"
    extra_context = {"title": "How did it go?", "button": "Send feedback"}
    form_class = forms.EndFeedbackForm
    for_statuses = [Match.Status.ENDED]

    def form_valid(self, form):
        try:
            services.record_feedback(match=self.match, sign_up=self.sign_up, **form.cleaned_data)
        except services.SignUpError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(self.request, "Thank you for your feedback.")
        return redirect(self.match_url)


class CertificateView(MatchFromTokenMixin, TemplateView):
    """A printable certificate of participation, once the match has ended and feedback is in."""

    template_name = "mentoring/certificate.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_have_certificate=self.match.status == Match.Status.ENDED
            and EndFeedback.objects.filter(sign_up=self.sign_up).exists(),
            role_label=self.match.programme.role_label(self.match.side_of(self.sign_up)),
            breadcrumbs=MENTORING_CRUMBS,
            **kwargs,
        )


def your_mentoring(user):
    """The person's current sign-ups for "Your network", each with its live matches (a mentor
    may have several, each with the link to it) and next check-in: three queries, however many
    programmes and matches."""
    sign_ups = list(
        SignUp.objects.filter(Person.for_user(user).records("email", "user"))
        .active()
        .select_related("programme")
        .order_by("-created_at")
    )
    ids = [sign_up.pk for sign_up in sign_ups]
    matches = {sign_up_id: [] for sign_up_id in ids}
    for match in (
        Match.objects.filter(Q(mentor_id__in=ids) | Q(mentee_id__in=ids))
        .filter(status__in=services.LIVE_STATUSES)
        .select_related("programme", "mentor", "mentee")
        .order_by("confirmed_at", "pk")
    ):
        for sign_up_id in (match.mentor_id, match.mentee_id):
            if sign_up_id in matches:
                matches[sign_up_id].append(match)
    next_check_ins = {}
    for check_in in CheckIn.objects.filter(
        sign_up_id__in=ids, answered_at__isnull=True, match__status=Match.Status.ACTIVE
    ).order_by("-due_on"):
        next_check_ins[check_in.sign_up_id] = check_in
    for sign_up in sign_ups:
        sign_up.role_label = sign_up.programme.role_label(sign_up.role)
        sign_up.matches = matches[sign_up.pk]
        for match in sign_up.matches:
            match.url = match.get_url_for(sign_up)
            match.other_person = match.other(sign_up)
            match.other_role = sign_up.programme.role_label(match.side_of(match.other_person))
        # The first match, as before, for pages that show one.
        sign_up.match = sign_up.matches[0] if sign_up.matches else None
        sign_up.match_url = sign_up.match.url if sign_up.match else None
        sign_up.next_check_in = next_check_ins.get(sign_up.pk)
    return sign_ups


@method_decorator(never_cache, name="dispatch")
class OwnSignUpMixin:
    """The signed-in person's current sign-up to the programme in the address."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.programme = get_object_or_404(Programme, slug=kwargs["slug"], is_published=True)
        self.sign_up = (
            SignUp.objects.filter(programme=self.programme, user=request.user)
            .active()
            .select_related("programme")
            .first()
        )
        if self.sign_up is None:
            return redirect(self.programme)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            programme=self.programme,
            sign_up=self.sign_up,
            back_url=self.programme.get_absolute_url(),
            **kwargs,
        )


class WithdrawView(OwnSignUpMixin, TemplateView):
    """Leave a programme: a match waiting or going on is cancelled, both people told."""

    template_name = "mentoring/withdraw.html"

    def post(self, request, *args, **kwargs):
        services.withdraw(sign_up_id=self.sign_up.pk)
        messages.success(
            request,
            f"You have left {self.programme.name}. You can sign up again when it next opens.",
        )
        return redirect(self.programme)


class ChooseMentorView(OwnSignUpMixin, FormView):
    """Where the programme lets mentees choose: their best few mentors with places left, with the
    reasons (never whether they share a characteristic), and they pick one."""

    template_name = "mentoring/choose.html"
    form_class = forms.ChooseMentorForm

    def get(self, request, *args, **kwargs):
        if not self.can_choose():
            return redirect(self.programme)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.can_choose():
            return redirect(self.programme)
        return super().post(request, *args, **kwargs)

    def can_choose(self):
        return self.programme.mentees_choose and self.sign_up.role == Role.MENTEE

    @cached_property
    def choices(self):
        return services.choices_for(sign_up=self.sign_up)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "choices": [
                (choice.mentor.pk, f"{self.mentor_label} {number}")
                for number, choice in enumerate(self.choices, start=1)
            ],
            "label": f"Which {self.mentor_label.lower()} would you like?",
        }

    @property
    def mentor_label(self):
        return self.programme.role_label(Role.MENTOR)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            mentor_label=self.mentor_label,
            choices=[
                # Never whether they share a characteristic: that would tell the mentee
                # something about the mentor, whoever the mentee is.
                (number, choice.mentor, [r for r in choice.reasons if r != matching.SHARED_REASON])
                for number, choice in enumerate(self.choices, start=1)
            ],
            breadcrumbs=MENTORING_CRUMBS,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            match = services.choose_mentor(
                sign_up=self.sign_up, mentor_id=form.cleaned_data["mentor"]
            )
        except services.SignUpError as error:
            messages.error(self.request, str(error))
            return redirect(self.request.path)
        messages.success(
            self.request,
            f"We have asked your {self.mentor_label.lower()} to accept. You will see each "
            "other's name and email address once they have.",
        )
        return redirect(match.get_url_for(self.sign_up))
