"""The peer support services: approval, edits, consent, pausing, deletion, renewal, retention."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from edi_portal.models import OutboundEmail
from peer_support import services
from peer_support.models import ContactRequest, VolunteerProfile, end_of_academic_year

from .factories import (
    ContactRequestFactory,
    MemberFactory,
    TopicFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db

DETAILS = {
    "display_name": "Amara",
    "pronouns": "she/her",
    "grade": "registrar",
    "specialty": "paediatrics",
    "area": "greater_manchester",
    "languages": "English, Igbo",
    "availability": "Evenings",
    "bio": "Happy to talk.",
    "monthly_request_limit": 3,
}


def listed_ids():
    return set(VolunteerProfile.objects.listed().values_list("pk", flat=True))


def test_end_of_academic_year_is_31_july():
    assert end_of_academic_year(date(2026, 11, 22)) == date(2027, 7, 31)
    assert end_of_academic_year(date(2027, 7, 31)) == date(2027, 7, 31)
    assert end_of_academic_year(date(2027, 8, 1)) == date(2028, 7, 31)


def test_new_profile_waits_for_approval_then_is_listed_and_volunteer_told(
    django_capture_on_commit_callbacks,
):
    topic = TopicFactory()
    member = MemberFactory()
    profile = services.create_profile(user=member, details=DETAILS, topics=[topic])
    assert profile.status == VolunteerProfile.Status.PENDING
    assert profile.pk not in listed_ids()
    assert profile.topic_consents.get().consented_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        assert services.approve_profiles(profiles=VolunteerProfile.objects.all()) == 1
    assert profile.pk in listed_ids()
    assert mail.outbox[-1].to == [member.email]
    assert "approved" in mail.outbox[-1].body
    # Approving again changes nothing and sends nothing.
    assert services.approve_profiles(profiles=VolunteerProfile.objects.all()) == 0


def test_an_edit_needs_approval_again():
    topic = TopicFactory()
    profile = VolunteerProfileFactory(topics=[topic])
    services.update_profile(profile=profile, details={**DETAILS, "bio": "New bio"}, topics=[topic])
    profile.refresh_from_db()
    assert profile.status == VolunteerProfile.Status.PENDING
    assert profile.approved_at is None
    assert profile.pk not in listed_ids()


def test_adding_a_topic_needs_approval_again():
    first, second = TopicFactory(), TopicFactory()
    profile = VolunteerProfileFactory(topics=[first], **DETAILS)
    services.update_profile(profile=profile, details=DETAILS, topics=[first, second])
    profile.refresh_from_db()
    assert profile.status == VolunteerProfile.Status.PENDING


def test_withdrawing_a_topic_consent_removes_it_at_once_and_keeps_the_listing():
    kept, withdrawn = TopicFactory(), TopicFactory()
    profile = VolunteerProfileFactory(topics=[kept, withdrawn], **DETAILS)
    consented_at = profile.topic_consents.get(topic=kept).consented_at
    services.update_profile(profile=profile, details=DETAILS, topics=[kept])
    profile.refresh_from_db()
    assert list(profile.topics.all()) == [kept]
    assert profile.topic_consents.get().consented_at == consented_at
    assert profile.status == VolunteerProfile.Status.APPROVED
    assert profile.pk in listed_ids()


def test_changing_only_the_monthly_limit_keeps_the_listing():
    topic = TopicFactory()
    profile = VolunteerProfileFactory(topics=[topic], **DETAILS)
    services.update_profile(
        profile=profile, details={**DETAILS, "monthly_request_limit": 8}, topics=[topic]
    )
    profile.refresh_from_db()
    assert profile.monthly_request_limit == 8
    assert profile.status == VolunteerProfile.Status.APPROVED


def test_pause_and_resume():
    profile = VolunteerProfileFactory()
    services.pause_profile(profile=profile)
    assert profile.pk not in listed_ids()
    services.resume_profile(profile=profile)
    assert profile.pk in listed_ids()


def test_resuming_after_an_edit_while_paused_goes_back_to_the_queue():
    topic = TopicFactory()
    profile = VolunteerProfileFactory(topics=[topic])
    services.pause_profile(profile=profile)
    services.update_profile(profile=profile, details={**DETAILS, "bio": "Edited"}, topics=[topic])
    services.resume_profile(profile=profile)
    profile.refresh_from_db()
    assert profile.status == VolunteerProfile.Status.PENDING
    assert profile.pk not in listed_ids()


def test_delete_removes_profile_requests_and_relayed_emails_for_good():
    profile = VolunteerProfileFactory(topics=[TopicFactory()])
    requester = MemberFactory()
    request = services.send_contact_request(
        profile_id=profile.pk, requester=requester, message="Hello", contact_method="email"
    )
    other = ContactRequestFactory()
    assert OutboundEmail.objects.filter(idempotency_key__in=request.email_keys).count() == 2
    services.delete_profile(profile=profile)
    assert not VolunteerProfile.objects.filter(pk=profile.pk).exists()
    assert list(ContactRequest.objects.all()) == [other]
    assert not OutboundEmail.objects.filter(idempotency_key__in=request.email_keys).exists()


def test_renewal_opens_a_month_before_the_listing_lapses():
    profile = VolunteerProfileFactory(listed_until=date(2027, 7, 31))
    with time_machine.travel(date(2027, 6, 1)):
        assert services.renew_listing(profile=profile) is False
    with time_machine.travel(date(2027, 7, 2)):
        assert services.renew_listing(profile=profile) is True
    profile.refresh_from_db()
    assert profile.listed_until == date(2028, 7, 31)


def test_a_lapsed_listing_is_not_listed_and_renews_to_the_end_of_this_year():
    profile = VolunteerProfileFactory(listed_until=date(2027, 7, 31))
    with time_machine.travel(date(2027, 9, 1)):
        assert profile.pk not in listed_ids()
        services.renew_listing(profile=profile)
        assert profile.pk in listed_ids()
    profile.refresh_from_db()
    assert profile.listed_until == date(2028, 7, 31)


def test_renewal_reminder_is_sent_a_month_before_once(django_capture_on_commit_callbacks):
    due = VolunteerProfileFactory(listed_until=date(2027, 7, 31))
    VolunteerProfileFactory(listed_until=date(2028, 7, 31))
    VolunteerProfileFactory(listed_until=date(2027, 7, 31), status=VolunteerProfile.Status.PENDING)
    with time_machine.travel(date(2027, 6, 15)):
        assert services.send_renewal_reminders() == 0
    with time_machine.travel(date(2027, 7, 5)), django_capture_on_commit_callbacks(execute=True):
        assert services.send_renewal_reminders() == 1
        assert services.send_renewal_reminders() == 0
    assert [m.to for m in mail.outbox] == [[due.user.email]]
    assert "31 July 2027" in mail.outbox[0].body


def test_retention_deletes_only_old_requests(settings):
    settings.PEER_SUPPORT_REQUEST_RETENTION_DAYS = 180
    old = ContactRequestFactory(created_at=timezone.now() - timedelta(days=181))
    recent = ContactRequestFactory(created_at=timezone.now() - timedelta(days=179))
    assert services.delete_old_contact_requests(now=timezone.now()) == 1
    assert list(ContactRequest.objects.all()) == [recent]
    assert not ContactRequest.objects.filter(pk=old.pk).exists()
    assert services.delete_old_contact_requests(now=timezone.now()) == 0


def test_the_beat_schedule_runs_the_reminders_and_the_retention_task(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "peer_support.tasks.send_renewal_reminders",
        "edi_portal.tasks.delete_expired_records",
    } <= tasks


def test_the_tasks_call_the_services(settings):
    from edi_portal.tasks import delete_expired_records
    from peer_support import tasks

    ContactRequestFactory(created_at=timezone.now() - timedelta(days=400))
    assert (
        delete_expired_records.delay().get()[
            "Contact requests to peer supporters, with the emails that relayed them"
        ]
        == 1
    )
    assert tasks.send_renewal_reminders.delay().get() == 0


def test_creating_twice_keeps_the_first_profile():
    topic = TopicFactory()
    member = MemberFactory()
    first = services.create_profile(user=member, details=DETAILS, topics=[topic])
    again = services.create_profile(
        user=member, details={**DETAILS, "display_name": "Other"}, topics=[topic]
    )
    assert again == first
    assert VolunteerProfile.objects.get().display_name == "Amara"
