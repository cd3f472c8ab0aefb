import django_filters
from django.db.models import Q

from edi_portal.filters import choice_filter
from edi_portal.prepared import Prepared

from .models import GoodPractice, Region, Resource, Workstream

ACTIVE_WORKSTREAMS = Prepared(
    lambda: Workstream.objects.filter(is_active=True).values_list("slug", "name")
)


class ResourceFilter(django_filters.FilterSet):
    category = choice_filter(
        label="Category",
        choices=Resource.Category.choices,
        empty_label="All categories",
        what="a category",
    )
    workstream = choice_filter(
        label="Workstream",
        choices=(),  # the active workstreams (__init__)
        empty_label="All workstreams",
        what="a workstream",
        field_name="workstream__slug",
    )

    class Meta:
        model = Resource
        fields = ["category", "workstream"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once a form, as plain values: a ModelChoiceFilter would make a model instance of
        # each, through a server-side cursor.
        self.filters["workstream"].extra["choices"] = ACTIVE_WORKSTREAMS.run()


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
