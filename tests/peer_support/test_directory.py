"""The directory: what is listed, filters, search, pagination, query counts, no email addresses."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peer_support.models import ContactRequest, VolunteerProfile
from tests.factories import UserFactory

from .factories import ContactRequestFactory, TopicFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee_client(client):
    client.force_login(UserFactory())
    return client


def listed_names(response):
    return [profile.display_name for profile in response.context["page_obj"]]


def test_only_approved_current_profiles_are_listed_or_searchable(trainee_client):
    VolunteerProfileFactory(display_name="Listed", bio="shared word")
    VolunteerProfileFactory(
        display_name="Paused", status=VolunteerProfile.Status.PAUSED, bio="shared word"
    )
    VolunteerProfileFactory(
        display_name="Waiting", status=VolunteerProfile.Status.PENDING, bio="shared word"
    )
    lapsed = VolunteerProfileFactory(display_name="Lapsed", bio="shared word")
    VolunteerProfile.objects.filter(pk=lapsed.pk).update(listed_until="2020-07-31")
    for query in ["", "?q=shared", "?q=Paused", "?q=Waiting", "?q=Lapsed"]:
        response = trainee_client.get(f"/peer-support/{query}")
        assert set(listed_names(response)) <= {"Listed"}
        content = response.content.decode()
        for hidden in ["Paused", "Waiting", "Lapsed"]:
            # The search box shows what was searched for; the name must appear nowhere else.
            assert content.count(hidden) == query.count(hidden)
    for hidden in VolunteerProfile.objects.exclude(display_name="Listed"):
        assert trainee_client.get(f"/peer-support/{hidden.pk}/").status_code == 404


def test_filters_by_topic_area_specialty_and_language(trainee_client):
    img = TopicFactory(name="International medical graduate", slug="img")
    parent = TopicFactory(name="Parent or carer", slug="parent")
    VolunteerProfileFactory(
        display_name="Amara",
        topics=[img, parent],
        area="greater_manchester",
        specialty="paediatrics",
        languages="English, Igbo",
    )
    VolunteerProfileFactory(
        display_name="Imran",
        topics=[parent],
        area="lancashire_south_cumbria",
        specialty="general-practice",
        languages="English, Urdu",
    )
    cases = {
        "?topic=img": ["Amara"],
        "?topic=parent": ["Amara", "Imran"],
        "?area=lancashire_south_cumbria": ["Imran"],
        "?specialty=paediatrics": ["Amara"],
        "?language=urdu": ["Imran"],
        "?topic=parent&language=igbo": ["Amara"],
        "?topic=img&area=lancashire_south_cumbria": [],
    }
    for query, expected in cases.items():
        assert listed_names(trainee_client.get(f"/peer-support/{query}")) == expected, query


def test_search_covers_display_names_and_bios(trainee_client):
    VolunteerProfileFactory(display_name="Amara", bio="I moved from Lagos.")
    VolunteerProfileFactory(display_name="Sam", bio="Autistic psychiatry trainee.")
    assert listed_names(trainee_client.get("/peer-support/?q=lagos")) == ["Amara"]
    assert listed_names(trainee_client.get("/peer-support/?q=sam")) == ["Sam"]
    assert listed_names(trainee_client.get("/peer-support/?q=nobody")) == []


def test_bad_filters_get_a_message_not_a_500(trainee_client):
    VolunteerProfileFactory()
    for query, message in [
        ("?topic=no-such-topic", "Choose a topic from the list"),
        ("?area=mars", "Choose an area from the list"),
        ("?specialty=<script>", "Choose a specialty from the list"),
        ("?q=" + "x" * 101, "Search for 100 characters or fewer"),
    ]:
        response = trainee_client.get(f"/peer-support/{query}")
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
        assert message in response.content.decode()
        assert listed_names(response) == []
    assert trainee_client.get("/peer-support/?page=999").status_code == 404
    assert trainee_client.get("/peer-support/?page=abc").status_code == 404


def test_pagination_keeps_the_filters(trainee_client):
    topic = TopicFactory(slug="img")
    for n in range(25):
        VolunteerProfileFactory(display_name=f"Volunteer {n:02d}", topics=[topic])
    first = trainee_client.get("/peer-support/?topic=img")
    assert len(listed_names(first)) == 20
    assert 'href="?topic=img&amp;page=2"' in first.content.decode()
    second = trainee_client.get("/peer-support/?topic=img&page=2")
    assert len(listed_names(second)) == 5


def test_a_full_volunteer_is_marked_as_not_taking_requests(trainee_client):
    full = VolunteerProfileFactory(monthly_request_limit=1, display_name="Full")
    ContactRequestFactory(profile=full)
    content = trainee_client.get("/peer-support/").content.decode()
    assert "Not taking new requests" in content
    profile_page = trainee_client.get(f"/peer-support/{full.pk}/").content.decode()
    assert "Full is not taking new requests this month" in profile_page
    assert "Send message" not in profile_page


def test_every_directory_page_signposts_urgent_help(trainee_client):
    profile = VolunteerProfileFactory()
    for path in ["/peer-support/", f"/peer-support/{profile.pk}/", "/peer-support/?q=zzz"]:
        content = trainee_client.get(path).content.decode()
        assert "NHS Practitioner Health" in content
        assert "116 123" in content
        assert 'href="/support/domestic-abuse/"' in content


def make_volunteers(count):
    """Volunteers with 3 topics each and some requests, so every prefetch has rows to fetch."""
    topics = [TopicFactory(slug=f"topic-{n}") for n in range(3)]
    for profile in VolunteerProfileFactory.create_batch(count, topics=topics):
        ContactRequestFactory(profile=profile, requester=profile.user)


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_directory_makes_the_same_number_of_queries_with_5_and_300_volunteers(
    trainee_client,
):
    make_volunteers(5)
    small = {path: count_queries(trainee_client, path) for path in ["/peer-support/"]}
    make_volunteers(295)
    assert VolunteerProfile.objects.listed().count() == 300
    large = {path: count_queries(trainee_client, path) for path in ["/peer-support/"]}
    assert small == large
    print(f"directory queries: 5 volunteers {small}, 300 volunteers {large}")


EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def test_no_directory_or_profile_page_contains_a_volunteer_email_address(client):
    topic = TopicFactory(slug="img")
    volunteers = [VolunteerProfileFactory(topics=[topic]) for _ in range(3)]
    full = VolunteerProfileFactory(monthly_request_limit=1, topics=[topic])
    ContactRequestFactory(profile=full)
    volunteers.append(full)
    viewer = UserFactory()
    client.force_login(viewer)
    addresses = {profile.user.email for profile in volunteers}
    paths = ["/peer-support/", "/peer-support/?topic=img", "/peer-support/?q=a"]
    paths += [f"/peer-support/{profile.pk}/" for profile in volunteers]
    for path in paths:
        content = client.get(path).content.decode()
        assert not addresses & set(EMAIL.findall(content)), path
    # After sending a request the page still shows no address.
    response = client.post(
        f"/peer-support/{volunteers[0].pk}/",
        {"message": "Hello", "contact_method": "email", "contact_details": ""},
        follow=True,
    )
    assert ContactRequest.objects.filter(requester=viewer).count() == 1
    assert not addresses & set(EMAIL.findall(response.content.decode()))
