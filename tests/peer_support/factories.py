import factory
from django.utils import timezone

from network.models import Area, Grade, Membership, Specialty
from peer_support.models import (
    ContactRequest,
    Topic,
    VolunteerProfile,
    VolunteerTopic,
    end_of_academic_year,
)
from tests.factories import UserFactory
from tests.network.factories import CohortFactory


class MemberFactory(UserFactory):
    """A verified trainee with a membership of the network."""

    @factory.post_generation
    def membership(self, create, extracted, **kwargs):
        if create:
            Membership.objects.create(
                cohort=CohortFactory(), email=self.email, user=self, full_name=self.get_full_name()
            )


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: topic.name.lower().replace(" ", "-"))


class VolunteerProfileFactory(factory.django.DjangoModelFactory):
    """An approved, listed volunteer (pass status=... for others)."""

    class Meta:
        model = VolunteerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(MemberFactory)
    display_name = factory.Faker("first_name", locale="en_GB")
    pronouns = "they/them"
    grade = Grade.REGISTRAR
    specialty = Specialty.MEDICINE
    area = Area.GREATER_MANCHESTER
    languages = "English"
    availability = "Weekday evenings"
    bio = "I am happy to talk about training."
    monthly_request_limit = 5
    status = VolunteerProfile.Status.APPROVED
    approved_at = factory.LazyAttribute(
        lambda p: timezone.now() if p.status == VolunteerProfile.Status.APPROVED else None
    )
    listed_until = factory.LazyFunction(lambda: end_of_academic_year(timezone.localdate()))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            for topic in extracted or []:
                VolunteerTopic.objects.create(profile=self, topic=topic)


class ContactRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactRequest

    profile = factory.SubFactory(VolunteerProfileFactory)
    requester = factory.SubFactory(UserFactory)
    message = "Could we talk about returning to training?"
    contact_method = ContactRequest.ContactMethod.EMAIL
