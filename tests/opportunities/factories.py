from datetime import timedelta

import factory
from django.utils import timezone

from opportunities.models import Interest, Opportunity
from tests.factories import UserFactory


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    title = factory.Sequence(lambda n: f"Strategic Oversight Group place {n}")
    kind = Opportunity.Kind.OVERSIGHT_GROUP
    summary = "Lead on the development and implementation of the strategy."
    description = (
        "The Oversight Group is made up of a diverse group of trainees who lead on the "
        "development and implementation of the strategy.\n\nNew members are recruited each year."
    )
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    is_published = True


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    opportunity = factory.SubFactory(OpportunityFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.Faker("name", locale="en_GB")
    statement = "I chaired my trust's trainee forum."
