"""Every kind of record has its retention period stated in the privacy notice, read from its
setting, and the daily retention task deletes what is older than that period (and nothing
newer). A kind of record registered without a maker here fails the first test."""

import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from concerns.models import Concern, GoneFollowUpLink
from edi_portal import retention
from edi_portal.models import OutboundEmail
from edi_portal.tasks import delete_expired_records
from mentoring.models import SharedCharacteristics, SignUp
from network.models import Application
from opportunities.models import Interest
from peer_support.models import ContactRequest, VolunteerProfile
from tests.concerns.factories import ConcernFactory
from tests.mentoring.factories import SignUpFactory
from tests.network.factories import ApplicationFactory
from tests.opportunities.factories import InterestFactory, OpportunityFactory
from tests.outbox.factories import OutboundEmailFactory
from tests.peer_support.factories import ContactRequestFactory, VolunteerProfileFactory
from tests.training.factories import (
    BookingFactory,
    FacilitatorOfferFactory,
    FeedbackFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    SessionRequestFactory,
)
from training.models import Booking, FacilitatorOffer, Feedback, SessionFacilitator, SessionRequest
from workstreams.models import SearchRecord

pytestmark = pytest.mark.django_db


def ago(days):
    return timezone.now() - timedelta(days=days)


def email(age):
    row = OutboundEmailFactory(status=OutboundEmail.Status.SENT)
    OutboundEmail.objects.filter(pk=row.pk).update(created_at=ago(age))
    return OutboundEmail.objects.filter(pk=row.pk)


def application(age):
    row = ApplicationFactory(status=Application.Status.DECLINED)
    Application.objects.filter(pk=row.pk).update(status_changed_at=ago(age))
    return Application.objects.filter(pk=row.pk)


def concern(age):
    row = ConcernFactory()
    Concern.objects.filter(pk=row.pk).update(created_at=ago(age))
    return Concern.objects.filter(pk=row.pk)


def gone_concern_link(age):
    row = GoneFollowUpLink.objects.create(
        token_hash=f"{age:064d}", deleted_on=timezone.localdate() - timedelta(days=age)
    )
    return GoneFollowUpLink.objects.filter(pk=row.pk)


def booking(age):
    ends = ago(age)
    session = SessionFactory(starts_at=ends - timedelta(hours=3), ends_at=ends)
    row = BookingFactory(session=session)
    FeedbackFactory(booking=row)
    return Booking.objects.filter(pk=row.pk), Feedback.objects.filter(booking=row.pk)


def session_request(age):
    row = SessionRequestFactory()
    SessionRequest.objects.filter(pk=row.pk).update(created_at=ago(age))
    return SessionRequest.objects.filter(pk=row.pk)


def contact_request(age):
    row = ContactRequestFactory()
    ContactRequest.objects.filter(pk=row.pk).update(created_at=ago(age))
    return ContactRequest.objects.filter(pk=row.pk)


def lapsed_profile(age):
    row = VolunteerProfileFactory(listed_until=timezone.localdate() - timedelta(days=age))
    return VolunteerProfile.objects.filter(pk=row.pk)


def mentoring_sign_up(age):
    row = SignUpFactory()
    SignUp.objects.filter(pk=row.pk).update(created_at=ago(age + 30), withdrawn_at=ago(age))
    SharedCharacteristics.objects.create(sign_up=row, characteristics=["carer"])
    return SignUp.objects.filter(pk=row.pk), SharedCharacteristics.objects.filter(sign_up=row.pk)


def search_record(age):
    row = SearchRecord.objects.create(
        day=timezone.localdate() - timedelta(days=age), words=f"rotas {age}", searches=1
    )
    return SearchRecord.objects.filter(pk=row.pk)


def facilitator_offer(age):
    """An offer decided `age` days ago, assigned to a session that ended `age` days ago."""
    ends = ago(age)
    session = SessionFactory(starts_at=ends - timedelta(hours=3), ends_at=ends)
    offer = FacilitatorOfferFactory(course=session.course, decided_at=ago(age))
    assignment = SessionFacilitatorFactory(session=session, offer=offer)
    return (
        FacilitatorOffer.objects.filter(pk=offer.pk),
        SessionFacilitator.objects.filter(pk=assignment.pk),
    )


def opportunity_interest(age):
    opportunity = OpportunityFactory(closes_on=timezone.localdate() - timedelta(days=age))
    return Interest.objects.filter(pk=InterestFactory(opportunity=opportunity).pk)


# The setting of each kind of record, and how to make one that is `age` days old by its rule:
# querysets that are empty once it is deleted.
MAKERS = {
    "OUTBOX_RETENTION_DAYS": email,
    "APPLICATION_RETENTION_DAYS": application,
    "CONCERN_RETENTION_DAYS": concern,
    "CONCERN_GONE_LINK_RETENTION_DAYS": gone_concern_link,
    "BOOKING_RETENTION_DAYS": booking,
    "SESSION_REQUEST_RETENTION_DAYS": session_request,
    "PEER_SUPPORT_REQUEST_RETENTION_DAYS": contact_request,
    "PEER_SUPPORT_LAPSED_PROFILE_DAYS": lapsed_profile,
    "MENTORING_RETENTION_DAYS": mentoring_sign_up,
    "SEARCH_RECORD_RETENTION_DAYS": search_record,
    "FACILITATOR_RETENTION_DAYS": facilitator_offer,
    "OPPORTUNITY_INTEREST_RETENTION_DAYS": opportunity_interest,
}
RULES = retention.rules()
# Settings of how long something is kept that are not a rule of the daily task, and why.
NOT_DAILY_RULES = {
    "SERVER_LOG_RETENTION_DAYS": "the log host deletes server logs, not the portal",
    "JOIN_ANSWERS_HOURS": "unsent answers live in the session, which expires; expired sessions "
    "are deleted hourly (edi_portal.tasks.clear_expired_sessions)",
    "STORY_WITHDRAWN_FILES_HOURS": "a withdrawn story's files are deleted at once, and a beat "
    "task that runs this often deletes any left (stories.tasks.delete_withdrawn_story_files)",
}


def test_every_setting_of_how_long_something_is_kept_is_a_rule_or_says_why_not():
    names = {
        name
        for name in dir(django_settings)
        if re.search(r"RETENTION|LAPSED|_HOURS$", name)
        and isinstance(getattr(django_settings, name), int)
    }
    assert names - set(NOT_DAILY_RULES) == {rule.setting for rule in RULES}
    assert set(NOT_DAILY_RULES) <= names  # no reason kept for a setting that has gone


def test_every_kind_of_record_has_a_rule_tested_here():
    assert {rule.setting for rule in RULES} == set(MAKERS)
    assert len(RULES) == len(MAKERS)  # one rule a setting, so each is tested below
    # The kinds the privacy notice has always promised to delete, and those it now does.
    assert {
        "OUTBOX_RETENTION_DAYS",
        "BOOKING_RETENTION_DAYS",
        "SESSION_REQUEST_RETENTION_DAYS",
        "MENTORING_RETENTION_DAYS",
        "PEER_SUPPORT_REQUEST_RETENTION_DAYS",
        "SEARCH_RECORD_RETENTION_DAYS",
    } <= set(MAKERS)


def test_the_retention_task_runs_daily():
    entry = django_settings.CELERY_BEAT_SCHEDULE["delete-expired-records"]
    assert entry["task"] == "edi_portal.tasks.delete_expired_records"


def queries(made):
    return made if isinstance(made, tuple) else (made,)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.setting)
def test_the_notice_states_each_period_and_the_task_deletes_what_is_older(client, settings, rule):
    days = 37
    setattr(settings, rule.setting, days)
    notice = " ".join(client.get("/privacy/").text.split())
    assert f'{rule.records}</td> <td class="nhsuk-table__cell">{days} days after {rule.after}' in (
        notice
    )
    older, newer = MAKERS[rule.setting](days + 2), MAKERS[rule.setting](days - 2)
    counts = delete_expired_records.delay().get()
    assert counts[rule.records] == 1
    assert not any(query.exists() for query in queries(older))
    assert all(query.exists() for query in queries(newer))
    assert delete_expired_records.delay().get()[rule.records] == 0  # nothing more the next day


@pytest.mark.parametrize(
    ("setting", "section"),
    [
        ("BOOKING_RETENTION_DAYS", "booking-a-training-session"),
        ("BOOKING_RETENTION_DAYS", "feedback-on-a-training-session"),
        ("SESSION_REQUEST_RETENTION_DAYS", "requesting-a-session"),
        ("MENTORING_RETENTION_DAYS", "mentoring"),
        ("MENTORING_RETENTION_DAYS", "mentoring-check-ins-and-feedback"),
        ("PEER_SUPPORT_REQUEST_RETENTION_DAYS", "contacting-a-peer-supporter"),
        ("PEER_SUPPORT_LAPSED_PROFILE_DAYS", "volunteering-as-a-peer-supporter"),
        ("SEARCH_RECORD_RETENTION_DAYS", "searching-the-website"),
        ("CONCERN_RETENTION_DAYS", "raising-a-concern"),
        ("CONCERN_GONE_LINK_RETENTION_DAYS", "raising-a-concern"),
        ("APPLICATION_RETENTION_DAYS", "applying-to-join"),
        ("FACILITATOR_RETENTION_DAYS", "offering-to-facilitate"),
        ("OPPORTUNITY_INTEREST_RETENTION_DAYS", "expressing-interest-in-an-opportunity"),
    ],
)
def test_each_forms_section_states_the_period_of_what_it_collects(
    client, settings, setting, section
):
    setattr(settings, setting, 419)
    notice = " ".join(client.get("/privacy/").text.split())
    part = notice.split(f'<h3 id="{section}">')[1].split("<h3")[0]
    assert "419 days" in part


def test_the_notice_says_how_long_sent_emails_are_kept(client, settings):
    settings.OUTBOX_RETENTION_DAYS = 23
    notice = " ".join(client.get("/privacy/").text.split())
    assert "We delete each email 23 days after it was written" in notice
