"""Contact requests: relayed to the volunteer, confirmed to the requester, and limited."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from peer_support import services
from peer_support.models import ContactRequest, VolunteerProfile

from .factories import ContactRequestFactory, MemberFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db


def send(profile, requester, message="Could we talk about exams?"):
    return services.send_contact_request(
        profile_id=profile.pk,
        requester=requester,
        message=message,
        contact_method="phone",
        contact_details="07700 900123, after 6pm",
    )


def test_volunteer_gets_message_and_requester_address_requester_gets_confirmation_without_volunteer_address(
    django_capture_on_commit_callbacks,
):
    profile = VolunteerProfileFactory(display_name="Amara")
    requester = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send(profile, requester, message="I am an IMG starting ST1 and feel lost.")

    to_volunteer, to_requester = mail.outbox
    assert to_volunteer.to == [profile.user.email]
    assert "I am an IMG starting ST1 and feel lost." in to_volunteer.body
    assert requester.email in to_volunteer.body
    assert "Phone call" in to_volunteer.body
    assert "07700 900123, after 6pm" in to_volunteer.body

    assert to_requester.to == [requester.email]
    assert "Amara" in to_requester.body
    for part in [to_requester.body, to_requester.alternatives[0][0], to_requester.subject]:
        assert profile.user.email not in part
    assert "116 123" in to_requester.body


def test_a_request_to_a_paused_or_unapproved_volunteer_is_refused_and_changes_nothing():
    requester = MemberFactory()
    for profile in [
        VolunteerProfileFactory(status=VolunteerProfile.Status.PAUSED),
        VolunteerProfileFactory(status=VolunteerProfile.Status.PENDING),
        VolunteerProfileFactory(listed_until=timezone.localdate() - timedelta(days=1)),
    ]:
        with pytest.raises(services.VolunteerNotListed):
            send(profile, requester)
    assert not ContactRequest.objects.exists()
    assert not mail.outbox


def test_a_volunteer_cannot_contact_themselves():
    profile = VolunteerProfileFactory()
    with pytest.raises(services.VolunteerNotListed):
        send(profile, profile.user)


def test_daily_limit_per_requester_with_a_clear_message(settings):
    settings.PEER_SUPPORT_REQUESTS_PER_DAY = 2
    requester = MemberFactory()
    ContactRequestFactory(requester=requester, created_at=timezone.now() - timedelta(hours=25))
    send(VolunteerProfileFactory(), requester)
    send(VolunteerProfileFactory(), requester)
    with pytest.raises(services.RequestLimitReached) as refusal:
        send(VolunteerProfileFactory(), requester)
    assert "up to 2 contact requests in 24 hours" in str(refusal.value)
    assert "You can send another after" in str(refusal.value)
    assert ContactRequest.objects.filter(requester=requester).count() == 3
    # Other trainees are not affected.
    send(VolunteerProfileFactory(), MemberFactory())


def test_volunteer_monthly_limit_stops_requests_and_the_profile_says_so(settings):
    settings.PEER_SUPPORT_REQUESTS_PER_DAY = 10
    profile = VolunteerProfileFactory(monthly_request_limit=2, display_name="Sam")
    send(profile, MemberFactory())
    assert profile.is_taking_requests
    send(profile, MemberFactory())
    assert not profile.is_taking_requests
    with pytest.raises(services.VolunteerNotTakingRequests) as refusal:
        send(profile, MemberFactory())
    assert "Sam is not taking new requests this month" in str(refusal.value)
    assert profile.contact_requests.count() == 2


def test_last_months_requests_do_not_count_towards_this_month():
    profile = VolunteerProfileFactory(monthly_request_limit=1)
    ContactRequestFactory(profile=profile, created_at=timezone.now() - timedelta(days=40))
    assert profile.is_taking_requests


@pytest.mark.django_db(transaction=True)
def test_daily_limit_holds_under_10_simultaneous_requests(settings):
    settings.PEER_SUPPORT_REQUESTS_PER_DAY = 3
    requester = MemberFactory()
    profiles = [VolunteerProfileFactory(monthly_request_limit=20) for _ in range(10)]
    barrier = threading.Barrier(10)
    outcomes = []

    def post(profile):
        try:
            barrier.wait()
            send(profile, requester)
            outcomes.append("sent")
        except services.RequestLimitReached:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(profile,)) for profile in profiles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused"] * 7 + ["sent"] * 3
    assert ContactRequest.objects.filter(requester=requester).count() == 3


@pytest.mark.django_db(transaction=True)
def test_monthly_limit_holds_under_10_simultaneous_requests(settings):
    profile = VolunteerProfileFactory(monthly_request_limit=4)
    requesters = [MemberFactory() for _ in range(10)]
    barrier = threading.Barrier(10)
    outcomes = []

    def post(requester):
        try:
            barrier.wait()
            send(profile, requester)
            outcomes.append("sent")
        except services.VolunteerNotTakingRequests:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(requester,)) for requester in requesters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused"] * 6 + ["sent"] * 4
    assert profile.contact_requests.count() == 4
