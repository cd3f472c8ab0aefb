from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories import UserFactory, WorkstreamFactory
from training.models import (
    Booking,
    Course,
    FacilitatorOffer,
    Feedback,
    Session,
    SessionFacilitator,
    SessionRequest,
)


class ActiveBystanderWorkstreamFactory(WorkstreamFactory):
    """Every course in these tests belongs to the one Active Bystander Training workstream."""

    name = "Active Bystander Training"
    slug = "active-bystander-training"


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    name = factory.Sequence(lambda n: f"Active Bystander Training {n}")
    slug = factory.Sequence(lambda n: f"active-bystander-training-{n}")
    workstream = factory.SubFactory(ActiveBystanderWorkstreamFactory)
    summary = "Build the skills and confidence to challenge unacceptable behaviour."
    description = "A practical, interactive session."
    duration = "3 hours"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=30)).replace(minute=0, second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    format = Session.Format.IN_PERSON
    venue = "Health Education Centre"
    address = "3 Piccadilly Place, Manchester M1 3BN"
    capacity = 20
    facilitators = "Dr Amara Okafor, Dr James Whitworth"

    class Params:
        online = factory.Trait(
            format=Session.Format.ONLINE,
            venue="",
            address="",
            joining_link="https://teams.example.nhs.net/l/meetup-join/secret-abc123",
        )


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"educator{n}@nhs.net")
    role = Booking.Role.CONSULTANT
    organisation = "Manchester University NHS Foundation Trust"
    department = "Emergency department"
    consent = True
    status = Booking.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    booking = factory.SubFactory(BookingFactory)
    usefulness = 5
    applicability = 4
    improved_knowledge = 4
    confidence_before = 2
    confidence_after = 4


class SessionRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionRequest

    contact_name = "Dr Priya Shah"
    contact_email = "priya.shah@nhs.net"
    organisation = "Lancashire Teaching Hospitals NHS Foundation Trust"
    department = "Obstetrics and gynaecology"
    audience = "Consultants and registrars"
    group_size = 18
    preferred_dates = "Any Wednesday afternoon in March"


class FacilitatorOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilitatorOffer

    course = factory.SubFactory(CourseFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.Faker("name", locale="en_GB")
    role = FacilitatorOffer.Role.CO_FACILITATE
    statement = "I have led bystander workshops for medical students."
    may_be_named = True
    status = FacilitatorOffer.Status.APPROVED


class SessionFacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionFacilitator

    session = factory.SubFactory(SessionFactory)
    offer = factory.SubFactory(
        FacilitatorOfferFactory, course=factory.SelfAttribute("..session.course")
    )
