"""The profile page's contact form and the volunteer's own pages, through the views."""

import pytest
from django.core import mail

from peer_support.models import ContactRequest, VolunteerProfile, VolunteerTopic
from tests.factories import UserFactory

from .factories import ContactRequestFactory, MemberFactory, TopicFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db

CONTACT = {"message": "Could we talk?", "contact_method": "email", "contact_details": ""}


def profile_form_data(topics, **changes):
    data = {
        "display_name": "Amara",
        "pronouns": "she/her",
        "grade": "registrar",
        "specialty": "paediatrics",
        "area": "greater_manchester",
        "topics": [topic.pk for topic in topics],
        "languages": "English, Igbo",
        "availability": "Evenings",
        "bio": "I trained in Lagos before moving to Manchester.",
        "monthly_request_limit": "3",
    }
    return {**data, **changes}


# The contact form on a volunteer's page.


def test_sending_a_request_confirms_on_the_page_and_by_email(
    client, django_capture_on_commit_callbacks
):
    profile = VolunteerProfileFactory(display_name="Amara")
    requester = UserFactory()
    client.force_login(requester)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/peer-support/{profile.pk}/", CONTACT, follow=True)
    assert "Your message has been sent to Amara" in response.content.decode()
    assert [m.to for m in mail.outbox] == [[profile.user.email], [requester.email]]


def test_missing_fields_get_messages_and_keep_what_was_typed(client):
    profile = VolunteerProfileFactory()
    client.force_login(UserFactory())
    response = client.post(
        f"/peer-support/{profile.pk}/", {"message": "", "contact_method": "phone"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter a message to the volunteer" in content
    assert "Enter a phone number so the volunteer can call you" in content
    response = client.post(
        f"/peer-support/{profile.pk}/", {"message": "Keep this text", "contact_method": "fax"}
    )
    assert "Keep this text" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_script_in_a_message_is_refused(client):
    profile = VolunteerProfileFactory()
    client.force_login(UserFactory())
    response = client.post(
        f"/peer-support/{profile.pk}/", {**CONTACT, "message": "<script>alert(1)</script>"}
    )
    assert response.status_code == 200
    assert "Use plain text only" in response.content.decode()
    assert "<script>alert(1)" not in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_the_daily_limit_gets_a_clear_message(client, settings):
    settings.PEER_SUPPORT_REQUESTS_PER_DAY = 1
    requester = UserFactory()
    ContactRequestFactory(requester=requester)
    profile = VolunteerProfileFactory()
    client.force_login(requester)
    response = client.post(f"/peer-support/{profile.pk}/", CONTACT)
    assert response.status_code == 429
    content = response.content.decode()
    assert "There is a problem" in content
    assert "You can send up to 1 contact requests in 24 hours" in content
    assert "Could we talk?" in content
    assert profile.contact_requests.count() == 0


def test_contacting_a_paused_volunteer_is_404_and_sends_nothing(client):
    profile = VolunteerProfileFactory(status=VolunteerProfile.Status.PAUSED)
    client.force_login(UserFactory())
    assert client.get(f"/peer-support/{profile.pk}/").status_code == 404
    assert client.post(f"/peer-support/{profile.pk}/", CONTACT).status_code == 404
    assert client.post("/peer-support/999999/", CONTACT).status_code == 404
    assert not ContactRequest.objects.exists()
    assert not mail.outbox


def test_a_volunteer_sees_their_own_profile_without_a_contact_form(client):
    profile = VolunteerProfileFactory()
    client.force_login(profile.user)
    content = client.get(f"/peer-support/{profile.pk}/").content.decode()
    assert "This is your profile" in content
    assert "Send message" not in content
    client.post(f"/peer-support/{profile.pk}/", CONTACT)
    assert not ContactRequest.objects.exists()


# The volunteer's own pages.


def test_a_member_creates_a_profile_with_consent_to_each_topic(client):
    img = TopicFactory(name="International medical graduate")
    TopicFactory(name="Parent or carer")
    member = MemberFactory()
    client.force_login(member)
    assert "Create your profile" in client.get("/peer-support/volunteer/").content.decode()
    form_page = client.get("/peer-support/volunteer/create/").content.decode()
    assert "International medical graduate: I consent to showing this on my profile" in form_page
    response = client.post("/peer-support/volunteer/create/", profile_form_data([img]), follow=True)
    assert "Your profile will be listed once an admin approves it" in response.content.decode()
    profile = member.volunteer_profile
    assert profile.status == VolunteerProfile.Status.PENDING
    assert list(profile.topics.all()) == [img]
    assert "Waiting for approval" in response.content.decode()
    # A second visit to the create page goes to the edit page.
    assert client.get("/peer-support/volunteer/create/").url == "/peer-support/volunteer/edit/"


def test_script_in_the_bio_gets_a_message_and_saves_nothing(client):
    topic = TopicFactory()
    client.force_login(MemberFactory())
    response = client.post(
        "/peer-support/volunteer/create/",
        profile_form_data([topic], bio="Hi <script>alert('x')</script>"),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Use plain text only" in content
    assert "<script>alert" not in content
    assert not VolunteerProfile.objects.exists()


def test_an_unknown_topic_gets_a_message_and_saves_nothing(client):
    client.force_login(MemberFactory())
    for topics in [["99999"], ["not-a-number"], []]:
        data = {**profile_form_data([]), "topics": topics}
        response = client.post("/peer-support/volunteer/create/", data)
        assert response.status_code == 200
        content = response.content.decode()
        assert "Choose topics from the list" in content or "Choose at least 1 topic" in content
    assert not VolunteerProfile.objects.exists()


def test_bad_monthly_limits_get_messages(client):
    topic = TopicFactory()
    client.force_login(MemberFactory())
    for value, message in [
        ("0", "of 1 or more"),
        ("500", "of 20 or fewer"),
        ("three", "Enter a whole number"),
    ]:
        response = client.post(
            "/peer-support/volunteer/create/",
            profile_form_data([topic], monthly_request_limit=value),
        )
        assert message in response.content.decode()
    assert not VolunteerProfile.objects.exists()


def test_editing_takes_the_profile_out_of_the_directory_until_approved(client):
    topic = TopicFactory()
    profile = VolunteerProfileFactory(topics=[topic])
    client.force_login(profile.user)
    response = client.post(
        "/peer-support/volunteer/edit/", profile_form_data([topic], bio="Edited"), follow=True
    )
    assert "once an admin approves them" in response.content.decode()
    profile.refresh_from_db()
    assert profile.bio == "Edited"
    assert not VolunteerProfile.objects.listed().filter(pk=profile.pk).exists()


def test_unticking_a_topic_withdraws_consent_at_once(client):
    kept, withdrawn = TopicFactory(), TopicFactory()
    profile = VolunteerProfileFactory(topics=[kept, withdrawn])
    client.force_login(profile.user)
    data = profile_form_data(
        [kept],
        **{
            name: getattr(profile, name)
            for name in ["display_name", "pronouns", "grade", "specialty", "area", "languages"]
        },
        availability=profile.availability,
        bio=profile.bio,
        monthly_request_limit=str(profile.monthly_request_limit),
    )
    client.post("/peer-support/volunteer/edit/", data)
    assert not VolunteerTopic.objects.filter(topic=withdrawn).exists()
    assert VolunteerProfile.objects.listed().filter(pk=profile.pk).exists()


def test_nobody_can_edit_someone_elses_profile(client):
    topic = TopicFactory()
    victim = VolunteerProfileFactory(display_name="Victim", topics=[topic])
    attacker = MemberFactory()
    client.force_login(attacker)
    # There is no address for another's profile; the edit page only ever shows your own.
    assert client.get("/peer-support/volunteer/edit/").status_code == 404
    data = {**profile_form_data([topic], display_name="Hacked"), "user": victim.user.pk}
    assert client.post("/peer-support/volunteer/edit/", data).status_code == 404
    assert client.post("/peer-support/volunteer/delete/").status_code == 404
    assert client.post("/peer-support/volunteer/pause/").status_code == 404
    assert client.get(f"/peer-support/volunteer/edit/?pk={victim.pk}").status_code == 404
    victim.refresh_from_db()
    assert victim.display_name == "Victim"
    assert victim.status == VolunteerProfile.Status.APPROVED
    # Creating one's own profile cannot take over another user's either.
    client.post("/peer-support/volunteer/create/", data)
    victim.refresh_from_db()
    assert victim.user_id != attacker.pk
    assert attacker.volunteer_profile.display_name == "Hacked"


def test_pause_resume_and_delete_from_the_volunteer_page(client):
    profile = VolunteerProfileFactory()
    ContactRequestFactory(profile=profile)
    client.force_login(profile.user)
    response = client.post("/peer-support/volunteer/pause/", follow=True)
    assert "Your profile is paused" in response.content.decode()
    assert not VolunteerProfile.objects.listed().exists()
    client.post("/peer-support/volunteer/resume/")
    assert VolunteerProfile.objects.listed().exists()
    assert "cannot undo" in client.get("/peer-support/volunteer/delete/").content.decode()
    response = client.post("/peer-support/volunteer/delete/", follow=True)
    assert "deleted" in response.content.decode()
    assert not VolunteerProfile.objects.exists()
    assert not ContactRequest.objects.exists()
    assert "Create your profile" in response.content.decode()
