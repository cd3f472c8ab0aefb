from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.http import Http404
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


class ReportsView(ReportsPermissionMixin, TemplateView):
    template_name = "reports/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = YearForm(
            self.request.GET or None, initial={"year": academic_year_for()}, years=academic_years()
        )
        year = form.cleaned_data["year"] if form.is_valid() else academic_year_for()
        years = Years.ending(year)
        found = figures.for_years(years)
        context.update(
            form=form,
            years=years,
            sections=[
                (section, figures.tables(section, years, found))
                for section in SECTIONS
                if section.visible_to(self.request.user)
            ],
            as_of=figures.as_of(years, found),
            refresh_minutes=figures.CURRENT_YEAR_MINUTES,
            breadcrumbs=[("Home", "/"), ("Admin", "/admin/")],
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
