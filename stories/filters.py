import django_filters

from edi_portal.filters import choice_filter
from workstreams.models import Workstream

from .models import Story, Topic


class StoryFilter(django_filters.FilterSet):
    workstream = choice_filter(
        label="Workstream",
        choices=(),  # the active workstreams (__init__)
        empty_label="All workstreams",
        what="a workstream",
        field_name="workstream__slug",
    )
    topic = choice_filter(
        label="Topic",
        choices=(),  # every topic (__init__)
        empty_label="All topics",
        what="a topic",
        field_name="topics__slug",
    )

    class Meta:
        model = Story
        fields = ["workstream", "topic"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once a form, as plain values: a ModelChoiceFilter would make a model instance of
        # each, through a server-side cursor.
        self.filters["workstream"].extra["choices"] = list(
            Workstream.objects.filter(is_active=True).values_list("slug", "name")
        )
        self.filters["topic"].extra["choices"] = list(Topic.objects.values_list("slug", "name"))
