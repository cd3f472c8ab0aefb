from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from edi_portal.academic_year import academic_year_for, is_academic_year
from edi_portal.csv_export import csv_response
from network.models import Cohort
from qi_projects.models import QIProject
from training.models import Session

from . import figures
from .forms import YearForm
from .sections import SECTIONS, Years, section_for_table


class ReportsPermissionMixin(PermissionRequiredMixin):
    """Staff with reports.view_reports. Signed-out people are sent to sign in; others get 403."""

    permission_required = "reports.view_reports"

    def has_permission(self):
        return self.request.user.is_staff and super().has_permission()


def academic_years():
    """Every academic year with data, newest first, from the first with data to this one."""
    first = [academic_year_for()]
    first += Cohort.objects.values_list("name", flat=True)
    # order_by(): the model's ordering would make DISTINCT return a row per project.
    first += QIProject.objects.values_list("academic_year", flat=True).order_by().distinct()
    dates = Session.objects.aggregate(first=Min("starts_at"), last=Max("starts_at"))
    first += [academic_year_for(day.date()) for day in dates.values() if day]
    starts = [int(year[:4]) for year in first if is_academic_year(year)]
    return [f"{start}-{(start + 1) % 100:02d}" for start in range(max(starts), min(starts) - 1, -1)]


def section_url(section, year):
    return f"{reverse('reports:section', args=[section.slug])}?{urlencode({'year': year})}"


class YearReportMixin(ReportsPermissionMixin):
    """The chosen year (a GET form, this year when none or a wrong one is given) and the
    sections the user may see, each with the address of its page for that year."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = YearForm(
            self.request.GET or None, initial={"year": academic_year_for()}, years=academic_years()
        )
        year = form.cleaned_data["year"] if form.is_valid() else academic_year_for()
        years = Years.ending(year)
        sections = [section for section in SECTIONS if section.visible_to(self.request.user)]
        context.update(
            form=form,
            years=years,
            contents=[(section, section_url(section, years.chosen)) for section in sections],
        )
        return context


class ReportsView(YearReportMixin, TemplateView):
    """The contents: each section the user may see and its summary, each section on a page of
    its own. It shows no figures, so it never waits for them to be worked out: each section's
    page works out its own (reports/figures.py)."""

    template_name = "reports/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Home", "/"), ("Admin", "/admin/")]
        return context


class SectionView(YearReportMixin, TemplateView):
    """One section's tables, charts and CSVs for the chosen year and the year before, laid out
    from the section's figures for both years, kept or worked out now: the section's page for
    every year and its CSVs lay out the same kept figures."""

    template_name = "reports/section.html"

    def get(self, request, *args, slug, **kwargs):
        self.section = next((s for s in SECTIONS if s.slug == slug), None)
        if self.section is None:
            raise Http404("No such report section.")
        if not self.section.visible_to(request.user):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years, contents = context["years"], context["contents"]
        found = figures.for_years(self.section, years)
        place = [section for section, _ in contents].index(self.section)
        index = f"{reverse('reports:index')}?{urlencode({'year': years.chosen})}"
        context.update(
            section=self.section,
            tables=figures.tables(self.section, years, found),
            as_of=figures.as_of(years, found),
            refresh_minutes=figures.CURRENT_YEAR_MINUTES,
            previous=contents[place - 1] if place > 0 else None,
            next=contents[place + 1] if place + 1 < len(contents) else None,
            breadcrumbs=[("Home", "/"), ("Admin", "/admin/"), ("Measuring success", index)],
        )
        return context


class TableCSVView(ReportsPermissionMixin, View):
    def get(self, request, slug):
        section = section_for_table(slug)
        if section is None:
            raise Http404("No such report table.")
        if not section.visible_to(request.user):
            raise PermissionDenied
        year = request.GET.get("year") or academic_year_for()
        if not is_academic_year(year):
            raise Http404("No such academic year.")
        table = figures.table(section, Years.ending(year), slug)
        if table is None:
            raise Http404("No such report table.")
        return csv_response(filename=f"{slug}-{year}.csv", rows=table.csv_rows())
