"""From confirmed pair to certificate: introductions, acceptance, contact details shared only
then, check-ins reminded once, "this is not working" to staff only, feedback, certificate."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from edi_portal.models import OutboundEmail
from mentoring import services
from mentoring.models import CheckIn, Match, NotWorkingReport

from .factories import MentorFactory, ProgrammeFactory, SignUpFactory
from .helpers import STAFF_PERMISSIONS, mentoring_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    programme = ProgrammeFactory(name="IMG buddies", check_in_every_days=30)
    mentor = MentorFactory(programme=programme, full_name="Dr Mentor Person")
    mentee = SignUpFactory(programme=programme, full_name="Dr Mentee Person")
    return programme, mentor, mentee


def test_staff_see_suggestions_with_reasons_and_confirm_or_leave_unmatched(client, pair):
    programme, mentor, mentee = pair
    other = SignUpFactory(programme=programme, full_name="Dr Left Unmatched")
    client.force_login(mentoring_staff(*STAFF_PERMISSIONS))
    page = client.get(f"/admin/mentoring/programme/{programme.pk}/matching/")
    html = page.content.decode()
    assert "Dr Mentee Person" in html and "Both want to talk about: Leadership" in html
    client.post(
        f"/admin/mentoring/programme/{programme.pk}/matching/",
        {f"mentee-{mentee.pk}": str(mentor.pk), f"mentee-{other.pk}": ""},
    )
    match = Match.objects.get()
    assert (match.mentor, match.mentee, match.status) == (mentor, mentee, "confirmed")
    assert not Match.objects.filter(mentee=other).exists()
    intro = OutboundEmail.objects.get(to=mentee.email, template="mentoring/introduction")
    assert "Dr Mentor Person" not in intro.text_body and mentor.email not in intro.text_body


def test_the_matching_page_needs_its_permission(client, pair):
    programme, _mentor, _mentee = pair
    client.force_login(mentoring_staff("view_programme"))
    assert client.get(f"/admin/mentoring/programme/{programme.pk}/matching/").status_code == 403


def signed_in(sign_up):
    """A browser signed in to the account that made the sign-up."""
    client = Client()
    client.force_login(sign_up.user)
    return client


def test_both_accept_then_check_in_reminded_once_and_answered_then_feedback(pair):
    programme, mentor, mentee = pair
    match = services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)
    mentee_url, mentor_url = match.get_url_for(mentee), match.get_url_for(mentor)
    client = signed_in(mentee)

    html = client.get(mentee_url).content.decode()
    assert "Dr Mentor Person" not in html
    client.post(mentee_url)
    assert "Dr Mentor Person" not in client.get(mentee_url).content.decode()
    signed_in(mentor).post(mentor_url)
    html = client.get(mentee_url).content.decode()
    assert "Dr Mentor Person" in html and mentor.email in html
    contact = OutboundEmail.objects.get(to=mentee.email, template="mentoring/contact_details")
    assert mentor.email in contact.text_body

    check_in = CheckIn.objects.get(sign_up=mentee)
    assert check_in.due_on == timezone.localdate() + timedelta(days=30)
    assert services.send_check_in_reminders() == 0
    later = check_in.due_on
    assert services.send_check_in_reminders(today=later) == 2
    assert services.send_check_in_reminders(today=later) == 0
    assert OutboundEmail.objects.filter(template="mentoring/check_in_reminder").count() == 2

    CheckIn.objects.filter(match=match).update(due_on=timezone.localdate())
    response = client.post(
        f"{mentee_url}check-in/", {"met": "yes", "rating": "4", "note": "Going well"}
    )
    assert response.status_code == 302
    check_in.refresh_from_db()
    assert (check_in.met, check_in.rating, check_in.note) == (True, 4, "Going well")
    assert CheckIn.objects.filter(sign_up=mentee, answered_at__isnull=True).count() == 1

    assert client.get(f"{mentee_url}feedback/").status_code == 302  # not ended yet
    services.end_matches(match_ids=[match.pk])
    client.post(f"{mentee_url}feedback/", {"rating": "5", "comments": "Thank you"})
    assert mentee.end_feedback.rating == 5
    html = client.get(f"{mentee_url}certificate/").content.decode()
    assert "Certificate of participation" in html and "Dr Mentee Person" in html
    assert "took part as a mentee" in html


def test_not_working_reaches_staff_only_without_details(pair, settings):
    settings.MENTORING_TEAM_EMAIL = "team@nhs.net"
    programme, mentor, mentee = pair
    match = services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)
    before = set(OutboundEmail.objects.values_list("pk", flat=True))
    signed_in(mentee).post(f"{match.get_url_for(mentee)}not-working/", {"details": "We never meet"})
    assert NotWorkingReport.objects.get().details == "We never meet"
    [email] = OutboundEmail.objects.exclude(pk__in=before)
    assert email.to == "team@nhs.net"
    assert "We never meet" not in email.text_body and "Dr Mentee" not in email.text_body


def test_a_tampered_link_is_not_found(pair):
    programme, mentor, mentee = pair
    match = services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)
    client = signed_in(mentee)
    assert client.get(match.get_url_for(mentee)[:-3] + "xx/").status_code == 404
    assert client.get("/mentoring/match/not-a-token/check-in/").status_code == 404


@pytest.mark.parametrize(
    ("page", "data"),
    [
        ("check-in/", {"met": "perhaps", "rating": "11"}),
        ("check-in/", {"met": ["yes", "no"], "rating": "", "note": "x" * 5000}),
        ("not-working/", {}),
        ("not-working/", {"details": "<script>alert(1)</script>"}),
        ("feedback/", {"rating": "0"}),
    ],
)
def test_bad_answers_get_messages_not_errors(pair, page, data):
    programme, mentor, mentee = pair
    match = services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)
    for sign_up in (mentor, mentee):
        services.accept_match(match_id=match.pk, sign_up_id=sign_up.pk)
    CheckIn.objects.update(due_on=timezone.localdate())
    if page == "feedback/":
        services.end_matches(match_ids=[match.pk])
    response = signed_in(mentee).post(match.get_url_for(mentee) + page, data)
    assert response.status_code == 200
    assert "nhsuk-error-summary" in response.content.decode()


MATCH_PAGES = ["", "check-in/", "not-working/", "feedback/", "certificate/"]


@pytest.mark.parametrize("page", MATCH_PAGES)
def test_a_match_link_asks_a_signed_out_visitor_to_sign_in_and_changes_nothing(client, pair, page):
    programme, mentor, mentee = pair
    match = services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)
    CheckIn.objects.update(due_on=timezone.localdate())
    url = match.get_url_for(mentee) + page
    for response in (client.get(url), client.post(url, {"details": "Forwarded"})):
        assert response.status_code == 302
        assert response.url == f"/accounts/login/?next={quote(url)}"
    match.refresh_from_db()
    assert match.mentee_accepted_at is None and not NotWorkingReport.objects.exists()


@pytest.mark.parametrize("page", MATCH_PAGES)
def test_a_match_link_is_not_found_for_anyone_else_signed_in(pair, page):
    """The other person in the match, or anyone who was forwarded the email or read it in a
    data download."""
    programme, mentor, mentee = pair
    match = services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)
    url = match.get_url_for(mentee) + page
    for someone_else in (signed_in(mentor), signed_in(SignUpFactory())):
        assert someone_else.get(url).status_code == 404
        assert someone_else.post(url, {"details": "Not me"}).status_code == 404
    match.refresh_from_db()
    assert match.mentee_accepted_at is None and not NotWorkingReport.objects.exists()
    assert signed_in(mentee).get(match.get_url_for(mentee)).status_code == 200


@pytest.mark.parametrize("path", ["/admin/mentoring/signup/", "/admin/mentoring/match/"])
def test_admin_lists_query_count_is_flat(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(mentoring_staff(*STAFF_PERMISSIONS))

    def add(pairs):
        programme = ProgrammeFactory()
        for _ in range(pairs):
            mentor = MentorFactory(programme=programme, capacity=1)
            mentee = SignUpFactory(programme=programme)
            services.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    add(2)
    few = count()
    add(15)
    assert count() == few
