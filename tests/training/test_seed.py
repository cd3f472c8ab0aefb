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
