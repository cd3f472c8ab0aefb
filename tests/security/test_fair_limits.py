"""Fair limits: every view that uses the portal's rate limiter (edi_portal.ratelimit) is found in
the URLconf and exercised here, so a new one without a scenario fails.

- A page reached by a secret in its address (SecretLinkMixin) counts failures only: with the
  limit used up by wrong links, the right link still opens, and visits with it never count.
- Every 429 says how long is really left of the window ("Try again in 43 minutes"), and sends
  the same in Retry-After.

Each view's own rate is lowered here (its class attribute) so that a few requests reach it.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from concerns import services as services_concerns
from concerns.views import ConcernFollowUpView, ConcernNewLinkView, RaiseConcernView
from edi_portal.ratelimit import RateLimitedFormMixin, SecretLinkMixin
from network.views import CheckAnswersView
from qi_projects.views import ProjectCreateView
from tests.concerns.factories import CONCERN_CHOICES
from tests.factories import UserFactory, WorkstreamFactory
from tests.network.factories import CohortFactory
from tests.network.journey import complete_application
from tests.qi_projects.helpers import project_form_data
from tests.training.factories import BookingFactory, SessionFactory
from tests.training.test_pages import BOOKING, REQUEST
from training.models import Booking
from training.record import record_link_token
from training.views import (
    SessionRequestView,
    SessionView,
    TrainingRecordLinkPdfView,
    TrainingRecordLinkView,
    TrainingRecordRequestView,
)

pytestmark = pytest.mark.django_db

LIMIT = 3
PASSED = timedelta(minutes=17)
REAL_WAIT = "Try again in 43 minutes"


def rate_limited_views():
    """Every view class in the URLconf that counts with edi_portal.ratelimit."""
    found = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", None)
                if view and issubclass(view, (RateLimitedFormMixin, SecretLinkMixin)):
                    found.add(view)

    walk(get_resolver().url_patterns)
    return found


# Secret links: (the address that opens, a wrong address numbered n), made inside the test.
def concern_follow_up():
    _concern, token = services_concerns.raise_concern(
        characteristic="race",
        details="What happened",
        recorded_as="discrimination",
        setting="placement",
    )
    return services_concerns.follow_up_path(token), lambda n: f"/concerns/follow-up/wrong-{n}/"


def training_record(suffix=""):
    def scenario():
        booking = BookingFactory(attendance=Booking.Attendance.ATTENDED)
        token = record_link_token(booking.email)
        return (
            f"/training/record/{token}/{suffix}",
            lambda n: f"/training/record/{token[:-3]}x{n}/{suffix}",
        )

    return scenario


SECRET_LINKS = {
    ConcernFollowUpView: concern_follow_up,
    TrainingRecordLinkView: training_record(),
    TrainingRecordLinkPdfView: training_record("pdf/"),
}


# Forms: a function that makes one valid submission numbered n, given the client.
def raise_concern(client):
    return lambda n: client.post("/concerns/", {**CONCERN_CHOICES, "details": f"Concern {n}"})


def ask_for_a_new_link(client):
    concern, _token = services_concerns.raise_concern(
        characteristic="race",
        details="What happened",
        recorded_as="discrimination",
        setting="placement",
        email="trainee@nhs.net",
    )
    # Alternately a case that matches and one that does not: both count.
    typed = [concern.reference, "C-NOTHERE2"]
    return lambda n: client.post("/concerns/new-link/", {"reference_or_email": typed[n % 2]})


def send_application(client):
    CohortFactory()
    workstream = WorkstreamFactory()

    def submit(n):
        complete_application(client, workstream, email=f"person{n}@nhs.net")
        return client.post("/join/check/")

    return submit


def book_place(client):
    session = SessionFactory(capacity=LIMIT + 2)
    path = f"/training/sessions/{session.pk}/"
    return lambda n: client.post(path, {**BOOKING, "email": f"p{n}@nhs.net"})


def request_session(client):
    return lambda n: client.post("/training/request/", REQUEST)


def ask_for_training_record(client):
    return lambda n: client.post("/training/record/", {"email": f"p{n}@nhs.net"})


def save_project_draft(client):
    client.force_login(UserFactory())
    return lambda n: client.post("/qi-projects/submit/", project_form_data(title=f"Project {n}"))


FORMS = {
    RaiseConcernView: raise_concern,
    ConcernNewLinkView: ask_for_a_new_link,
    CheckAnswersView: send_application,
    SessionView: book_place,
    SessionRequestView: request_session,
    TrainingRecordRequestView: ask_for_training_record,
    ProjectCreateView: save_project_draft,
}


def test_every_rate_limited_view_has_a_scenario_here():
    views = rate_limited_views()
    assert ConcernFollowUpView in views
    missing = views - set(SECRET_LINKS) - set(FORMS)
    assert not missing, f"Add a scenario for {sorted(v.__name__ for v in missing)}"


@pytest.fixture
def low_limit(monkeypatch):
    def lower(view):
        monkeypatch.setattr(view, "rate_limit", f"{LIMIT}/h")

    return lower


def assert_says_the_real_wait(response):
    assert response.status_code == 429
    assert REAL_WAIT in response.content.decode()
    assert response["Retry-After"] == str(43 * 60)


@pytest.mark.parametrize("view", SECRET_LINKS, ids=lambda view: view.__name__)
def test_a_valid_link_opens_after_failures_use_up_the_limit(client, low_limit, view):
    low_limit(view)
    valid, wrong = SECRET_LINKS[view]()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        # Visits with the right link never count, however many.
        for _ in range(LIMIT * 3):
            assert client.get(valid).status_code == 200
        for n in range(LIMIT):
            assert client.get(wrong(n)).status_code == 404
        traveller.move_to(start + PASSED)
        assert_says_the_real_wait(client.get(wrong(LIMIT)))
        assert client.get(valid).status_code == 200
        traveller.move_to(start + timedelta(hours=1))
        assert client.get(wrong(LIMIT + 1)).status_code == 404


@pytest.mark.parametrize("view", FORMS, ids=lambda view: view.__name__)
def test_a_form_past_its_limit_says_how_long_is_left(client, low_limit, view):
    low_limit(view)
    submit = FORMS[view](client)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for n in range(LIMIT):
            assert submit(n).status_code == 302
        traveller.move_to(start + PASSED)
        response = submit(LIMIT)
    assert_says_the_real_wait(response)
    assert "You have sent this form too many times" in response.content.decode()
