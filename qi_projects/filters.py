import django_filters
from django.db.models import Q

from .models import EdiFocus, QIProject, Specialty, Stage, Theme

SEARCHED_FIELDS = ["title", "aim", "change_ideas", "measures", "results", "team_members", "trust"]


def published_years():
    return [
        (year, year)
        for year in QIProject.objects.published()
        .order_by("-academic_year")
        .values_list("academic_year", flat=True)
        .distinct()
    ]


def search_projects(queryset, words):
    """Projects where every word appears in the title or any of the project's text."""
    for word in words.split()[:10]:
        queryset = queryset.filter(
            Q.create([(f"{field}__icontains", word) for field in SEARCHED_FIELDS], connector=Q.OR)
        )
    return queryset


class GalleryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search projects", method="search", max_length=200)
    academic_year = django_filters.ChoiceFilter(
        label="Academic year",
        choices=published_years,
        empty_label="All years",
        error_messages={"invalid_choice": "Select an academic year from the list"},
    )
    theme = django_filters.ChoiceFilter(
        label="GMC Promoting Excellence theme",
        choices=Theme.choices,
        empty_label="All themes",
        error_messages={"invalid_choice": "Select a theme from the list"},
    )
    edi_focus = django_filters.ChoiceFilter(
        label="EDI focus",
        choices=EdiFocus.choices,
        empty_label="All areas of focus",
        error_messages={"invalid_choice": "Select an EDI focus from the list"},
    )
    specialty = django_filters.ChoiceFilter(
        label="Specialty",
        choices=Specialty.choices,
        empty_label="All specialties",
        error_messages={"invalid_choice": "Select a specialty from the list"},
    )
    stage = django_filters.ChoiceFilter(
        label="Stage",
        choices=Stage.choices,
        empty_label="All stages",
        error_messages={"invalid_choice": "Select a stage from the list"},
    )

    class Meta:
        model = QIProject
        fields = ["q", "academic_year", "theme", "edi_focus", "specialty", "stage"]

    def search(self, queryset, name, value):
        return search_projects(queryset, value)
