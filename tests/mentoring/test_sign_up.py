"""Signing up: question pages, check your answers, the acknowledgement email."""

import pytest

from edi_portal.models import OutboundEmail
from mentoring.models import SharedCharacteristics, SignUp
from tests.factories import UserFactory

from .factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

MENTOR_ANSWERS = {
    "your-role": {
        "role": "mentor",
        "full_name": "Dr Ayesha Rahman",
        "grade": "consultant",
        "specialty": "psychiatry",
        "area": "greater_manchester",
        "employer": "Pennine Care NHS Foundation Trust",
    },
    "topics": {"topics": ["img_transition", "exams"], "hopes": "Share what helped me"},
    "preferences": {
        "specialty_preference": "same",
        "area_preference": "any",
        "meeting_mode": "online",
        "capacity": "2",
    },
    "sharing": {"characteristics": ["img"]},
}


def sign_up(client, programme, answers):
    base = f"/mentoring/{programme.slug}/sign-up/"
    response = client.get(base)
    assert response.status_code == 302
    for step, data in answers.items():
        response = client.post(f"{base}{step}/", data)
        assert response.status_code == 302, response.content.decode()
    check = client.get(f"{base}check/")
    assert check.status_code == 200
    return check, client.post(f"{base}check/")


def test_a_mentor_signs_up_and_gets_an_email(client):
    programme = ProgrammeFactory(name="IMG mentoring")
    user = UserFactory()
    client.force_login(user)
    check, done = sign_up(client, programme, MENTOR_ANSWERS)
    html = check.content.decode()
    assert "Starting work in the NHS as an international graduate" in html
    assert "Consultant or GP" in html
    assert done.url == f"/mentoring/{programme.slug}/sign-up/done/"
    record = SignUp.objects.get()
    assert (record.user, record.role, record.capacity) == (user, "mentor", 2)
    assert record.topics == ["img_transition", "exams"]
    assert SharedCharacteristics.objects.get(sign_up=record).characteristics == ["img"]
    email = OutboundEmail.objects.get(to=user.email)
    assert "IMG mentoring" in email.subject
    assert "International medical graduate" not in email.text_body
    # A second visit goes back to the programme page, which says they have signed up.
    assert client.get(f"/mentoring/{programme.slug}/sign-up/").status_code == 302
    assert "You signed up" in client.get(f"/mentoring/{programme.slug}/").content.decode()


def test_a_mentee_gets_capacity_one_and_may_share_nothing(client):
    programme = ProgrammeFactory()
    client.force_login(UserFactory())
    answers = {
        **MENTOR_ANSWERS,
        "your-role": {**MENTOR_ANSWERS["your-role"], "role": "mentee", "grade": "fy2"},
        "preferences": {**MENTOR_ANSWERS["preferences"], "capacity": "4"},
        "sharing": {},
    }
    sign_up(client, programme, answers)
    record = SignUp.objects.get()
    assert (record.role, record.capacity) == ("mentee", 1)
    assert not SharedCharacteristics.objects.exists()


def test_the_programme_rules_on_grades_are_checked(client):
    programme = ProgrammeFactory(mentor_grades=["consultant", "educator"])
    client.force_login(UserFactory())
    data = {**MENTOR_ANSWERS["your-role"], "grade": "fy1"}
    response = client.post(f"/mentoring/{programme.slug}/sign-up/your-role/", data)
    assert response.status_code == 200
    assert "This programme does not take a mentor at this grade" in response.content.decode()


def test_check_your_answers_sends_you_back_to_a_missing_page(client):
    programme = ProgrammeFactory()
    client.force_login(UserFactory())
    client.post(f"/mentoring/{programme.slug}/sign-up/your-role/", MENTOR_ANSWERS["your-role"])
    response = client.post(f"/mentoring/{programme.slug}/sign-up/check/")
    assert response.url == f"/mentoring/{programme.slug}/sign-up/topics/"
    assert not SignUp.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"role": "boss", "grade": "x", "specialty": "<script>", "area": "moon"},
        {"role": ["mentor", "mentee"], "full_name": "x" * 5000},
    ],
)
def test_bad_input_gets_messages_not_errors(client, data):
    programme = ProgrammeFactory()
    client.force_login(UserFactory())
    response = client.post(f"/mentoring/{programme.slug}/sign-up/your-role/", data)
    assert response.status_code == 200
    assert "nhsuk-error-summary" in response.content.decode()


def test_who_may_sign_up(client):
    programme = ProgrammeFactory()
    path = f"/mentoring/{programme.slug}/sign-up/your-role/"
    assert client.get(path).url.startswith("/accounts/login/")
    client.force_login(UserFactory(verified=False))
    assert client.get(path).status_code == 403
    closed = ProgrammeFactory(sign_up_opens_on=None)
    client.force_login(UserFactory())
    assert client.get(f"/mentoring/{closed.slug}/sign-up/your-role/").url == (
        f"/mentoring/{closed.slug}/"
    )
    assert client.get(f"/mentoring/{programme.slug}/sign-up/nope/").status_code == 404
