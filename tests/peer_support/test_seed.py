import io

import pytest

from network.accounts import is_network_member
from peer_support import seed
from peer_support.models import Topic, VolunteerProfile, VolunteerTopic

pytestmark = pytest.mark.django_db


def test_seed_loads_the_topics_and_listed_demo_volunteers_and_is_idempotent():
    seed.run(io.StringIO())
    seed.run(io.StringIO())
    assert Topic.objects.count() == 11
    assert set(Topic.objects.values_list("name", flat=True)) == set(seed.TOPICS)
    listed = VolunteerProfile.objects.listed()
    assert listed.count() == len(seed.VOLUNTEERS)
    assert VolunteerTopic.objects.count() == sum(len(v["topics"]) for v in seed.VOLUNTEERS)
    assert all(is_network_member(profile.user) for profile in listed)
