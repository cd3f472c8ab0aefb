import io

import pytest
from django.core.management import call_command

from training.models import Booking, Course, Session

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_courses_and_upcoming_sessions_once():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert Course.objects.count() == 3
    assert Course.objects.get(slug="active-bystander-training").workstream.slug == (
        "active-bystander-training"
    )
    sessions = Session.objects.upcoming().with_counts()
    assert sessions.count() == 7
    assert {s.format for s in sessions} == {"online", "in_person"}
    full = [s for s in sessions if s.is_full()]
    assert len(full) == 1
    assert full[0].waiting_count == 3
    assert Booking.objects.count() == full[0].capacity + 3


def test_each_seeded_courses_length_matches_its_sessions():
    call_command("seed_demo", stdout=io.StringIO())
    for course in Course.objects.all():
        amount, unit = course.duration.split()
        for session in course.sessions.all():
            length = session.ends_at - session.starts_at
            if unit.startswith("hour"):
                assert length.total_seconds() == int(amount) * 3600, course.name
            else:  # a day's course runs within one day, for most of it
                assert (unit, amount) == ("day", "1"), course.name
                assert session.starts_at.date() == session.ends_at.date()
                assert length.total_seconds() >= 6 * 3600, course.name
