"""Name fields across the portal refuse web addresses and markup with a plain message.

Names are repeated in the network's emails, often to someone else (a volunteer, the training
leads), so a name must never be able to carry a link.
"""

import pytest

from edi_portal.models import OutboundEmail
from network.forms import AboutYouForm
from peer_support.forms import VolunteerProfileForm
from qi_projects.forms import ProjectForm
from tests.browser_client import BrowserClient
from tests.training.factories import SessionFactory
from tests.training.test_pages import BOOKING
from training.forms import BookingForm, SessionRequestForm
from training.models import Booking

pytestmark = pytest.mark.django_db

NAME_FIELDS = [
    (AboutYouForm, "full_name", "Full name"),
    (BookingForm, "name", "Full name"),
    (BookingForm, "organisation", "Organisation"),
    (BookingForm, "department", "Department"),
    (SessionRequestForm, "contact_name", "Full name"),
    (SessionRequestForm, "organisation", "Organisation"),
    (SessionRequestForm, "department", "Department"),
    (VolunteerProfileForm, "display_name", "Display name"),
    (ProjectForm, "team_members", "Team members"),
]
NOT_NAMES = [
    "[Verify your NHS account now](https://evil.example/login)",
    '<img src="https://evil.example/t.gif">',
    "Jo https://evil.example",
    "Jo WWW.evil.example",
    "Jo <b>",
    "Jo [1]",
]
NAMES = ["Siobhán O'Neill-Ó Briain", "Dr. J. Smith (née Jones)", "Team: Amara, Li & Sam"]


@pytest.mark.parametrize(("form_class", "field", "name"), NAME_FIELDS)
@pytest.mark.parametrize("value", NOT_NAMES)
def test_a_name_with_a_web_address_or_markup_is_refused_plainly(form_class, field, name, value):
    form = form_class(data={field: value})

    assert form.errors[field] == [
        f"{name} must not include a web address or any of these characters: < > [ ]"
    ]


@pytest.mark.parametrize(("form_class", "field", "name"), NAME_FIELDS)
@pytest.mark.parametrize("value", NAMES)
def test_real_names_are_accepted(form_class, field, name, value):
    form = form_class(data={field: value})
    form.is_valid()

    assert field not in form.errors


def test_a_booking_in_a_name_that_is_a_link_is_not_made_and_nothing_is_sent():
    session = SessionFactory()

    response = BrowserClient().post(
        f"/training/sessions/{session.pk}/", {**BOOKING, "name": NOT_NAMES[0]}, follow=True
    )

    assert response.status_code == 200
    assert "Full name must not include a web address" in response.content.decode()
    assert not Booking.objects.exists()
    assert not OutboundEmail.objects.exists()
