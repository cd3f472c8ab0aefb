import django_filters

from .models import GoodPractice, Region, Resource, Workstream


class ResourceFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(
        label="Category",
        choices=Resource.Category.choices,
        empty_label="All categories",
        error_messages={"invalid_choice": "Select a category from the list"},
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
    theme = django_filters.ChoiceFilter(
        label="Theme",
        choices=GoodPractice.Theme.choices,
        empty_label="All themes",
        error_messages={"invalid_choice": "Select a theme from the list"},
    )
    region = django_filters.ChoiceFilter(
        label="Region",
        choices=Region.choices,
        empty_label="All regions",
        error_messages={"invalid_choice": "Select a region from the list"},
    )

    class Meta:
        model = GoodPractice
        fields = ["theme", "region"]
