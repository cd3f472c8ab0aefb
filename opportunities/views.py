"""The public list of open opportunities, a page for each, and expressing interest."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView

from edi_portal.page_cache import CachedPageMixin
from network.accounts import is_verified_trainee

from . import services
from .forms import InterestForm
from .models import Interest, Opportunity

CRUMBS = [("Home", "/"), ("Opportunities", "/opportunities/")]


class OpportunityListView(CachedPageMixin, ListView):
    template_name = "opportunities/opportunity_list.html"
    context_object_name = "opportunities"
    paginate_by = 20
    extra_context = {"breadcrumbs": [("Home", "/")]}

    def get_queryset(self):
        return Opportunity.objects.open().select_related("workstream").order_by("closes_on", "pk")


class OpportunityView(CachedPageMixin, DetailView):
    """An opportunity's page; once closed it says so, without the link to express interest."""

    template_name = "opportunities/opportunity_detail.html"
    context_object_name = "opportunity"
    extra_context = {"breadcrumbs": CRUMBS}

    def get_queryset(self):
        return Opportunity.objects.filter(is_published=True).select_related("workstream")


@method_decorator(never_cache, name="dispatch")
class ExpressInterestView(LoginRequiredMixin, FormView):
    template_name = "opportunities/interest.html"
    form_class = InterestForm

    def dispatch(self, request, *args, **kwargs):
        self.opportunity = get_object_or_404(
            Opportunity.objects.filter(is_published=True), slug=kwargs["slug"]
        )
        if request.user.is_authenticated and not is_verified_trainee(request.user):
            return TemplateResponse(
                request,
                "opportunities/not_allowed.html",
                {"allowed_domains": settings.ALLOWED_TRAINEE_EMAIL_DOMAINS, "breadcrumbs": CRUMBS},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            opportunity=self.opportunity,
            interest=Interest.objects.filter(
                opportunity=self.opportunity, user=self.request.user
            ).first(),
            breadcrumbs=[*CRUMBS, (self.opportunity.title, self.opportunity.get_absolute_url())],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.express_interest(
                user=self.request.user, opportunity_id=self.opportunity.pk, **form.cleaned_data
            )
        except services.InterestError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Thank you for expressing interest in {self.opportunity.title}. We will email you "
            "when we have read every expression of interest.",
        )
        return redirect("/your-network/#opportunities")
