"""The booking journey in a real browser, with JavaScript on and off."""

import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from icalendar import Calendar

from training.models import Booking, Feedback, SessionRequest

from .factories import BookingFactory, SessionFactory
from .pages import _past_booking

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_booking_form(page, *, name, email):
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Consultant").check()
    page.get_by_label("Organisation or trust").fill("Manchester University NHS Foundation Trust")
    page.get_by_label("Department (optional)").fill("Emergency department")
    page.get_by_label("I agree").check()


def test_book_find_the_calendar_file_manage_and_cancel_then_the_first_waiting_is_promoted(
    page, axe, live_server
):
    session = SessionFactory(capacity=1)
    page.goto(session.get_absolute_url())
    axe(page)
    page.get_by_role("button", name="Book a place").click()  # nothing filled in
    page.get_by_text("There is a problem").wait_for()
    axe(page)
    fill_booking_form(page, name="Dr Amara Okafor", email="amara.okafor@nhs.net")
    page.get_by_role("button", name="Book a place").click()
    page.get_by_role("heading", level=1, name="Booking confirmed").wait_for()
    axe(page)

    # The session is now full: the next two people join the waiting list, in order.
    first = BookingFactory(session=session, email="first@nhs.net", status=Booking.Status.WAITING)
    BookingFactory(session=session, email="second@nhs.net", status=Booking.Status.WAITING)

    # What the person received (the outbox keeps no link or calendar once it has sent them).
    [confirmation] = mail.outbox
    assert confirmation.to == ["amara.okafor@nhs.net"]
    [(_filename, ics, _mimetype)] = confirmation.attachments
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start.tzinfo == ZoneInfo("Europe/London")
    assert (start, end) == (session.starts_at, session.ends_at)

    manage_url = re.search(r"http\S+/training/bookings/\S+/", confirmation.body).group()
    page.goto(manage_url.replace("http://127.0.0.1:8000", live_server.url))
    page.get_by_role("heading", level=1, name="Your booking").wait_for()
    page.get_by_role("button", name="Cancel my booking").click()
    page.get_by_role("button", name="Yes, cancel my booking").click()
    page.get_by_text("Your booking is cancelled.", exact=True).wait_for()
    axe(page)

    first.refresh_from_db()
    assert first.status == Booking.Status.CONFIRMED
    promoted = [m for m in mail.outbox if m.to == ["first@nhs.net"]]
    assert len(promoted) == 1
    assert promoted[0].subject.startswith("A place is now yours")
    assert not [m for m in mail.outbox if m.to == ["second@nhs.net"]]


def test_the_journey_works_without_javascript(page_without_js):
    # axe-core runs in the page, so it cannot run here; the test above and the accessibility
    # list run it with JavaScript on.
    page = page_without_js
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)

    # A mistake shows the error summary and keeps what was typed.
    page.goto(session.get_absolute_url())
    page.get_by_label("Full name").fill("Dr Leila Haddad")
    page.get_by_role("button", name="Join the waiting list").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.get_by_label("Full name").input_value() == "Dr Leila Haddad"
    assert page.title().startswith("Error")

    fill_booking_form(page, name="Dr Leila Haddad", email="leila.haddad@nhs.net")
    page.get_by_role("button", name="Join the waiting list").click()
    page.get_by_role("heading", level=1, name="You are on the waiting list").wait_for()
    page.get_by_role("link", name="manage your booking now").click()
    page.get_by_role("button", name="Leave the waiting list").click()
    page.get_by_role("button", name="Yes, leave the waiting list").click()
    page.get_by_text("You have left the waiting list.", exact=True).wait_for()
    assert Booking.objects.get(email="leila.haddad@nhs.net").status == Booking.Status.CANCELLED

    # Feedback after a session.
    booking = _past_booking()
    page.goto(booking.get_feedback_url())
    for question in ["The session was useful", "I can apply what I learnt"]:
        page.get_by_role("group", name=re.compile(question)).get_by_label(
            "5 - Strongly agree"
        ).check()
    page.get_by_role("group", name=re.compile("improved my knowledge")).get_by_label(
        "4 - Agree"
    ).check()
    page.get_by_role("group", name=re.compile("before the session")).get_by_label(
        "2 - Slightly confident"
    ).check()
    page.get_by_role("group", name=re.compile("after the session")).get_by_label(
        "4 - Confident"
    ).check()
    page.get_by_role("button", name="Send feedback").click()
    page.get_by_text("Thank you for your feedback.", exact=True).wait_for()
    feedback = Feedback.objects.get(booking=booking)
    assert (feedback.usefulness, feedback.confidence_before, feedback.confidence_after) == (5, 2, 4)

    # A department asks for a session; a negative group size is refused first.
    page.goto("/training/request/")
    page.get_by_label("Your full name").fill("Dr Priya Shah")
    page.get_by_label("Your email address").fill("priya.shah@nhs.net")
    page.get_by_label("Trust or organisation").fill("Lancashire Teaching Hospitals")
    page.get_by_label("Department").fill("Obstetrics and gynaecology")
    page.get_by_label("Who the session is for").fill("Consultants and registrars")
    page.get_by_label("Expected number of people").fill("-4")
    page.get_by_label("Preferred dates").fill("Any Wednesday afternoon in March")
    page.get_by_role("button", name="Send request").click()
    page.get_by_text("The expected number of people must be 1 or more").first.wait_for()
    assert not SessionRequest.objects.exists()
    page.get_by_label("Expected number of people").fill("18")
    page.get_by_role("button", name="Send request").click()
    page.get_by_role("heading", level=1, name="Request sent").wait_for()
    assert SessionRequest.objects.get().group_size == 18
