from datetime import timedelta

import factory
from django.utils import timezone

from network.models import (
    Application,
    Area,
    Cohort,
    EqualityMonitoring,
    Grade,
    Profession,
)
from workstreams.models import Workstream


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort open for applications now."""

    class Meta:
        model = Cohort
        django_get_or_create = ["name"]

    name = "2026-27"
    applications_open = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    applications_close = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Workstream {n}")
    slug = factory.Sequence(lambda n: f"workstream-{n}")
    summary = "Work together on something that matters."
    order = factory.Sequence(lambda n: n)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    reference = factory.Sequence(lambda n: f"EDI-T{n:07d}")
    full_name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"applicant{n}@nhs.net")
    profession = Profession.MEDICINE
    grade = Grade.REGISTRAR
    specialty = "Paediatrics"
    employing_trust = "Manchester University NHS Foundation Trust"
    area = Area.GREATER_MANCHESTER
    motivation = "I want to make training fairer for everyone."

    @factory.post_generation
    def workstreams(self, create, extracted, **kwargs):
        if create:
            self.workstreams.set(extracted or [WorkstreamFactory()])

    @factory.post_generation
    def equality(self, create, extracted, **kwargs):
        """Equality answers: pass a dict; by default a few are answered."""
        if create:
            answers = extracted if extracted is not None else {"sex": "female", "age_band": "30_34"}
            EqualityMonitoring.objects.create(application=self, **answers)
