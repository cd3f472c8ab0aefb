import django_filters

from workstreams.models import Workstream

from .models import Story, Topic


class StoryFilter(django_filters.FilterSet):
    workstream = django_filters.ModelChoiceFilter(
        label="Workstream",
        queryset=Workstream.objects.filter(is_active=True),
        to_field_name="slug",
        empty_label="All workstreams",
        error_messages={"invalid_choice": "Select a workstream from the list"},
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label="All topics",
        error_messages={"invalid_choice": "Select a topic from the list"},
    )

    class Meta:
        model = Story
        fields = ["workstream", "topic"]
