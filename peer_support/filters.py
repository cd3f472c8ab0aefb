import django_filters
from django.db.models import Q

from network.models import Area, Specialty

from .models import Topic, VolunteerProfile


class DirectoryFilter(django_filters.FilterSet):
    """The directory's filters: all optional, combined with AND, sent by GET so links share them."""

    q = django_filters.CharFilter(
        method="search",
        label="Search names and bios",
        max_length=100,
        error_messages={"max_length": "Search for 100 characters or fewer"},
    )
    topic = django_filters.ChoiceFilter(
        choices=(),  # every topic (__init__)
        field_name="topics__slug",
        label="Topic",
        empty_label="Any topic",
        error_messages={"invalid_choice": "Choose a topic from the list"},
    )
    area = django_filters.ChoiceFilter(
        choices=Area.choices,
        label="Area",
        empty_label="Any area",
        error_messages={"invalid_choice": "Choose an area from the list"},
    )
    specialty = django_filters.ChoiceFilter(
        choices=Specialty.choices,
        label="Specialty",
        empty_label="Any specialty",
        error_messages={"invalid_choice": "Choose a specialty from the list"},
    )
    language = django_filters.CharFilter(
        field_name="languages",
        lookup_expr="icontains",
        label="Language spoken",
        max_length=50,
        error_messages={"max_length": "Enter a language of 50 characters or fewer"},
    )

    class Meta:
        model = VolunteerProfile
        fields = ["q", "topic", "area", "specialty", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once a form, as plain values: a ModelChoiceFilter would make a model instance of
        # each, through a server-side cursor.
        self.filters["topic"].extra["choices"] = list(Topic.objects.values_list("slug", "name"))

    def search(self, queryset, name, value):
        return queryset.filter(Q(display_name__icontains=value) | Q(bio__icontains=value))
