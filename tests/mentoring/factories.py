from datetime import timedelta

import factory
from django.utils import timezone

from mentoring.models import Kind, Programme, Role, SignUp
from tests.factories import UserFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A published programme taking sign-ups today."""

    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Mentoring programme {n}")
    slug = factory.Sequence(lambda n: f"mentoring-programme-{n}")
    kind = Kind.ONE_WAY
    summary = "Mentoring for trainees."
    description = "Senior educators mentor trainees."
    who_may_mentor = "Consultants and senior educators"
    who_may_be_mentored = "Trainees"
    sign_up_opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    sign_up_closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=21))
    expected_length = "6 months"
    meeting_frequency = "Once a month"


class SignUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignUp

    programme = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)
    full_name = factory.Faker("name", locale="en_GB")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "someone@nhs.net")
    role = Role.MENTEE
    grade = "registrar"
    specialty = "medicine"
    area = "greater_manchester"
    topics = factory.LazyFunction(lambda: ["leadership"])


class MentorFactory(SignUpFactory):
    role = Role.MENTOR
    grade = "consultant"
    capacity = 2
