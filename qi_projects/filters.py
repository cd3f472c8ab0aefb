import django_filters
from django.db.models import Count

from edi_portal.filters import choice_filter
from edi_portal.fulltext import matching
from network.models import Specialty

from .models import SEARCH_FIELDS, EdiFocus, QIProject, Stage, Theme


def published_by_year():
    """{academic year: its number of published projects}, newest year first."""
    return dict(
        QIProject.objects.published()
        .values_list("academic_year")
        .annotate(number=Count("*"))
        .order_by("-academic_year")
    )


def search_projects(queryset, words):
    """Projects matching the words in the title or any of the project's text (full text)."""
    return matching(queryset, SEARCH_FIELDS, words)


class GalleryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search projects", method="search", max_length=200)
    academic_year = choice_filter(
        label="Academic year",
        choices=[],  # the published years, given to each filter set
        empty_label="All years",
        what="an academic year",
    )
    theme = choice_filter(
        label="GMC Promoting Excellence theme",
        choices=Theme.choices,
        empty_label="All themes",
        what="a theme",
    )
    edi_focus = choice_filter(
        label="EDI focus",
        choices=EdiFocus.choices,
        empty_label="All areas of focus",
        what="an EDI focus",
    )
    specialty = choice_filter(
        label="Specialty",
        choices=Specialty.choices,
        empty_label="All specialties",
        what="a specialty",
    )
    stage = choice_filter(
        label="Stage",
        choices=Stage.choices,
        empty_label="All stages",
        what="a stage",
    )

    def __init__(self, *args, published_years, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["academic_year"].extra["choices"] = [(year, year) for year in published_years]

    class Meta:
        model = QIProject
        fields = ["q", "academic_year", "theme", "edi_focus", "specialty", "stage"]

    def search(self, queryset, name, value):
        return search_projects(queryset, value)
