from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from training.models import Session

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"format": Session.Format.ONLINE, "joining_link": ""}, "joining_link"),
        ({"format": Session.Format.IN_PERSON, "venue": ""}, "venue"),
        ({"ends_at_hours": -1}, "ends_at"),
        ({"closes_before_opens": True}, "booking_closes_at"),
    ],
)
def test_a_session_must_make_sense(changes, field):
    session = SessionFactory.build()
    if "ends_at_hours" in changes:
        session.ends_at = session.starts_at + timedelta(hours=changes.pop("ends_at_hours"))
    if changes.pop("closes_before_opens", False):
        session.booking_opens_at = session.starts_at - timedelta(days=1)
        session.booking_closes_at = session.starts_at - timedelta(days=2)
    for name, value in changes.items():
        setattr(session, name, value)
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert field in error.value.message_dict


def test_the_database_refuses_a_session_without_places():
    with pytest.raises(IntegrityError):
        SessionFactory(capacity=0)
