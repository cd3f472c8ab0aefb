"""The public pages: sessions list, session page and booking, manage, feedback, certificate, requests."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from edi_portal.models import OutboundEmail
from edi_portal.ratelimit import parse_rate
from training.models import Booking, Feedback, Session, SessionRequest
from training.views import SessionRequestView, SessionView

from .factories import BookingFactory, CourseFactory, FeedbackFactory, SessionFactory

pytestmark = pytest.mark.django_db

BOOKING = {
    "name": "Dr Amara Okafor",
    "email": "amara.okafor@nhs.net",
    "role": "consultant",
    "organisation": "Manchester University NHS Foundation Trust",
    "department": "Emergency department",
    "access_requirements": "",
    "consent": "on",
}
FEEDBACK = {
    "usefulness": "5",
    "applicability": "4",
    "improved_knowledge": "4",
    "confidence_before": "2",
    "confidence_after": "5",
    "comments": "Practical and well run.",
}
REQUEST = {
    "contact_name": "Dr Priya Shah",
    "contact_email": "priya.shah@nhs.net",
    "organisation": "Lancashire Teaching Hospitals NHS Foundation Trust",
    "department": "Obstetrics and gynaecology",
    "audience": "Consultants and registrars",
    "group_size": "18",
    "format": "either",
    "preferred_dates": "Any Wednesday afternoon in March",
}


def past_session(**kwargs):
    starts_at = timezone.now() - timedelta(days=2)
    return SessionFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=3), **kwargs)


# The sessions list


def test_the_list_shows_upcoming_sessions_with_places_left(client):
    session = SessionFactory(capacity=10)
    BookingFactory.create_batch(3, session=session)
    SessionFactory(status=Session.Status.CANCELLED)
    past_session()
    response = client.get("/training/")
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [session]
    assert "7 of 10" in response.content.decode()


def test_a_full_session_says_so_in_the_list(client):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    assert "Waiting list open" in client.get("/training/").content.decode()


def test_the_list_filters_by_course_month_and_format(client):
    other_course = CourseFactory(name="Step Forward", slug="step-forward")
    soon = timezone.localtime(timezone.now() + timedelta(days=3)).replace(hour=10)
    later = soon + timedelta(days=62)
    online = SessionFactory(starts_at=soon, ends_at=soon + timedelta(hours=2), online=True)
    in_person = SessionFactory(starts_at=later, ends_at=later + timedelta(hours=2))
    other = SessionFactory(course=other_course, starts_at=later, ends_at=later + timedelta(hours=2))

    def listed(**params):
        return set(client.get("/training/", params).context["page_obj"])

    assert listed(format="online") == {online}
    assert listed(course="step-forward") == {other}
    assert listed(month=f"{later:%Y-%m}") == {in_person, other}
    assert listed(month=f"{later:%Y-%m}", format="in_person", course=in_person.course.slug) == {
        in_person
    }


def test_a_bad_filter_value_shows_a_message_not_an_error(client):
    response = client.get("/training/", {"month": "2099-99", "format": "<script>"})
    assert response.status_code == 200
    assert "nhsuk-error-summary" in response.content.decode()


def test_the_list_is_paginated(client):
    SessionFactory.create_batch(12)
    first = client.get("/training/")
    second = client.get("/training/", {"page": 2})
    assert len(first.context["page_obj"]) == 10
    assert len(second.context["page_obj"]) == 2
    assert client.get("/training/", {"page": 99}).status_code == 404
    filtered = client.get("/training/", {"format": "in_person"}).content.decode()
    assert "?format=in_person&amp;page=2" in filtered


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_list_makes_the_same_number_of_queries_for_5_and_200_sessions(client):
    SessionFactory.create_batch(5)
    few = count_queries(client, "/training/")
    course = CourseFactory()
    Session.objects.bulk_create([SessionFactory.build(course=course) for _ in range(195)])
    sessions = list(Session.objects.all())
    Booking.objects.bulk_create(
        [
            BookingFactory.build(session=session, email=f"b{i}-{session.pk}@nhs.net")
            for session in sessions[:20]
            for i in range(10)
        ]
    )
    assert Session.objects.count() == 200
    assert count_queries(client, "/training/") == few


def test_a_session_page_makes_the_same_number_of_queries_for_0_and_100_bookings(client):
    empty = SessionFactory(capacity=50)
    busy = SessionFactory(capacity=50, course=empty.course)
    Booking.objects.bulk_create(
        [
            BookingFactory.build(
                session=busy,
                email=f"educator{i}@nhs.net",
                status=Booking.Status.CONFIRMED if i < 50 else Booking.Status.WAITING,
            )
            for i in range(100)
        ]
    )
    assert count_queries(client, f"/training/sessions/{empty.pk}/") == count_queries(
        client, f"/training/sessions/{busy.pk}/"
    )


# The session page and booking


def test_booking_a_place_confirms_it_and_emails_the_calendar_file(client):
    session = SessionFactory()
    response = client.post(f"/training/sessions/{session.pk}/", BOOKING, follow=True)
    assert response.status_code == 200
    assert "Booking confirmed" in response.content.decode()
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.CONFIRMED
    assert OutboundEmail.objects.get().attachments[0]["filename"] == "session.ics"


def test_a_full_session_offers_the_waiting_list(client):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    page = client.get(f"/training/sessions/{session.pk}/").content.decode()
    assert "Join the waiting list" in page
    response = client.post(f"/training/sessions/{session.pk}/", BOOKING, follow=True)
    assert "You are on the waiting list" in response.content.decode()
    assert Booking.objects.get(email=BOOKING["email"]).status == Booking.Status.WAITING


def test_the_joining_link_never_appears_on_public_pages(client):
    session = SessionFactory(online=True)
    BookingFactory(session=session)
    secret = session.joining_link
    for path in ["/training/", f"/training/sessions/{session.pk}/", "/training/?format=online"]:
        assert secret not in client.get(path).content.decode()
    response = client.post(f"/training/sessions/{session.pk}/", BOOKING, follow=True)
    assert secret not in response.content.decode()  # the confirmation page is not the manage page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("cancelled", "This session has been cancelled."),
        ("past", "This session has already taken place."),
        ("closed", "Booking for this session has closed."),
    ],
)
def test_a_session_that_cannot_take_bookings_says_why_and_changes_nothing(client, change, message):
    session = past_session() if change == "past" else SessionFactory()
    if change == "cancelled":
        session.status = Session.Status.CANCELLED
    if change == "closed":
        session.booking_closes_at = timezone.now() - timedelta(hours=1)
    session.save()
    page = client.get(f"/training/sessions/{session.pk}/")
    assert page.status_code == 200
    assert message in page.content.decode()
    assert "Book a place" not in page.content.decode()
    response = client.post(f"/training/sessions/{session.pk}/", BOOKING)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Booking.objects.exists()


def test_bad_booking_input_gets_clear_messages_and_keeps_what_was_typed(client):
    session = SessionFactory()
    response = client.post(
        f"/training/sessions/{session.pk}/",
        {**BOOKING, "name": "x" * 151, "email": "not-an-email", "consent": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in page
    assert "Enter an email address in the correct format" in page
    assert "Agree to us using your details" in page
    assert "at most 150 characters" in page
    assert "Manchester University NHS Foundation Trust" in page
    assert not Booking.objects.exists()


def test_booking_twice_with_one_email_is_refused_with_a_message(client):
    session = SessionFactory()
    client.post(f"/training/sessions/{session.pk}/", BOOKING)
    response = client.post(
        f"/training/sessions/{session.pk}/", {**BOOKING, "email": "AMARA.okafor@nhs.net"}
    )
    assert "already has a place" in response.content.decode()
    assert Booking.objects.count() == 1


def test_an_unknown_session_is_a_404(client):
    assert client.get("/training/sessions/999999/").status_code == 404


def test_the_booking_form_is_rate_limited(client):
    limit = parse_rate(SessionView.rate_limit)[0]
    session = SessionFactory(capacity=limit + 1)
    statuses = [
        client.post(
            f"/training/sessions/{session.pk}/", {**BOOKING, "email": f"p{n}@nhs.net"}
        ).status_code
        for n in range(limit + 1)
    ]
    assert statuses == [302] * limit + [429]
    assert Booking.objects.count() == limit


# The manage page


def test_the_manage_page_shows_the_joining_link_to_a_confirmed_attendee(client):
    booking = BookingFactory(session=SessionFactory(online=True))
    page = client.get(booking.get_manage_url()).content.decode()
    assert booking.session.joining_link in page
    assert "Cancel my booking" in page


def test_the_manage_page_hides_the_joining_link_from_people_waiting(client):
    booking = BookingFactory(session=SessionFactory(online=True), status=Booking.Status.WAITING)
    page = client.get(booking.get_manage_url()).content.decode()
    assert booking.session.joining_link not in page
    assert "Leave the waiting list" in page


@pytest.mark.parametrize("suffix", ["", "booked/", "cancel/", "feedback/", "certificate/"])
def test_a_tampered_link_is_a_404(client, suffix):
    booking = BookingFactory()
    pk, signature = booking.token.split(":")
    other = BookingFactory()
    for token in [f"{other.pk}:{signature}", f"{pk}:{signature[:-2]}xx", "nonsense", f"{pk}"]:
        assert client.get(f"/training/bookings/{token}/{suffix}").status_code == 404
        assert client.post(f"/training/bookings/{token}/{suffix}", FEEDBACK).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert not Feedback.objects.exists()


def test_cancelling_from_the_manage_link_frees_the_place_for_the_first_waiting(client):
    session = SessionFactory(capacity=1)
    booking = BookingFactory(session=session)
    waiting = BookingFactory(session=session, status=Booking.Status.WAITING)
    assert "Are you sure" in client.get(f"{booking.get_manage_url()}cancel/").content.decode()
    response = client.post(f"{booking.get_manage_url()}cancel/", follow=True)
    assert "Your booking is cancelled." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED


def test_cancelling_after_the_start_says_why_and_changes_nothing(client):
    booking = BookingFactory(session=past_session())
    response = client.post(f"{booking.get_manage_url()}cancel/", follow=True)
    assert "already started" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


# Feedback and the certificate


def test_an_attendee_gives_feedback_once_through_the_signed_link(client):
    booking = BookingFactory(session=past_session())
    response = client.post(booking.get_feedback_url(), FEEDBACK, follow=True)
    assert "Thank you for your feedback." in response.content.decode()
    assert Feedback.objects.get(booking=booking).confidence_after == 5
    again = client.post(booking.get_feedback_url(), {**FEEDBACK, "usefulness": "1"})
    assert "already given feedback" in again.content.decode()
    assert Feedback.objects.get(booking=booking).usefulness == 5


@pytest.mark.parametrize("bad", [{"usefulness": "6"}, {"usefulness": "0"}, {"applicability": ""}])
def test_out_of_range_scores_are_refused(client, bad):
    booking = BookingFactory(session=past_session())
    response = client.post(booking.get_feedback_url(), {**FEEDBACK, **bad})
    assert response.status_code == 200
    assert "nhsuk-error-summary" in response.content.decode()
    assert not Feedback.objects.exists()


def test_no_feedback_form_for_a_no_show(client):
    booking = BookingFactory(session=past_session(), attendance=Booking.Attendance.NO_SHOW)
    page = client.get(booking.get_feedback_url()).content.decode()
    assert "did not attend" in page
    assert "Send feedback" not in page
    client.post(booking.get_feedback_url(), FEEDBACK)
    assert not Feedback.objects.exists()


def test_the_certificate_needs_attendance_and_feedback(client):
    booking = BookingFactory(session=past_session(), name="Dr Amara Okafor")
    url = booking.get_certificate_url()
    assert "Dr Amara Okafor" not in client.get(url).content.decode()
    Booking.objects.filter(pk=booking.pk).update(attendance=Booking.Attendance.ATTENDED)
    assert "Dr Amara Okafor" not in client.get(url).content.decode()
    FeedbackFactory(booking=booking)
    page = client.get(url).content.decode()
    assert "Certificate of attendance" in page
    assert "Dr Amara Okafor" in page
    assert "training/certificate.css" in page
    assert "Print your certificate" in client.get(booking.get_manage_url()).content.decode()


def test_after_feedback_the_manage_page_says_when_the_certificate_will_be_ready(client):
    booking = BookingFactory(session=past_session())
    FeedbackFactory(booking=booking)
    page = client.get(booking.get_manage_url()).content.decode()
    assert "once we have recorded your attendance" in page
    assert "Print your certificate" not in page


# Session requests


def test_a_department_requests_a_session(client):
    response = client.post("/training/request/", REQUEST, follow=True)
    assert "Request sent" in response.content.decode()
    request = SessionRequest.objects.get()
    assert request.group_size == 18
    assert OutboundEmail.objects.get().to == "priya.shah@nhs.net"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"group_size": "-5"}, "must be 1 or more"),
        ({"group_size": "0"}, "must be 1 or more"),
        ({"group_size": "lots"}, "whole number"),
        ({"department": "x" * 201}, "at most 200 characters"),
        ({"contact_email": ""}, "Enter your email address"),
    ],
)
def test_bad_session_requests_get_clear_messages_and_save_nothing(client, bad, message):
    response = client.post("/training/request/", {**REQUEST, **bad})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SessionRequest.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_the_request_form_is_rate_limited(client):
    limit = parse_rate(SessionRequestView.rate_limit)[0]
    statuses = [client.post("/training/request/", REQUEST).status_code for _ in range(limit + 1)]
    assert statuses == [302] * limit + [429]
    assert SessionRequest.objects.count() == limit


def test_the_list_says_when_booking_opens_or_that_it_has_closed(client):
    now = timezone.now()
    SessionFactory(
        course__name="Opens later",
        booking_opens_at=now + timedelta(days=3),
        starts_at=now + timedelta(days=20),
        ends_at=now + timedelta(days=20, hours=2),
    )
    SessionFactory(
        course__name="Closed already",
        booking_closes_at=now - timedelta(hours=1),
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=2),
    )
    SessionFactory(course__name="Open now", capacity=12)
    html = " ".join(client.get("/training/").content.decode().split())
    opens = timezone.localtime(now + timedelta(days=3))
    assert f"Booking opens on {opens:%-d %B %Y}" in html
    assert "Booking closed" in html
    assert html.count("Places left") == 1
    assert "12 of 12" in html
