import django_filters

from edi_portal.filters import choice_filter
from edi_portal.fulltext import matching
from network.models import Specialty

from .models import SEARCH_FIELDS, EdiFocus, QIProject, Stage, Theme


def published_years():
    return [
        (year, year)
        for year in QIProject.objects.published()
        .order_by("-academic_year")
        .values_list("academic_year", flat=True)
        .distinct()
    ]


def search_projects(queryset, words):
    """Projects matching the words in the title or any of the project's text (full text)."""
    return matching(queryset, SEARCH_FIELDS, words)


class GalleryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search projects", method="search", max_length=200)
    academic_year = choice_filter(
        label="Academic year",
        choices=published_years,
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

    class Meta:
        model = QIProject
        fields = ["q", "academic_year", "theme", "edi_focus", "specialty", "stage"]

    def search(self, queryset, name, value):
        return search_projects(queryset, value)
