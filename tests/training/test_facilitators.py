"""Trainee facilitators: who may offer, staff decisions and assignments through the services,
reminders with the bookings', the session page naming those who agreed, and the teaching
record's feedback summary, shown only from the reports' minimum number of responses."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from edi_portal.models import OutboundEmail
from tests.factories import StaffFactory, UserFactory
from tests.peer_support.factories import MemberFactory
from training import services
from training.models import FacilitatorOffer, SessionFacilitator, session_feedback_summary

from .factories import (
    BookingFactory,
    CourseFactory,
    FacilitatorOfferFactory,
    FeedbackFactory,
    SessionFacilitatorFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def offer(user, course, **changes):
    return services.offer_to_facilitate(
        user=user,
        course_id=course.pk,
        role=changes.get("role", "co_facilitate"),
        name=changes.get("name", "Dr Priya Shah"),
        statement="I have led <b>workshops</b>.",
        may_be_named=changes.get("may_be_named", True),
    )


def test_only_a_verified_trainee_who_is_a_member_may_offer():
    course = CourseFactory()
    for someone in (UserFactory(), MemberFactory(email="member@gmail.com")):
        with pytest.raises(services.FacilitatorError):
            offer(someone, course)
    member = MemberFactory()
    made = offer(member, course)
    assert made.status == FacilitatorOffer.Status.OFFERED
    assert made.statement == "I have led <b>workshops</b>."
    with pytest.raises(services.FacilitatorError):
        offer(member, course)
    assert (
        OutboundEmail.objects.filter(
            to=member.email, template="training/facilitator_offer_received"
        ).count()
        == 1
    )


def test_the_form_refuses_people_who_are_not_members_and_links_the_notice(client):
    course = CourseFactory()
    client.force_login(UserFactory())
    assert client.get(f"/training/courses/{course.slug}/facilitate/").status_code == 403
    client.force_login(MemberFactory())
    page = client.get(f"/training/courses/{course.slug}/facilitate/")
    assert page.status_code == 200
    response = client.post(
        f"/training/courses/{course.slug}/facilitate/",
        {"role": "co_write", "name": "Dr Priya Shah", "statement": "I write.", "may_be_named": ""},
    )
    assert response.status_code == 302
    made = FacilitatorOffer.objects.get()
    assert (made.role, made.may_be_named) == ("co_write", False)
    bad = client.post(
        f"/training/courses/{course.slug}/facilitate/",
        {"role": "nonsense", "name": "<a href=x>me</a>", "statement": ""},
    )
    assert bad.status_code == 200


def test_a_signed_out_visitor_is_asked_to_sign_in(client):
    course = CourseFactory()
    response = client.get(f"/training/courses/{course.slug}/facilitate/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_decisions_email_each_person_once():
    offers = [FacilitatorOfferFactory(status="offered") for _ in range(3)]
    approved = services.decide_facilitator_offers(offer_ids=[offers[0].pk], approve=True)
    declined = services.decide_facilitator_offers(offer_ids=[o.pk for o in offers], approve=False)
    assert [o.pk for o in approved] == [offers[0].pk]
    assert {o.pk for o in declined} == {offers[1].pk, offers[2].pk}
    assert OutboundEmail.objects.filter(template="training/facilitator_offer_approved").count() == 1
    assert OutboundEmail.objects.filter(template="training/facilitator_offer_declined").count() == 2


def test_only_an_approved_offer_is_assigned_to_an_upcoming_session_of_its_course():
    session = SessionFactory(online=True)
    waiting = FacilitatorOfferFactory(course=session.course, status="offered")
    other_course = FacilitatorOfferFactory()
    past = SessionFactory(
        course=session.course,
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=3),
    )
    approved = FacilitatorOfferFactory(course=session.course)
    for offer_id, session_id in [
        (waiting.pk, session.pk),
        (other_course.pk, session.pk),
        (approved.pk, past.pk),
    ]:
        with pytest.raises(services.FacilitatorError):
            services.assign_facilitator(offer_id=offer_id, session_id=session_id)
    services.assign_facilitator(offer_id=approved.pk, session_id=session.pk)
    services.assign_facilitator(offer_id=approved.pk, session_id=session.pk)
    email = OutboundEmail.objects.get(template="training/facilitator_assigned")
    assert session.joining_link in email.text_body
    assert SessionFacilitator.objects.count() == 1


def test_facilitators_are_reminded_with_the_bookings_once():
    now = timezone.now()
    week = SessionFactory(starts_at=now + timedelta(days=5))
    day = SessionFactory(starts_at=now + timedelta(hours=12), course=week.course)
    offer_ = FacilitatorOfferFactory(course=week.course)
    for session in (week, day):
        services.assign_facilitator(offer_id=offer_.pk, session_id=session.pk)
    late = SessionFacilitatorFactory(session=SessionFactory(starts_at=now + timedelta(hours=6)))
    SessionFacilitator.objects.exclude(pk=late.pk).update(assigned_at=now - timedelta(days=20))
    BookingFactory(session=week, confirmed_at=now - timedelta(days=20))
    assert services.send_reminders(now=now) == 3  # one booking, two facilitator reminders
    assert services.send_reminders(now=now) == 0
    assert OutboundEmail.objects.filter(template="training/facilitator_reminder").count() == 2


def test_the_session_page_names_only_facilitators_who_agreed(client):
    session = SessionFactory()
    SessionFacilitatorFactory(session=session, offer__name="Dr Named Person")
    SessionFacilitatorFactory(
        session=session, offer__name="Dr Private Person", offer__may_be_named=False
    )
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Dr Named Person" in page
    assert "Dr Private Person" not in page
    assert f"/training/courses/{session.course.slug}/facilitate/" in page


def ended_session():
    now = timezone.now()
    return SessionFactory(starts_at=now - timedelta(hours=5), ends_at=now - timedelta(hours=2))


def test_the_summary_shows_from_the_reports_minimum_number_of_responses():
    session = ended_session()
    minimum = django_settings.SMALL_NUMBER
    from reports.suppression import SMALL_NUMBER

    assert minimum == SMALL_NUMBER == 8
    for _ in range(minimum - 1):
        FeedbackFactory(booking=BookingFactory(session=session))
    below = session_feedback_summary(session)
    assert (below["responses"], below["shown"], below["shares"]) == (minimum - 1, False, [])
    FeedbackFactory(booking=BookingFactory(session=session), usefulness=2)
    at = session_feedback_summary(session)
    assert at["shown"] and at["shares"][0]["top"] == minimum - 1


def test_a_teaching_record_is_its_facilitators_only(client):
    session = ended_session()
    assignment = SessionFacilitatorFactory(session=session)
    for _ in range(8):
        FeedbackFactory(booking=BookingFactory(session=session), comments="Secret comment")
    client.force_login(UserFactory())
    assert client.get(assignment.get_absolute_url()).status_code == 404
    client.force_login(assignment.offer.user)
    page = client.get(assignment.get_absolute_url()).content.decode()
    assert "8 attendees gave anonymous feedback" in page
    assert "Secret comment" not in page
    assert "Co-facilitator" in page


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path", ["/admin/training/facilitatoroffer/", "/admin/training/sessionfacilitator/"]
)
def test_the_admin_lists_make_the_same_number_of_queries_for_3_and_60_rows(client, settings, path):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(StaffFactory(is_superuser=True))

    def make(count):
        for _ in range(count):
            SessionFacilitatorFactory()

    make(3)
    few = count_queries(client, path)
    make(57)
    assert count_queries(client, path) == few


def test_the_assign_page_in_admin_assigns_through_the_service(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(StaffFactory(is_superuser=True))
    session = SessionFactory()
    approved = FacilitatorOfferFactory(course=session.course)
    assert client.get("/admin/training/sessionfacilitator/add/").status_code == 200
    wrong = client.post(
        "/admin/training/sessionfacilitator/add/",
        {"offer": FacilitatorOfferFactory().pk, "session": session.pk},
    )
    assert wrong.status_code == 200 and not SessionFacilitator.objects.exists()
    done = client.post(
        "/admin/training/sessionfacilitator/add/", {"offer": approved.pk, "session": session.pk}
    )
    assert done.status_code == 302
    assert OutboundEmail.objects.filter(template="training/facilitator_assigned").count() == 1
