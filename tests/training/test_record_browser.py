"""An educator's EDI training record in a real browser at 320 px, with JavaScript on and off: they
book three sessions (the first before they have an account), staff record that they attended
(the register's service, as the admin action does), and they download one PDF listing all three;
someone without an account gets the same record by the emailed link."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from tests.accounts.helpers import sign_in_in_browser
from tests.factories import UserFactory
from training import services
from training.models import Booking, Session

from .factories import CourseFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "priya.shah@nhs.net"
COURSES = ["Active Bystander Training", "Allyship in practice", "Inclusive teaching"]


def book(page, session, *, leader=True):
    page.goto(session.get_absolute_url())
    main = page.locator("main")
    main.get_by_label("Full name").fill("Dr Priya Shah")
    main.get_by_label("Email address").fill(EMAIL)
    main.get_by_label("Consultant").check()
    main.get_by_label("Organisation or trust").fill("Lancashire Teaching Hospitals")
    if leader:
        main.get_by_label("Educational supervisor").check()
        main.get_by_label("A trust", exact=True).check()
        main.get_by_label("Name of the trust or school (optional)").fill(
            "Lancashire Teaching Hospitals NHS Foundation Trust"
        )
    main.get_by_label("I agree").check()
    main.get_by_role("button", name="Book a place").click()
    page.get_by_role("heading", level=1, name="Booking confirmed").wait_for()


def no_sideways_scrolling(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide at 320 px"


def attended_pdf_text(download):
    reader = PdfReader(download.path())
    assert reader.metadata.title == "EDI training record: Dr Priya Shah"
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def sessions_take_place():
    """The sessions happen (moved into the past), and staff take the register."""
    for days, session in enumerate(Session.objects.order_by("pk"), start=1):
        starts_at = timezone.now() - timedelta(days=400 * days)
        Session.objects.filter(pk=session.pk).update(
            starts_at=starts_at, ends_at=starts_at + timedelta(hours=3)
        )
    services.record_attendance(
        booking_ids=list(Booking.objects.values_list("pk", flat=True)),
        attendance=Booking.Attendance.ATTENDED,
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_an_educator_books_three_sessions_attends_and_downloads_one_record(
    browser, live_server, axe, javascript
):
    sessions = [SessionFactory(course=CourseFactory(name=name)) for name in COURSES]
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=javascript,
        viewport={"width": 320, "height": 800},
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        book(page, sessions[0], leader=False)  # before they have an account
        user = UserFactory(email=EMAIL)
        sign_in_in_browser(page, user)
        book(page, sessions[1])
        book(page, sessions[2])
        assert Booking.objects.filter(email=EMAIL).count() == 3
        assert Booking.objects.filter(educator_role="educational_supervisor").count() == 2
        sessions_take_place()

        page.goto("/your-network/")
        page.get_by_role("link", name="Your EDI training record").click()
        page.get_by_role("heading", level=1, name="Your EDI training record").wait_for()
        main = page.locator("main")
        for name in COURSES:
            assert name in main.inner_text()
        if javascript:
            no_sideways_scrolling(page)
            axe(page)
        with page.expect_download() as download:
            page.get_by_role("link", name="Download your record (PDF)").click()
        text = attended_pdf_text(download.value)
        for name in COURSES:
            assert name in text
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_without_an_account_the_record_comes_by_an_emailed_link(
    browser, live_server, axe, javascript
):
    sessions = [SessionFactory(course=CourseFactory(name=name)) for name in COURSES]
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=javascript,
        viewport={"width": 320, "height": 800},
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        for session in sessions:
            book(page, session)
        sessions_take_place()
        page.goto("/training/record/")
        if javascript:
            no_sideways_scrolling(page)
            axe(page)
        page.locator("main").get_by_label("Email address").fill(EMAIL)
        page.get_by_role("button", name="Email me a link").click()
        page.get_by_role("heading", level=1, name="Check your email").wait_for()
        [message] = [m for m in mail.outbox if m.subject == "Your EDI training record"]
        link = re.search(r"http\S+/training/record/\S+/", message.body).group()
        page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
        page.get_by_role("heading", level=1, name="Your EDI training record").wait_for()
        if javascript:
            no_sideways_scrolling(page)
            axe(page)
        with page.expect_download() as download:
            page.get_by_role("link", name="Download your record (PDF)").click()
        text = attended_pdf_text(download.value)
        for name in COURSES:
            assert name in text
    finally:
        context.close()
