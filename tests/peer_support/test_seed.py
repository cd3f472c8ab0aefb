import io

import pytest
from django.core.management import call_command

from network.accounts import is_network_member, is_verified_trainee
from network.models import Membership
from peer_support import seed
from peer_support.models import Topic, VolunteerProfile

pytestmark = pytest.mark.django_db


def test_seed_alone_makes_its_own_members_and_is_idempotent():
    seed.run(io.StringIO())
    seed.run(io.StringIO())
    assert set(Topic.objects.values_list("name", flat=True)) == set(seed.TOPICS)
    assert Topic.objects.count() == 11
    listed = VolunteerProfile.objects.listed()
    assert listed.count() == len(seed.VOLUNTEERS)
    assert Membership.objects.count() == len(seed.VOLUNTEERS)
    for profile in listed:
        assert is_network_member(profile.user)
        assert is_verified_trainee(profile.user)
        assert profile.topics.exists()


def test_seed_demo_makes_volunteers_of_the_network_seeds_members():
    for _ in range(2):
        call_command("seed_demo", stdout=io.StringIO())
    members = Membership.objects.count()
    listed = VolunteerProfile.objects.listed()
    assert 0 < listed.count() == min(members, len(seed.VOLUNTEERS))
    assert all(is_network_member(profile.user) for profile in listed)
    assert set(listed.values_list("user__email", flat=True)) <= set(
        Membership.objects.values_list("email", flat=True)
    )
