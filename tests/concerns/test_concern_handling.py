"""Handling a concern: working-day targets across England's bank holidays, the private follow-up
link (hashed, rate limited, 404 when wrong), staff replies and notes, escalations, closing with
an outcome, the overdue digest, retention of messages and timeline, You said we did."""

import hashlib
import logging
import re
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.views.debug import ExceptionReporter

from concerns import services as services_concerns
from concerns.models import (
    Concern,
    ConcernEscalation,
    ConcernEvent,
    ConcernMessage,
    YouSaidWeDid,
)
from edi_portal.models import OutboundEmail
from edi_portal.working_days import add_working_days, is_working_day, working_days_between
from tests.factories import StaffFactory

from .factories import ConcernFactory

pytestmark = pytest.mark.django_db

SECRET_TEXT = "The registrar on ward 7 mocked my accent in front of patients on Tuesday"
STAFF_REPLY = "Thank you for telling us about the handover on Thursday"
LONDON = ZoneInfo("Europe/London")


def reader(email="handler@nhs.net"):
    user = StaffFactory(email=email)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="concerns", codename__in=["view_concern", "change_concern"]
        )
    )
    return type(user).objects.get(pk=user.pk)


def raise_one(**overrides):
    data = {
        "characteristic": "race",
        "details": SECRET_TEXT,
        "recorded_as": "discrimination",
        "setting": "placement",
    }
    data.update(overrides)
    return services_concerns.raise_concern(**data)


def assert_no_content(email):
    body = f"{email.subject}\n{email.text_body}\n{email.html_body}"
    for text in (SECRET_TEXT, STAFF_REPLY):
        assert text not in body
        assert "ward 7" not in body and "handover" not in body


# Working days in England -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Friday before Easter 2026 (Good Friday 3 April, Easter Monday 6 April).
        (date(2026, 4, 2), 2, date(2026, 4, 8)),
        # Christmas 2026: Friday 25th, Boxing Day Saturday so Monday 28th is the substitute.
        (date(2026, 12, 24), 2, date(2026, 12, 30)),
        # Early May bank holiday 2026 is Monday 4 May.
        (date(2026, 5, 1), 1, date(2026, 5, 5)),
        # Raised on a Saturday: the first working day is Monday.
        (date(2026, 6, 6), 2, date(2026, 6, 9)),
        # An ordinary fortnight: 20 working days from a Monday with no bank holiday.
        (date(2026, 9, 7), 20, date(2026, 10, 5)),
    ],
)
def test_working_day_targets_skip_weekends_and_english_bank_holidays(start, days, expected):
    assert add_working_days(start, days) == expected


def test_scottish_and_welsh_only_holidays_are_working_days_in_england():
    assert not is_working_day(date(2026, 8, 31))  # summer bank holiday in England
    assert is_working_day(date(2026, 8, 3))  # Scotland's summer holiday only
    assert is_working_day(date(2026, 11, 30))  # St Andrew's Day (Scotland)
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 8)) == 2


def test_a_concern_raised_before_easter_is_due_after_it(settings, time_machine):
    settings.CONCERN_ACKNOWLEDGE_WORKING_DAYS = 2
    settings.CONCERN_RESPOND_WORKING_DAYS = 20
    time_machine.move_to(datetime(2026, 4, 2, 16, 0, tzinfo=LONDON))
    concern, _token = raise_one()
    assert concern.acknowledge_by == date(2026, 4, 8)
    assert concern.respond_by == date(2026, 5, 5)  # Easter and the early May holiday skipped


# The follow-up link ------------------------------------------------------------------------


def test_the_token_is_stored_only_as_its_hash(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        concern, token = raise_one(email="trainee@nhs.net")
    assert len(token) >= 43
    concern.refresh_from_db()
    assert concern.follow_up_token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = " ".join(str(value) for value in Concern.objects.values_list().get())
    assert token not in stored
    # The named person's email carried the link; once sent, the outbox keeps no copy of it.
    [sent] = [message for message in mail.outbox if message.to == ["trainee@nhs.net"]]
    assert f"/concerns/follow-up/{token}/" in sent.body
    for email in OutboundEmail.objects.all():
        assert token not in email.text_body + email.html_body
    acknowledgement = OutboundEmail.objects.get(to="trainee@nhs.net")
    assert acknowledgement.status == "sent" and "[link removed]" in acknowledgement.text_body
    response = client.get(f"/concerns/follow-up/{token}/")
    assert response.status_code == 200
    assert concern.reference in response.content.decode()


def test_the_sent_page_shows_the_link_once(client):
    response = client.post(
        "/concerns/",
        {
            "recorded_as": "bullying-harassment",
            "characteristic": "race",
            "setting": "teaching",
            "details": SECRET_TEXT,
        },
    )
    first = client.get(response["Location"]).content.decode()
    link = re.search(r'href="(http://testserver/concerns/follow-up/[^"]+/)"', first)
    assert link, first
    assert "cannot recover it" in first
    again = client.get(response["Location"]).content.decode()
    assert link.group(1) not in again
    assert client.get(link.group(1)).status_code == 200
    assert Concern.objects.get().recorded_as == "bullying-harassment"


@pytest.mark.parametrize("token", ["wrong", "x" * 43, "%00", "a" * 500])
def test_a_wrong_token_is_a_plain_404(client, token):
    raise_one()
    response = client.get(f"/concerns/follow-up/{token}/")
    assert response.status_code == 404
    assert "Your concern" not in response.content.decode()


def test_guessing_is_rate_limited_per_address_but_the_right_link_always_opens(client):
    _concern, token = raise_one()
    for n in range(30):
        assert client.get(f"/concerns/follow-up/guess-{n}/").status_code == 404
    refused = client.get("/concerns/follow-up/guess-again/")
    assert refused.status_code == 429
    assert "Try again in 1 hour." in refused.content.decode()
    assert refused["Referrer-Policy"] == "same-origin"
    # Someone else behind the same hospital address opens their own case all the same.
    assert client.get(f"/concerns/follow-up/{token}/").status_code == 200
    other = client.get("/concerns/follow-up/guess-again/", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 404


def test_opening_your_own_case_never_counts_against_the_limit(client):
    """Trainees behind one trust's address all open their cases: none is ever refused."""
    links = [f"/concerns/follow-up/{raise_one()[1]}/" for _ in range(3)]
    for _ in range(15):
        for link in links:
            assert client.get(link).status_code == 200
    assert client.get("/concerns/follow-up/one-wrong-link/").status_code == 404


def test_the_page_is_never_cached_and_its_address_never_leaves_as_a_referrer(client):
    _concern, token = raise_one()
    response = client.get(f"/concerns/follow-up/{token}/")
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"
    assert "Who can read this page" in response.content.decode()


# The conversation ---------------------------------------------------------------------------


def test_staff_reply_reaches_the_page_and_a_named_raiser_gets_an_email_without_it(
    client, django_capture_on_commit_callbacks
):
    handler = reader()
    concern, token = raise_one(email="trainee@nhs.net")
    with django_capture_on_commit_callbacks(execute=True):
        services_concerns.reply_to_raiser(concern=concern, text=STAFF_REPLY, by=handler)
        services_concerns.add_note(concern=concern, text="Internal: called the TPD", by=handler)
    page = client.get(f"/concerns/follow-up/{token}/").content.decode()
    assert STAFF_REPLY in page
    assert "called the TPD" not in page
    assert "Acknowledged" in page  # a reply acknowledges a new concern
    update = OutboundEmail.objects.get(idempotency_key__startswith="concern-update:")
    assert update.to == "trainee@nhs.net"
    assert "There is an update on your concern" in update.subject
    for email in OutboundEmail.objects.all():
        assert_no_content(email)
    assert all(STAFF_REPLY not in message.body for message in mail.outbox)


def test_an_anonymous_raiser_gets_no_email(client):
    handler = reader()
    concern, _token = raise_one()
    before = OutboundEmail.objects.count()
    services_concerns.reply_to_raiser(concern=concern, text=STAFF_REPLY, by=handler)
    assert OutboundEmail.objects.count() == before


def test_the_raiser_replies_and_the_handler_is_told_by_reference_only(client):
    handler = reader()
    concern, token = raise_one()
    services_concerns.assign_handler(concern=concern, handler=handler, by=handler)
    response = client.post(f"/concerns/follow-up/{token}/", {"text": "It happened again today"})
    assert response.status_code == 302
    assert "It happened again today" in client.get(response["Location"]).content.decode()
    told = OutboundEmail.objects.get(idempotency_key__startswith="concern-raiser-replied:")
    assert told.to == handler.email and concern.reference in told.subject
    assert "happened again" not in told.text_body + told.html_body
    event = concern.events.get(description="Message from the person who raised it")
    assert event.by is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write your reply"),
        ("x" * 5001, "5,000 characters or fewer"),
        ("nul\x00", "Null characters are not allowed"),
    ],
)
def test_a_bad_reply_gets_a_message_and_keeps_nothing(client, text, message):
    concern, token = raise_one()
    response = client.post(f"/concerns/follow-up/{token}/", {"text": text})
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not concern.messages.exists()


def test_closing_needs_an_outcome_and_every_step_is_in_the_timeline():
    handler = reader()
    concern, _token = raise_one(email="trainee@nhs.net")
    services_concerns.change_status(concern=concern, status="acknowledged", by=handler)
    with pytest.raises(services_concerns.OutcomeRequired):
        services_concerns.change_status(concern=concern, status="closed", by=handler)
    today = timezone.localdate()
    escalation = {"concern": concern, "escalated_on": today, "by": handler}
    with pytest.raises(services_concerns.ConsentRequired):
        services_concerns.record_escalation(
            route="gmc", consent=ConcernEscalation.Consent.ANONYMOUS, **escalation
        )
    services_concerns.record_escalation(
        route="local-office", consent=ConcernEscalation.Consent.GIVEN, **escalation
    )
    services_concerns.change_status(
        concern=concern, status="closed", outcome="escalated", by=handler
    )
    concern.refresh_from_db()
    assert concern.closed_at and concern.outcome == "escalated"
    descriptions = list(concern.events.values_list("description", "by"))
    assert descriptions == [
        ("Concern raised", None),
        ("Status changed from Received to Acknowledged", handler.pk),
        (
            f"Escalated to NHS England local office (Postgraduate Dean's team) on {today:%-d %B %Y}",
            handler.pk,
        ),
        ("Status changed from Acknowledged to Closed", handler.pk),
        ("Outcome recorded: Escalated and taken on by another body", handler.pk),
    ]
    services_concerns.change_status(concern=concern, status="in-progress", by=handler)
    concern.refresh_from_db()
    assert concern.outcome == "" and concern.closed_at is None  # reopened


# The overdue digest -------------------------------------------------------------------------


def test_the_overdue_digest_lists_references_only_once_a_day(
    settings, django_capture_on_commit_callbacks
):
    handler = reader("handler@nhs.net")
    other_reader = reader("other@nhs.net")
    monday = date(2026, 6, 8)
    created = datetime(2026, 6, 1, 10, tzinfo=LONDON)  # Monday the week before
    late = ConcernFactory(created_at=created, handler=handler, details=SECRET_TEXT)
    unassigned = ConcernFactory(created_at=created, details=SECRET_TEXT)
    ConcernFactory(created_at=created, handler=handler, acknowledged_at=created)  # on time
    ConcernFactory(created_at=datetime(2026, 6, 8, 9, tzinfo=LONDON), handler=handler)  # new
    with django_capture_on_commit_callbacks(execute=True):
        assert services_concerns.send_overdue_digest(today=monday) == 2
        assert services_concerns.send_overdue_digest(today=monday) == 2  # again: nothing new
    digests = OutboundEmail.objects.filter(idempotency_key__startswith="concern-overdue-digest:")
    assert digests.count() == 2
    mine = digests.get(to=handler.email).text_body
    assert late.reference in mine and unassigned.reference in mine
    assert "Acknowledgement: Overdue by 3 working days" in mine
    theirs = digests.get(to=other_reader.email).text_body
    assert unassigned.reference in theirs and late.reference not in theirs
    for email in digests:
        assert_no_content(email)
    assert len(mail.outbox) == 2


def test_the_digest_is_scheduled_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["concern-overdue-digest"]
    assert entry["task"] == "concerns.tasks.send_concern_overdue_digest"


# Retention ----------------------------------------------------------------------------------


def test_retention_deletes_concerns_with_their_messages_escalations_and_timeline(settings):
    settings.CONCERN_RETENTION_DAYS = 30
    handler = reader()
    old, _ = raise_one(email="trainee@nhs.net")
    services_concerns.reply_to_raiser(concern=old, text=STAFF_REPLY, by=handler)
    services_concerns.raiser_reply(concern=old, text="More details")
    services_concerns.record_escalation(
        concern=old,
        route="employer",
        escalated_on=timezone.localdate(),
        consent="given",
        by=handler,
    )
    Concern.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent, _ = raise_one()
    assert services_concerns.delete_expired_concerns() == 1
    assert list(Concern.objects.all()) == [recent]
    assert not ConcernMessage.objects.filter(concern_id=old.pk).exists()
    assert not ConcernEvent.objects.filter(concern_id=old.pk).exists()
    assert not ConcernEscalation.objects.exists()
    assert ConcernEvent.objects.filter(concern=recent).exists()


# Query counts -------------------------------------------------------------------------------


def _follow_up_queries(client, messages):
    handler = reader(f"h{messages}@nhs.net")
    concern, token = raise_one()
    for n in range(messages):
        services_concerns.reply_to_raiser(concern=concern, text=f"Reply {n}", by=handler)
        services_concerns.raiser_reply(concern=concern, text=f"Answer {n}")
        services_concerns.change_status(
            concern=concern, status="in-progress" if n % 2 else "acknowledged", by=handler
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/concerns/follow-up/{token}/", REMOTE_ADDR=f"10.1.0.{messages}")
    assert response.status_code == 200
    return len(queries)


def test_the_follow_up_page_query_count_does_not_grow_with_messages(client):
    small, large = _follow_up_queries(client, 2), _follow_up_queries(client, 12)
    assert small == large, (small, large)


def _admin_list_queries(client, count):
    for n in range(count):
        ConcernFactory(handler=reader(f"list{count}-{n}@nhs.net"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/concerns/concern/")
    assert response.status_code == 200
    return len(queries)


def test_the_admin_list_query_count_does_not_grow_with_concerns(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(reader("list-reader@nhs.net"))
    small = _admin_list_queries(client, 3)
    large = _admin_list_queries(client, 15)
    assert small == large, (small, large)


def test_the_admin_list_flags_overdue_concerns(client, settings, time_machine):
    settings.ADMIN_REQUIRE_2FA = False
    time_machine.move_to(datetime(2026, 6, 8, 12, tzinfo=LONDON))
    client.force_login(reader())
    late = ConcernFactory(created_at=datetime(2026, 6, 1, 10, tzinfo=LONDON))
    html = client.get("/admin/concerns/concern/?overdue=acknowledgement").content.decode()
    assert late.reference in html and "Overdue by 3 working days" in html


# You said, we did ---------------------------------------------------------------------------


def test_only_published_items_appear_on_you_said_we_did(client):
    YouSaidWeDid.objects.create(
        theme="Rota requests for religious festivals",
        you_said="Requests were refused late.",
        we_did="We wrote **guidance** with the Lead Employer.",
        published_on=date(2026, 1, 10),
    )
    YouSaidWeDid.objects.create(theme="Draft theme", you_said="x", we_did="y")
    html = client.get("/concerns/you-said-we-did/").content.decode()
    assert "Rota requests for religious festivals" in html
    assert "<strong>guidance</strong>" in html
    assert "Draft theme" not in html


def test_the_guidance_page_names_every_route_and_is_in_the_footer(client):
    html = client.get("/concerns/guidance/").content.decode()
    for route in [
        "Your employer",
        "Postgraduate Dean",
        "Freedom to Speak Up guardian",
        "General Medical Council",
        "What the network cannot do",
    ]:
        assert route in html
    assert 'href="/concerns/guidance/"' in client.get("/").content.decode()


# The admin page -----------------------------------------------------------------------------


def admin_form(concern, **changes):
    data = {
        "handler": "",
        "status": concern.status,
        "outcome": concern.outcome,
        "reply": "",
        "note": "",
        "escalation_route": "",
        "escalation_detail": "",
        "escalated_on": "",
    }
    data.update(changes)
    return data


def test_staff_reply_note_escalate_and_close_from_the_admin_page(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    handler = reader()
    client.force_login(handler)
    concern, token = raise_one(email="trainee@nhs.net")
    url = f"/admin/concerns/concern/{concern.pk}/change/"
    page = client.get(url).content.decode()
    assert SECRET_TEXT in page and "Concern raised" in page

    changes = admin_form(
        concern,
        handler=handler.pk,
        status="acknowledged",
        reply=STAFF_REPLY,
        note="Spoke to the TPD",
        escalation_route="ftsu",
        escalated_on=timezone.localdate().isoformat(),
    )
    response = client.post(url, changes)
    assert response.status_code == 200  # a named raiser's consent is missing
    assert "before escalating" in response.content.decode()
    assert not concern.messages.exists()

    response = client.post(url, {**changes, "escalation_consent": "on"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    concern.refresh_from_db()
    assert concern.handler == handler and concern.status == "acknowledged"
    assert concern.escalations.get().route == "ftsu"
    follow_up = client.get(f"/concerns/follow-up/{token}/").content.decode()
    assert STAFF_REPLY in follow_up and "Spoke to the TPD" not in follow_up

    refused = client.post(url, admin_form(concern, handler=handler.pk, status="closed"))
    assert "Choose an outcome to close the concern" in refused.content.decode()
    closed = client.post(
        url, admin_form(concern, handler=handler.pk, status="closed", outcome="escalated")
    )
    assert closed.status_code == 302
    concern.refresh_from_db()
    assert concern.status == "closed" and concern.outcome == "escalated"
    timeline = client.get(url).content.decode()
    for entry in [
        f"Handler: {handler.email}",
        f"Escalated to A Freedom to Speak Up guardian on {timezone.localdate():%-d %B %Y}",
        "Reply sent to the person who raised it",
        "Internal note added",
        "Status changed from Acknowledged to Closed",
        "Outcome recorded: Escalated and taken on by another body",
    ]:
        assert entry in timeline
    for email in OutboundEmail.objects.all():
        assert_no_content(email)


def test_a_reply_alone_from_the_admin_page_acknowledges_a_new_concern(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(reader())
    concern, token = raise_one()
    response = client.post(
        f"/admin/concerns/concern/{concern.pk}/change/", admin_form(concern, reply=STAFF_REPLY)
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == "acknowledged" and concern.acknowledged_at
    assert STAFF_REPLY in client.get(f"/concerns/follow-up/{token}/").content.decode()


@pytest.mark.parametrize(
    ("escalated_on", "message"),
    [
        ("2020-03-02", "on or after the day the concern was raised (2 March 2026)"),
        ("2030-03-02", "must be today or earlier"),
        ("2026-03-01", "on or after the day the concern was raised (2 March 2026)"),
    ],
)
def test_an_escalation_date_before_the_concern_or_in_the_future_is_refused(
    client, settings, time_machine, escalated_on, message
):
    settings.ADMIN_REQUIRE_2FA = False
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=LONDON))
    concern, _token = raise_one()
    time_machine.move_to(datetime(2026, 3, 20, 9, tzinfo=LONDON))
    client.force_login(reader())
    response = client.post(
        f"/admin/concerns/concern/{concern.pk}/change/",
        admin_form(concern, escalation_route="gmc", escalated_on=escalated_on),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not concern.escalations.exists()
    with pytest.raises(ValidationError):
        services_concerns.record_escalation(
            concern=concern,
            route="gmc",
            escalated_on=date.fromisoformat(escalated_on),
            consent=ConcernEscalation.Consent.ANONYMOUS,
            by=None,
        )
    for day in ["2026-03-02", "2026-03-20"]:  # the day it was raised, and today
        accepted = client.post(
            f"/admin/concerns/concern/{concern.pk}/change/",
            admin_form(concern, escalation_route="gmc", escalated_on=day),
        )
        assert accepted.status_code == 302
    assert concern.escalations.count() == 2


def test_a_closed_concern_can_be_reopened_from_the_admin_page(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(reader())
    concern, token = raise_one()
    url = f"/admin/concerns/concern/{concern.pk}/change/"
    assert (
        client.post(url, admin_form(concern, status="closed", outcome="resolved")).status_code
        == 302
    )
    concern.refresh_from_db()

    # Staff change only the status: the closed concern's outcome is still in the form.
    response = client.post(url, admin_form(concern, status="in-progress"))
    assert response.status_code == 302, response.content.decode()[-2000:]
    concern.refresh_from_db()
    assert (concern.status, concern.outcome, concern.closed_at) == ("in-progress", "", None)
    assert "Status changed from Closed to In progress" in client.get(url).content.decode()
    assert concern.is_open


def test_an_outcome_on_an_open_concern_is_explained(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(reader())
    concern, _token = raise_one()
    response = client.post(
        f"/admin/concerns/concern/{concern.pk}/change/",
        admin_form(concern, status="in-progress", outcome="resolved"),
    )
    assert response.status_code == 200
    assert "Choose Closed as the status, or leave the outcome empty" in response.content.decode()


def test_the_handler_must_be_able_to_read_concerns(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(reader())
    concern = ConcernFactory()
    outsider = StaffFactory(email="outsider@nhs.net")
    response = client.post(
        f"/admin/concerns/concern/{concern.pk}/change/",
        admin_form(concern, handler=outsider.pk),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


# Logs and error reports ---------------------------------------------------------------------


def test_no_log_line_carries_concern_content(client, caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    handler = reader()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/concerns/",
            {
                "recorded_as": "undermining",
                "characteristic": "race",
                "setting": "teaching",
                "details": SECRET_TEXT,
                "email": "trainee@nhs.net",
            },
        )
        first = client.get(response["Location"]).content.decode()
        link = re.search(r'href="http://testserver(/concerns/follow-up/[^"]+/)"', first).group(1)
        client.post(link, {"text": "Another secret detail about the rota"})
        concern = Concern.objects.get()
        services_concerns.reply_to_raiser(concern=concern, text=STAFF_REPLY, by=handler)
    assert caplog.records  # the emails were logged as sent...
    for text in (SECRET_TEXT, "secret detail", STAFF_REPLY):
        assert text not in caplog.text  # ...but nothing anyone wrote


def test_error_reports_hide_what_was_posted_and_what_the_services_held(client, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services_concerns, "raise_concern", fail)
    client.raise_request_exception = False
    response = client.post(
        "/concerns/",
        {
            "recorded_as": "undermining",
            "characteristic": "race",
            "setting": "teaching",
            "details": SECRET_TEXT,
        },
    )
    assert response.status_code == 500
    report = ExceptionReporter(
        response.wsgi_request, RuntimeError, RuntimeError("x"), None
    ).get_traceback_text()
    assert "details" in report and SECRET_TEXT not in report

    monkeypatch.undo()

    def broken_create(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Concern.objects, "create", broken_create)
    try:
        services_concerns.raise_concern(
            characteristic="race",
            details=SECRET_TEXT,
            recorded_as="not-sure",
            setting="other",
        )
    except RuntimeError:
        report = ExceptionReporter(None, *sys.exc_info()).get_traceback_html()
    assert "raise_concern" in report and "not-sure" in report  # locals are shown...
    assert SECRET_TEXT not in report  # ...except what the person wrote
