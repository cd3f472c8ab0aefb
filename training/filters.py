from datetime import datetime

import django_filters
from django import forms
from django.utils import timezone

from edi_portal.prepared import Prepared

from .models import Course, Session


def upcoming_months(count=12):
    """("2026-12", "December 2026") for this month and the next ones."""
    today = timezone.localdate()
    months = []
    for offset in range(count):
        year, month = divmod(today.month - 1 + offset, 12)
        first = today.replace(year=today.year + year, month=month + 1, day=1)
        months.append((f"{first:%Y-%m}", f"{first:%B %Y}"))
    return months


def next_month_starts(now):
    """When the month filter's choices next move on: midnight, local time, on the 1st."""
    today = timezone.localdate(now)
    year, month = divmod(today.month, 12)
    first = today.replace(year=today.year + year, month=month + 1, day=1)
    return datetime.combine(first, datetime.min.time(), tzinfo=timezone.get_current_timezone())


ACTIVE_COURSES = Prepared(lambda: Course.objects.filter(is_active=True).values_list("slug", "name"))


def active_courses():
    """(slug, name) of each active course, in the courses' order."""
    return ACTIVE_COURSES.run()


class SessionFilter(django_filters.FilterSet):
    # Choices read as plain values in one ordinary query: a model choice field reads its
    # choices through a server-side cursor on PostgreSQL, three round trips for a few rows.
    course = django_filters.ChoiceFilter(
        field_name="course__slug",
        label="Course",
        choices=active_courses,
        empty_label="All courses",
        error_messages={
            "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]
        },
    )
    month = django_filters.ChoiceFilter(
        label="Month", choices=upcoming_months, empty_label="Any month", method="filter_month"
    )
    format = django_filters.ChoiceFilter(choices=Session.Format.choices, empty_label="Any format")

    class Meta:
        model = Session
        fields = ["course", "month", "format"]

    def filter_month(self, queryset, name, value):
        start = datetime.strptime(value, "%Y-%m").replace(tzinfo=timezone.get_current_timezone())
        end = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
        return queryset.filter(starts_at__gte=start, starts_at__lt=end)
