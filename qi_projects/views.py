import itertools
from collections import Counter

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView
from django_filters.views import FilterView

from edi_portal.academic_year import academic_year_for, is_academic_year
from edi_portal.csv_export import csv_response
from edi_portal.links import address_of_each
from edi_portal.page_cache import CachedPageMixin
from edi_portal.ratelimit import RateLimitedFormMixin
from edi_portal.uploads import StoreFailureFormMixin, pdf_download_response
from network.accounts import is_verified_trainee

from . import services
from .filters import GalleryFilter, published_by_year
from .forms import ProjectForm
from .models import EdiFocus, QIConference, QIProject, Stage, Status, Theme

GALLERY_CRUMB = ("QI projects", "/qi-projects/")


class VerifiedTraineeRequiredMixin(LoginRequiredMixin):
    """Signed-in trainees with a verified NHS address; others are told how to qualify."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_verified_trainee(request.user):
            return TemplateResponse(request, "qi_projects/not_eligible.html", status=403)
        return super().dispatch(request, *args, **kwargs)


# The labels of the choice fields' values, read from these rather than get_FOO_display (which
# rebuilds the field's choices on every call, four times for each project listed).
CHOICE_LABELS = {
    field: dict(QIProject._meta.get_field(field).flatchoices)
    for field in ("specialty", "theme", "edi_focus", "stage")
}


def prepare_for_listing(projects, summary_fields):
    """Adds each project's page address (`url`) and `summary` to a list's rows: the summary is
    the labels (or values) of `summary_fields`, in that order, between middle dots.

    The rows are dictionaries (values()), which a template reads without first trying and
    failing a key lookup as it does on a model instance, and which skip building instances; one
    summary is one variable to render where its parts were five. The address is reversed once for
    the page, not once a project (edi_portal.links).
    """
    project_url = address_of_each("qi_projects:detail", "slug")
    for project in projects:
        project["url"] = project_url(project["slug"])
        project["summary"] = " · ".join(
            CHOICE_LABELS[field].get(project[field], project[field])
            if field in CHOICE_LABELS
            else project[field]
            for field in summary_fields
        )


class PrimaryKeysFirstPaginator(Paginator):
    """Reads a later page's primary keys, then only that page's rows.

    A deep page's OFFSET then steps over entries of the ordering's index, read without the table,
    rather than over whole rows: PostgreSQL sorted every published project for gallery page 100.
    The first page has nothing to skip, so it is read in one step (a simpler query to build).
    """

    def _get_page(self, object_list, number, paginator):
        if number > 1:
            object_list = self.object_list.filter(pk__in=object_list.values("pk"))
        return super()._get_page(object_list, number, paginator)


class NumberedPagesMixin:
    """page_numbers for qi_projects/includes/pagination.html: the first, last and nearby pages
    with an ellipsis between, not one link per page (a gallery of thousands has hundreds)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_numbers"] = page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        )
        return context


class GalleryView(CachedPageMixin, NumberedPagesMixin, FilterView):
    filterset_class = GalleryFilter
    template_name = "qi_projects/gallery.html"
    paginate_by = 12
    paginator_class = PrimaryKeysFirstPaginator
    context_object_name = "projects"

    def get_queryset(self):
        return (
            QIProject.objects.published()
            .values(
                "slug", "title", "aim", "theme", "edi_focus", "specialty", "stage", "academic_year"
            )
            .order_by("-published_at", "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        # One query gives the year filter's choices and, when nothing is filtered, the count.
        self.published_by_year = published_by_year()
        kwargs["published_years"] = list(self.published_by_year)
        return kwargs

    def is_filtering(self):
        return any(self.request.GET.get(name) for name in self.filterset.filters)

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        if not self.is_filtering():
            paginator.count = sum(self.published_by_year.values())
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        prepare_for_listing(
            context["projects"], ("theme", "edi_focus", "specialty", "stage", "academic_year")
        )
        context["breadcrumbs"] = [("Home", "/")]
        context["form"] = self.filterset.form  # the error summary and page title read `form`
        context["filtering"] = self.is_filtering()
        return context


class ProjectDetailView(CachedPageMixin, DetailView):
    """A project's page: published projects for everyone; previews for the author and moderators."""

    template_name = "qi_projects/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return QIProject.objects.visible_to(self.request.user).prefetch_related(
            Prefetch(
                "conferences",
                queryset=QIConference.objects.only("academic_year", "date"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        is_author = project.author_id is not None and project.author_id == self.request.user.pk
        context["is_author"] = is_author
        context["breadcrumbs"] = [("Home", "/"), GALLERY_CRUMB]
        if is_author and project.status in (Status.CHANGES_REQUESTED, Status.REJECTED):
            context["moderator_message"] = (
                project.events.exclude(message="").values_list("message", flat=True).first()
            )
        return context


@method_decorator(never_cache, name="dispatch")
class PosterView(View):
    """Streams a project's PDF to whoever may see the project, as a download that is never sniffed."""

    def get(self, request, slug):
        project = get_object_or_404(
            QIProject.objects.visible_to(request.user).exclude(poster=""), slug=slug
        )
        return pdf_download_response(project.poster, filename=project.slug)


class ProjectCreateView(
    VerifiedTraineeRequiredMixin, StoreFailureFormMixin, RateLimitedFormMixin, CreateView
):
    form_class = ProjectForm
    template_name = "qi_projects/project_form.html"
    rate_limit = "20/h"

    def form_valid(self, form):
        form.instance.author = self.request.user
        response = super().form_valid(form)
        messages.success(self.request, "Your project is saved as a draft.")
        return response

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Home", "/"), GALLERY_CRUMB]
        context["conference"] = QIConference.objects.filter(
            academic_year=academic_year_for()
        ).first()
        return context


class AuthorProjectMixin(VerifiedTraineeRequiredMixin):
    """A project of the signed-in author; anyone else's is a 404."""

    context_object_name = "project"

    def get_queryset(self):
        return QIProject.objects.filter(author=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [
            ("Home", "/"),
            GALLERY_CRUMB,
            ("Your projects", reverse("qi_projects:mine")),
        ]
        return context


class ProjectUpdateView(AuthorProjectMixin, StoreFailureFormMixin, UpdateView):
    form_class = ProjectForm
    template_name = "qi_projects/project_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            project = self.get_object()
            if not project.is_editable:
                messages.error(
                    request,
                    f"You cannot change a project that is {project.get_status_display().lower()}."
                    " Withdraw it first if you need to change it.",
                )
                return redirect(project)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if form.instance.status == Status.REJECTED:
            form.instance.status = Status.DRAFT
            done = "Your changes are saved as a new draft. Submit it when it is ready."
        else:
            done = "Your changes are saved."
        response = super().form_valid(form)
        messages.success(self.request, done)
        return response

    def get_success_url(self):
        return self.object.get_absolute_url()


class MyProjectsView(VerifiedTraineeRequiredMixin, ListView):
    template_name = "qi_projects/mine.html"
    context_object_name = "projects"

    def get_queryset(self):
        return QIProject.objects.filter(author=self.request.user).order_by("-updated_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Home", "/"), GALLERY_CRUMB]
        return context


class ProjectStepView(AuthorProjectMixin, DetailView):
    """Asks the author to confirm a step (submit, withdraw), then takes it on POST."""

    template_name = "qi_projects/confirm_step.html"
    step = None  # a services function, wrapped in staticmethod
    heading = ""
    button = ""
    explanation = ""
    done_message = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(heading=self.heading, button=self.button, explanation=self.explanation)
        return context

    def post(self, request, *args, **kwargs):
        project = self.get_object()
        try:
            self.step(project=project, by=request.user)
        except services.TransitionNotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, self.done_message)
        return redirect(project)


class SubmitProjectView(ProjectStepView):
    step = staticmethod(services.submit_project)
    heading = "Submit your project for review"
    button = "Submit for review"
    explanation = (
        "A coordinator will review your project. You cannot change it while it is being"
        " reviewed, but you can withdraw it. We will email you when we have decided."
    )
    done_message = "Your project is submitted for review. We have sent you an email."


class WithdrawProjectView(ProjectStepView):
    step = staticmethod(services.withdraw_project)
    heading = "Withdraw your project"
    button = "Withdraw project"
    explanation = (
        "Your project will not be reviewed, and if it is published it will leave the gallery."
        " You can change it and submit it again later."
    )
    done_message = "Your project is withdrawn."


def academic_year_or_404(year):
    if not is_academic_year(year):
        raise Http404("Not an academic year.")
    return year


class ConferenceView(CachedPageMixin, TemplateView):
    """A year's QI conference (the latest one at /qi-projects/conference/) and its presenters."""

    template_name = "qi_projects/conference.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conferences = list(QIConference.objects.only("academic_year", "date"))
        year = self.kwargs.get("year")
        if year is not None:
            academic_year_or_404(year)
            conference = get_object_or_404(QIConference, academic_year=year)
        else:
            conference = QIConference.objects.first()
        if conference is not None:
            context["presenting_projects"] = conference.presenting_projects.published().order_by(
                "title"
            )
        context.update(
            conference=conference,
            other_conferences=[c for c in conferences if c != conference],
            breadcrumbs=[("Home", "/"), GALLERY_CRUMB],
        )
        return context


# The report's tables: (heading, field, choices), each counting the year's projects by one field.
REPORT_COUNTS = [
    ("GMC theme", "theme", Theme.choices),
    ("EDI focus", "edi_focus", EdiFocus.choices),
    ("Stage", "stage", Stage.choices),
]


def report_counts(queryset):
    """The report's tables, [(heading, [(label, count)])] for every choice, zeros included, in
    the choices' order; and the number of projects. One query for them all."""
    fields = [field for _heading, field, _choices in REPORT_COUNTS]
    counts = {field: Counter() for field in fields}
    total = 0
    for *values, number in queryset.values_list(*fields).annotate(n=Count("pk")).order_by():
        total += number
        for field, value in zip(fields, values, strict=True):
            counts[field][value] += number
    tables = [
        (heading, [(label, counts[field][value]) for value, label in choices])
        for heading, field, choices in REPORT_COUNTS
    ]
    return tables, total


class AnnualReportView(CachedPageMixin, NumberedPagesMixin, ListView):
    """The year's published projects for Schools and Trusts: counts, then each aim and result.

    Public, because it shows only what the public gallery already shows. The projects come a
    page at a time (a busy year is hundreds of projects); the CSV has them all.
    """

    template_name = "qi_projects/report.html"
    context_object_name = "projects"
    paginate_by = 50
    paginator_class = PrimaryKeysFirstPaginator

    def get_queryset(self):
        self.year = academic_year_or_404(self.kwargs["year"])
        return (
            QIProject.objects.published()
            .filter(academic_year=self.year)
            .values(
                "pk",
                "slug",
                "title",
                "trust",
                "specialty",
                "theme",
                "edi_focus",
                "stage",
                "aim",
                "results",
            )
            .order_by("theme", "title", "pk")
        )

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        paginator.count = self.total  # counted with the tables, not by a query of its own
        return paginator

    def get_context_data(self, **kwargs):
        counts, self.total = report_counts(self.object_list)
        context = super().get_context_data(
            year=self.year, counts=counts, breadcrumbs=[("Home", "/"), GALLERY_CRUMB], **kwargs
        )
        context["total"] = self.total
        prepare_for_listing(
            context["projects"], ("trust", "specialty", "theme", "edi_focus", "stage")
        )
        return context


CSV_COLUMNS = [
    ("Title", "title"),
    ("Academic year", "academic_year"),
    ("Team", "team_members"),
    ("Trust", "trust"),
    ("Specialty", "get_specialty_display"),
    ("GMC theme", "get_theme_display"),
    ("EDI focus", "get_edi_focus_display"),
    ("Stage", "get_stage_display"),
    ("Aim", "aim"),
    ("Change ideas", "change_ideas"),
    ("Measures", "measures"),
    ("Results", "results"),
]


def annual_report_csv(request, year):
    academic_year_or_404(year)
    projects = QIProject.objects.published().filter(academic_year=year).order_by("theme", "title")
    header = [heading for heading, _ in CSV_COLUMNS] + ["Web page"]
    return csv_response(
        filename=f"qi-projects-{year}.csv",
        rows=itertools.chain([header], (project_csv_row(request, project) for project in projects)),
    )


def project_csv_row(request, project):
    values = [getattr(project, attribute) for _, attribute in CSV_COLUMNS]
    return [value() if callable(value) else value for value in values] + [
        request.build_absolute_uri(project.get_absolute_url())
    ]


def current_report(request):
    return redirect("qi_projects:report", year=academic_year_for())
