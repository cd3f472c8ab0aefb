from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, ListView, TemplateView

from edi_portal.ratelimit import RateLimitedFormMixin, SecretLinkMixin

from . import services as services_concerns
from .forms import ConcernForm, FollowUpMessageForm, NewLinkForm
from .models import Concern, ConcernEvent, ConcernMessage, YouSaidWeDid

SESSION_KEY = "concern_raised"


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ConcernFormView(FormView):
    """Escalation routes, and a form to raise a concern (anonymous allowed)."""

    template_name = "concerns/concern_form.html"
    form_class = ConcernForm
    success_url = reverse_lazy("concerns:concern_sent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Home", "/")]
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        is_other = data["characteristic"] == Concern.Characteristic.OTHER
        concern, token = services_concerns.raise_concern(
            recorded_as=data["recorded_as"],
            characteristic=data["characteristic"],
            characteristic_other=data["characteristic_other"] if is_other else "",
            setting=data["setting"],
            details=data["details"],
            email=data["email"],
            submission_key=data["submission_key"],
        )
        # The reference travels in the session, not the address, so it stays out of history.
        # The follow-up link is there only until the page first shows it.
        raised = {"reference": concern.reference, "acknowledged": bool(concern.email)}
        if token:  # None when the same form was sent again too late to show the link again
            raised["follow_up_path"] = services_concerns.follow_up_path(token)
        self.request.session[SESSION_KEY] = raised
        return redirect(self.get_success_url())


class RaiseConcernView(RateLimitedFormMixin, ConcernFormView):
    """A flood from one address is refused with a message before anything is stored."""

    rate_limit = "5/h"


class ConcernSentView(TemplateView):
    template_name = "concerns/concern_sent.html"

    @method_decorator(never_cache)
    def get(self, request, *args, **kwargs):
        raised = request.session.get(SESSION_KEY)
        if not raised:
            return redirect("concerns:concern")
        follow_up_path = raised.pop("follow_up_path", None)
        request.session[SESSION_KEY] = raised  # shown once: the link leaves the session now
        context = self.get_context_data(
            raised=raised,
            follow_up_url=request.build_absolute_uri(follow_up_path) if follow_up_path else None,
            acknowledge_days=settings.CONCERN_ACKNOWLEDGE_WORKING_DAYS,
            respond_days=settings.CONCERN_RESPOND_WORKING_DAYS,
            breadcrumbs=[("Home", "/")],
        )
        return self.render_to_response(context)


class ConcernGuidanceView(TemplateView):
    template_name = "concerns/concern_guidance.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[("Home", "/"), ("Raise a concern", reverse_lazy("concerns:concern"))],
            acknowledge_days=settings.CONCERN_ACKNOWLEDGE_WORKING_DAYS,
            respond_days=settings.CONCERN_RESPOND_WORKING_DAYS,
            **kwargs,
        )


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class ConcernFollowUpView(SecretLinkMixin, FormView):
    """The raiser's private page: the case's history and messages, and a reply form.

    A wrong token is a plain 404, and counts against a per-address limit (SecretLinkMixin); the
    right one always opens the page, so trainees behind one trust's address never lock each
    other out of their own cases. The link is a secret, so browsers are told never to send it to
    another site as a referrer ("same-origin": the page's own form still carries its Origin for
    the CSRF check, which "no-referrer" would blank).
    """

    template_name = "concerns/concern_follow_up.html"
    form_class = FollowUpMessageForm
    rate_limit = "30/h"

    def find_by_secret(self, token):
        return (
            Concern.objects.filter(follow_up_token_hash=services_concerns.hash_token(token))
            .prefetch_related(
                Prefetch(
                    "messages",
                    queryset=ConcernMessage.objects.exclude(kind=ConcernMessage.Kind.NOTE),
                    to_attr="conversation",
                ),
                "escalations",
                Prefetch(
                    "events",
                    queryset=ConcernEvent.objects.exclude(to_status=""),
                    to_attr="status_history",
                ),
            )
            .first()
        )

    def not_found_response(self, token):
        """A concern that retention deleted: its link says so (410 Gone), from a hash of the
        link and the day, with a way to raise a new concern."""
        gone = services_concerns.gone_link(token)
        if gone is None:
            return None
        context = {
            "deleted_on": gone.deleted_on,
            "retention_days": settings.CONCERN_RETENTION_DAYS,
        }
        return render(self.request, "concerns/concern_gone.html", context, status=410)

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            concern=self.found,
            respond_days=settings.CONCERN_RESPOND_WORKING_DAYS,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services_concerns.raiser_reply(concern=self.found, text=form.cleaned_data["text"])
        except services_concerns.ConcernClosed:
            form.add_error(
                None,
                "We could not add your message because this concern is now closed. If something "
                "else has happened, or it has happened again, please raise a new concern.",
            )
            return self.form_invalid(form)
        messages.success(self.request, "Your message has been sent to the team.")
        return redirect(self.request.path)


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ConcernNewLinkView(RateLimitedFormMixin, FormView):
    """A named person who lost their private link asks for a new one by their reference or their
    address. Whatever matched, or nothing, the next page says the same: the form tells nobody
    whether a concern exists, and the link goes only to the address on the concern."""

    template_name = "concerns/concern_new_link.html"
    form_class = NewLinkForm
    success_url = reverse_lazy("concerns:concern_new_link_sent")
    rate_limit = "5/h"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[("Home", "/"), ("Raise a concern", reverse_lazy("concerns:concern"))],
            **kwargs,
        )

    def form_valid(self, form):
        wait = self.rate_limit_wait()
        if wait is not None:
            return self.too_many_response(form, wait)
        services_concerns.send_new_links(reference_or_email=form.cleaned_data["reference_or_email"])
        return redirect(self.get_success_url())


class ConcernNewLinkSentView(TemplateView):
    template_name = "concerns/concern_new_link_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[("Home", "/"), ("Raise a concern", reverse_lazy("concerns:concern"))],
            **kwargs,
        )


class YouSaidWeDidView(ListView):
    template_name = "concerns/concern_you_said_we_did.html"
    context_object_name = "items"
    paginate_by = 20

    def get_queryset(self):
        return YouSaidWeDid.objects.filter(published_on__lte=timezone.localdate())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[("Home", "/"), ("Raise a concern", reverse_lazy("concerns:concern"))],
            **kwargs,
        )
