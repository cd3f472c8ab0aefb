import django_filters
from django.db.models import Q

from edi_portal.filters import choice_filter

from .models import GoodPractice, Region, Resource, Workstream


class ResourceFilter(django_filters.FilterSet):
    category = choice_filter(
        label="Category",
        choices=Resource.Category.choices,
        empty_label="All categories",
        what="a category",
    )
    workstream = django_filters.ModelChoiceFilter(
        label="Workstream",
        queryset=Workstream.objects.filter(is_active=True),
        to_field_name="slug",
        empty_label="All workstreams",
        error_messages={"invalid_choice": "Select a workstream from the list"},
    )

    class Meta:
        model = Resource
        fields = ["category", "workstream"]


class GoodPracticeFilter(django_filters.FilterSet):
    theme = choice_filter(
        label="Theme",
        choices=GoodPractice.Theme.choices,
        empty_label="All themes",
        what="a theme",
    )
    region = choice_filter(
        label="Region",
        choices=Region.choices,
        empty_label="All regions",
        what="a region",
        method="in_region",
    )

    class Meta:
        model = GoodPractice
        fields = ["theme", "region"]

    def in_region(self, queryset, name, value):
        """Items of the region, including those it submitted with another."""
        return queryset.filter(Q(region=value) | Q(second_region=value))
