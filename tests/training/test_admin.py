"""Admin: the register, cancelling a session through the service, CSV export, triage."""

from datetime import timedelta

import pytest
from django.utils import timezone

from edi_portal.models import OutboundEmail
from tests.factories import UserFactory
from training.models import Booking, Session, SessionRequest

from .factories import BookingFactory, FeedbackFactory, SessionFactory, SessionRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_sessions_list_shows_places_taken_left_and_waiting(admin_client):
    session = SessionFactory(capacity=2)
    BookingFactory.create_batch(2, session=session)
    BookingFactory(session=session, status=Booking.Status.WAITING)
    response = admin_client.get("/admin/training/session/")
    assert response.status_code == 200
    row = response.context["cl"].result_list[0]
    assert (row.confirmed_count, row.places_left(), row.waiting_count) == (2, 0, 1)


def test_the_register_marks_attended_and_no_show_in_bulk(admin_client):
    session = SessionFactory(starts_at=timezone.now() - timedelta(days=1))
    attended = BookingFactory.create_batch(2, session=session)
    missing = BookingFactory(session=session)
    admin_client.post(
        "/admin/training/booking/",
        {"action": "mark_attended", "_selected_action": [b.pk for b in attended]},
    )
    admin_client.post(
        "/admin/training/booking/", {"action": "mark_no_show", "_selected_action": [missing.pk]}
    )
    assert sorted(session.bookings.values_list("attendance", flat=True)) == [
        "attended",
        "attended",
        "no_show",
    ]


def test_cancelling_sessions_asks_first_and_says_how_many_people_will_be_emailed(admin_client):
    session = SessionFactory()
    BookingFactory(session=session, email="booked@nhs.net")
    BookingFactory(session=session, email="waiting@nhs.net", status=Booking.Status.WAITING)
    BookingFactory(session=session, status=Booking.Status.CANCELLED)
    other = SessionFactory()
    BookingFactory(session=other, email="other@nhs.net")
    chosen = {"action": "cancel_sessions", "_selected_action": [session.pk, other.pk]}

    page = admin_client.post("/admin/training/session/", chosen)

    assert page.status_code == 200
    assert "You chose 2 sessions. 3 people will be emailed." in " ".join(
        page.content.decode().split()
    )
    assert not OutboundEmail.objects.exists()
    assert Session.objects.filter(status=Session.Status.CANCELLED).count() == 0

    response = admin_client.post("/admin/training/session/", {**chosen, "confirmed": "yes"})
    assert response.status_code == 302
    assert Session.objects.filter(status=Session.Status.CANCELLED).count() == 2
    assert sorted(OutboundEmail.objects.values_list("to", flat=True)) == [
        "booked@nhs.net",
        "other@nhs.net",
        "waiting@nhs.net",
    ]


def session_change_form(admin_client, session, **changes):
    """The session's admin change form as staff would post it, with `changes` made."""
    page = admin_client.get(f"/admin/training/session/{session.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: form.initial.get(name) or ""
        for name in form.fields
        if form.initial.get(name) is not None
    }
    local_start = timezone.localtime(changes.pop("starts_at", session.starts_at))
    local_end = timezone.localtime(changes.pop("ends_at", session.ends_at))
    data.update(
        {
            "course": session.course.pk,
            "starts_at_0": local_start.strftime("%d/%m/%Y"),
            "starts_at_1": local_start.strftime("%H:%M:%S"),
            "ends_at_0": local_end.strftime("%d/%m/%Y"),
            "ends_at_1": local_end.strftime("%H:%M:%S"),
            "booking_opens_at_0": "",
            "booking_opens_at_1": "",
            "booking_closes_at_0": "",
            "booking_closes_at_1": "",
            "bookings-TOTAL_FORMS": session.bookings.count(),
            "bookings-INITIAL_FORMS": session.bookings.count(),
            "bookings-MIN_NUM_FORMS": 0,
            "bookings-MAX_NUM_FORMS": 1000,
            **changes,
        }
    )
    for index, booking in enumerate(session.bookings.order_by("pk")):
        data[f"bookings-{index}-id"] = booking.pk
        data[f"bookings-{index}-session"] = session.pk
        data[f"bookings-{index}-attendance"] = booking.attendance
    response = admin_client.post(f"/admin/training/session/{session.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_raising_capacity_in_admin_promotes_the_waiting_list(admin_client):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    waiting = BookingFactory(session=session, status=Booking.Status.WAITING)
    session_change_form(admin_client, session, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    assert OutboundEmail.objects.get(to=waiting.email).subject.startswith("A place is now yours")


def test_attendees_export_as_csv(admin_client):
    session = SessionFactory()
    BookingFactory(session=session, name="Dr Amara Okafor", email="amara@nhs.net")
    BookingFactory(session=session, name="Waiting Person", status=Booking.Status.WAITING)
    BookingFactory(session=session, name="=HYPERLINK(1)", email="formula@nhs.net")
    response = admin_client.post(
        "/admin/training/session/", {"action": "export_attendees", "_selected_action": [session.pk]}
    )
    content = response.getvalue().decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Dr Amara Okafor,amara@nhs.net,Consultant" in content
    assert "Waiting Person" not in content
    assert "'=HYPERLINK(1)" in content


def test_session_page_in_admin_shows_the_share_of_4s_and_5s(admin_client):
    session = SessionFactory(starts_at=timezone.now() - timedelta(days=1))
    FeedbackFactory(booking=BookingFactory(session=session), usefulness=5)
    FeedbackFactory(booking=BookingFactory(session=session), usefulness=2)
    response = admin_client.get(f"/admin/training/session/{session.pk}/change/")
    assert "1 of 2" in response.content.decode()
    assert (
        admin_client.get(f"/admin/training/course/{session.course.pk}/change/").status_code == 200
    )


def test_session_requests_are_triaged_from_the_list(admin_client):
    request = SessionRequestFactory()
    response = admin_client.post(
        "/admin/training/sessionrequest/",
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-0-id": request.pk,
            "form-0-status": "contacted",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == SessionRequest.Status.CONTACTED


@pytest.mark.parametrize(
    "path", ["booking/", "feedback/", "sessionrequest/", "course/", "session/?when=upcoming"]
)
def test_admin_lists_open(admin_client, path):
    BookingFactory()
    assert admin_client.get(f"/admin/training/{path}").status_code == 200
