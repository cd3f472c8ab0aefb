"""The staff programme page: how each match is going, alerts, a CSV of the matches (never
what was shared for matching) and a message to everyone taking part, through the outbox."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from edi_portal.models import OutboundEmail
from mentoring import services
from mentoring.matching import SHARED_REASON
from mentoring.models import CheckIn, Match, SharedCharacteristics

from .factories import MentorFactory, ProgrammeFactory, SignUpFactory
from .helpers import STAFF_PERMISSIONS, mentoring_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(mentoring_staff(*STAFF_PERMISSIONS))
    return client


def active_matches(programme, count):
    matches = []
    for number in range(count):
        mentor = MentorFactory(programme=programme, full_name=f"Dr Mentor {number}", capacity=1)
        mentee = SignUpFactory(programme=programme, full_name=f"Dr Mentee {number}")
        match = services.confirm_match(
            programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk
        )
        for sign_up in (mentor, mentee):
            services.accept_match(match_id=match.pk, sign_up_id=sign_up.pk)
        matches.append(match)
    return matches


def test_each_match_state_and_alerts_on_one_page(staff_client):
    programme = ProgrammeFactory()
    low, missed, fine = active_matches(programme, 3)
    CheckIn.objects.filter(match=low).update(due_on=timezone.localdate())
    check_in = CheckIn.objects.filter(match=low).first()
    services.record_check_in(check_in_id=check_in.pk, met=False, rating=1, note="")
    CheckIn.objects.filter(match=missed).update(due_on=timezone.localdate() - timedelta(days=20))
    services.report_not_working(match=fine, sign_up=fine.mentee, details="Never replies")
    html = staff_client.get(f"/admin/mentoring/programme/{programme.pk}/progress/").text
    assert "Low score at the last check-in (1 of 5)" in html
    assert "They had not met at the last check-in" in html
    assert "A check-in was missed" in html
    assert "Someone says it is not working" in html
    assert "Never replies" not in html
    assert html.count("1 of 5") >= 2 and "Not met" in html and "Both" in html


def test_the_page_needs_permission(client):
    programme = ProgrammeFactory()
    client.force_login(mentoring_staff("view_programme"))
    assert client.get(f"/admin/mentoring/programme/{programme.pk}/progress/").status_code == 403
    url = f"/admin/mentoring/programme/{programme.pk}/progress/matches.csv"
    assert client.get(url).status_code == 403


def queries(client, programme):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/admin/mentoring/programme/{programme.pk}/progress/")
    assert response.status_code == 200
    return len(captured)


def test_the_page_makes_the_same_number_of_queries_with_2_and_30_matches(staff_client):
    few, many = ProgrammeFactory(), ProgrammeFactory()
    active_matches(few, 2)
    active_matches(many, 30)
    at_2, at_30 = queries(staff_client, few), queries(staff_client, many)
    print(f"programme page queries: {at_2} with 2 matches, {at_30} with 30")
    assert at_2 == at_30


def test_the_csv_has_each_match_and_nothing_shared_for_matching(staff_client):
    programme = ProgrammeFactory()
    (match,) = active_matches(programme, 1)
    for sign_up in (match.mentor, match.mentee):
        SharedCharacteristics.objects.create(sign_up=sign_up, characteristics=["img"])
    Match.objects.filter(pk=match.pk).update(reasons=[SHARED_REASON])
    response = staff_client.get(f"/admin/mentoring/programme/{programme.pk}/progress/matches.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Match", "Mentor", "Mentee", "Status"]
    assert rows[1][1:4] == ["Dr Mentor 0", "Dr Mentee 0", "Active"]
    assert "common" not in text and "img" not in text.lower().replace("imgs", "")
    assert "International" not in text


def test_staff_message_everyone_taking_part_after_a_confirmation(staff_client):
    programme = ProgrammeFactory()
    active_matches(programme, 2)
    left = SignUpFactory(programme=programme)
    services.withdraw(sign_up_id=left.pk)
    data = {"action": "message_participants", "_selected_action": [programme.pk]}
    page = staff_client.post("/admin/mentoring/programme/", data)
    assert "4 people will be emailed" in page.text
    assert not OutboundEmail.objects.filter(template="mentoring/programme_message").exists()
    message = "Our **next session** is on 3 March.\n\n<script>alert(1)</script>"
    staff_client.post(
        "/admin/mentoring/programme/",
        {**data, "confirmed": "yes", "subject": "Next session", "message": message},
    )
    sent = OutboundEmail.objects.filter(template="mentoring/programme_message")
    assert sent.count() == 4 and left.email not in sent.values_list("to", flat=True)
    email = sent.first()
    assert email.subject == "Next session"
    assert "<strong>next session</strong>" in email.html_body
    assert "<script" not in email.html_body
    # The same message again the same day sends nothing more.
    services.message_participants(
        programme_ids=[programme.pk], subject="Next session", message=message
    )
    assert sent.count() == 4
