"""An educator's EDI training record: the role and trust or school asked at booking, the record on
"Your network" and by an emailed signed link, and its PDF."""

import io
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from edi_portal.models import OutboundEmail
from tests.factories import UserFactory
from training.models import Booking
from training.record import RECORD_LINK_DAYS, record_link_token

from .factories import BookingFactory, CourseFactory, FeedbackFactory, SessionFactory
from .test_pages import BOOKING

pytestmark = pytest.mark.django_db

EMAIL = "priya.shah@nhs.net"


def attended_session(days_ago, *, email=EMAIL, hours=3, course=None, **kwargs):
    starts_at = (timezone.now() - timedelta(days=days_ago)).replace(microsecond=0)
    session = SessionFactory(
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        **({"course": course} if course else {}),
    )
    return BookingFactory(
        session=session,
        email=email,
        name="Dr Priya Shah",
        **{"attendance": Booking.Attendance.ATTENDED, **kwargs},
    )


def pdf_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return reader, text


def test_booking_keeps_the_optional_role_and_trust_or_school_with_why_it_is_asked(client):
    session = SessionFactory()
    page = client.get(f"/training/sessions/{session.pk}/").content.decode()
    assert "expects all educational leaders to show evidence of enhanced EDI training" in page
    assert "Head of school" in page and "Director of medical education" in page
    response = client.post(
        f"/training/sessions/{session.pk}/",
        {
            **BOOKING,
            "educator_role": "head_of_school",
            "leadership_organisation_type": "school",
            "leadership_organisation": "School of Surgery",
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.educator_role == Booking.EducatorRole.HEAD_OF_SCHOOL
    assert booking.leadership_organisation_type == "school"
    assert booking.leadership_organisation == "School of Surgery"
    # Optional: a booking without them still books.
    client.post(f"/training/sessions/{session.pk}/", {**BOOKING, "email": "other@nhs.net"})
    assert Booking.objects.filter(email="other@nhs.net", educator_role="").exists()


def test_a_trust_or_school_named_needs_its_kind_and_refuses_links(client):
    session = SessionFactory()
    response = client.post(
        f"/training/sessions/{session.pk}/",
        {**BOOKING, "leadership_organisation": "School of Surgery"},
    )
    assert response.status_code == 200
    assert "Select whether you hold the role in a trust or a school" in response.content.decode()
    response = client.post(
        f"/training/sessions/{session.pk}/",
        {
            **BOOKING,
            "leadership_organisation_type": "trust",
            "leadership_organisation": "<a href='https://example.com'>Trust</a>",
        },
    )
    assert response.status_code == 200
    assert not Booking.objects.exists()


def test_the_signed_in_record_lists_every_session_attended_across_years_and_downloads_as_pdf(
    client,
):
    user = UserFactory(email=EMAIL)
    linked = attended_session(800, user=user, course=CourseFactory(name="Allyship in practice"))
    FeedbackFactory(booking=linked)
    # Booked without an account under another address the account has verified.
    EmailAddress.objects.create(user=user, email="priya@gmail.com", verified=True)
    before = attended_session(
        400, email="priya@gmail.com", course=CourseFactory(name="Active Bystander Training")
    )
    recent = attended_session(10, hours=1.5, course=CourseFactory(name="Inclusive teaching"))
    # Not in the record: not attended, an unverified address, someone else's account.
    attended_session(5, attendance=Booking.Attendance.NO_SHOW)
    EmailAddress.objects.create(user=user, email="unverified@nhs.net", verified=False)
    attended_session(6, email="unverified@nhs.net", course=CourseFactory(name="Not theirs"))
    attended_session(7, user=UserFactory(), course=CourseFactory(name="Held by another"))
    client.force_login(user)

    your_network = client.get("/your-network/").content.decode()
    assert 'href="/your-network/training-record/"' in your_network
    page = client.get("/your-network/training-record/").content.decode()
    for booking in (linked, before, recent):
        assert booking.session.course.name in page
        # The record gives UK dates: a session at 11:30pm UTC in summer is on the next day.
        assert f"{timezone.localtime(booking.session.starts_at):%-d %B %Y}" in page
    assert "Not theirs" not in page and "Held by another" not in page
    assert "7.5" in page  # 3 + 3 + 1.5 hours
    assert linked.get_certificate_url() in page
    assert before.get_certificate_url() not in page  # no feedback yet

    reader, text = pdf_of(client.get("/your-network/training-record/pdf/"))
    for booking in (linked, before, recent):
        assert booking.session.course.name in text
        assert f"{timezone.localtime(booking.session.starts_at):%-d %B %Y}" in text
    assert "Not theirs" not in text
    assert reader.metadata.title == "EDI training record: Dr Priya Shah"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_the_record_needs_signing_in(client):
    for path in ("/your-network/training-record/", "/your-network/training-record/pdf/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_people_without_an_account_get_the_same_record_by_an_emailed_link(
    client, django_capture_on_commit_callbacks
):
    attended_session(700, course=CourseFactory(name="Allyship in practice"))
    attended_session(
        30, email=EMAIL.upper().lower(), course=CourseFactory(name="Inclusive teaching")
    )
    answers = []
    for address in (EMAIL, "nobody@nhs.net"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/training/record/", {"email": address}, follow=True)
        answers.append(response.content.decode().split("<main", 1)[1])
    assert answers[0] == answers[1], "the same answer whether or not the address has bookings"
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    body = mail.outbox[0].body
    link = body.split("<", 1)[1].split(">", 1)[0]
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get(f"/{path}").content.decode()
    assert "Allyship in practice" in page and "Inclusive teaching" in page
    _reader, text = pdf_of(client.get(f"/{path}pdf/"))
    assert "Allyship in practice" in text and "Inclusive teaching" in text
    # Kept in the outbox, about the booking; once sent it keeps no link.
    stored = OutboundEmail.objects.get(template="training/record_link")
    assert stored.status == OutboundEmail.Status.SENT
    assert "/training/record/" not in stored.text_body


def test_a_record_link_expires_and_a_forged_one_opens_nothing(client):
    attended_session(30)
    token = record_link_token(EMAIL)
    assert client.get(f"/training/record/{token}/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=RECORD_LINK_DAYS, hours=1)):
        assert client.get(f"/training/record/{token}/").status_code == 404
    forged = record_link_token("someone@nhs.net").split(":")[0] + ":" + token.split(":", 1)[1]
    assert client.get(f"/training/record/{forged}/").status_code == 404


def test_an_address_an_account_holds_is_told_to_sign_in_and_its_link_shows_none_of_it(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email=EMAIL)
    attended_session(30, user=user, course=CourseFactory(name="Inclusive teaching"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/training/record/", {"email": EMAIL})
    assert "Sign in to see your record" in mail.outbox[0].body
    assert "/your-network/training-record/" in mail.outbox[0].body
    page = client.get(f"/training/record/{record_link_token(EMAIL)}/").content.decode()
    assert "Inclusive teaching" not in page


def queries_for(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/your-network/training-record/").status_code == 200
    return len(queries)


def test_the_record_page_makes_the_same_number_of_queries_for_2_and_40_sessions(client):
    few, many = UserFactory(email="few@nhs.net"), UserFactory(email="many@nhs.net")
    for n in range(2):
        FeedbackFactory(booking=attended_session(n * 30 + 1, email="few@nhs.net", user=few))
    for n in range(40):
        FeedbackFactory(booking=attended_session(n * 20 + 1, email="many@nhs.net", user=many))
    counts = queries_for(client, few), queries_for(client, many)
    print(f"Training record: {counts[0]} queries for 2 sessions, {counts[1]} for 40")
    assert counts[0] == counts[1]
