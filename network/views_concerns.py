from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views.generic import FormView, TemplateView

from edi_portal.ratelimit import RateLimitedFormMixin

from . import services_concerns
from .forms_concerns import ConcernForm
from .models import Concern

SESSION_KEY = "concern_raised"


class ConcernFormView(FormView):
    """Escalation routes, and a form to raise a concern (anonymous allowed)."""

    template_name = "network/concern_form.html"
    form_class = ConcernForm
    success_url = reverse_lazy("network:concern_sent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Home", "/")]
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        is_other = data["characteristic"] == Concern.Characteristic.OTHER
        concern = services_concerns.raise_concern(
            characteristic=data["characteristic"],
            characteristic_other=data["characteristic_other"] if is_other else "",
            details=data["details"],
            email=data["email"],
        )
        # The reference travels in the session, not the address, so it stays out of history.
        self.request.session[SESSION_KEY] = {
            "reference": concern.reference,
            "acknowledged": bool(concern.email),
        }
        return redirect(self.get_success_url())


class RaiseConcernView(RateLimitedFormMixin, ConcernFormView):
    """A flood from one address is refused with a message before anything is stored."""

    rate_limit = "5/h"


class ConcernSentView(TemplateView):
    template_name = "network/concern_sent.html"

    def get(self, request, *args, **kwargs):
        raised = request.session.get(SESSION_KEY)
        if not raised:
            return redirect("network:concern")
        context = self.get_context_data(raised=raised, breadcrumbs=[("Home", "/")])
        return self.render_to_response(context)
