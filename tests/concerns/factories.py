import hashlib

import factory
from django.utils import timezone

from concerns.models import Concern
from edi_portal.working_days import add_working_days

# The concern form's required choices, for tests that post a concern about something else.
CONCERN_CHOICES = {
    "recorded_as": Concern.RecordedAs.DISCRIMINATION,
    "characteristic": Concern.Characteristic.RACE,
    "setting": Concern.Setting.PLACEMENT,
}


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concern

    reference = factory.Sequence(lambda n: f"C-TEST{n:04d}")
    recorded_as = Concern.RecordedAs.DISCRIMINATION
    characteristic = Concern.Characteristic.RACE
    setting = Concern.Setting.PLACEMENT
    details = "Something happened on the ward."
    follow_up_token_hash = factory.Sequence(
        lambda n: hashlib.sha256(f"token-{n}".encode()).hexdigest()
    )
    acknowledge_by = factory.LazyAttribute(
        lambda concern: add_working_days(timezone.localdate(concern.created_at), 2)
    )
    respond_by = factory.LazyAttribute(
        lambda concern: add_working_days(timezone.localdate(concern.created_at), 20)
    )
    created_at = factory.LazyFunction(timezone.now)
