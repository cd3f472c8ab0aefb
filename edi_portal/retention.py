"""How long each kind of record is kept, in one place, and the one daily task that deletes what
is older (edi_portal.tasks.delete_expired_records).

Each app registers its kinds of record from its AppConfig.ready(), for example training:

    retention.register(
        records="Training bookings, with attendance and feedback",
        setting="BOOKING_RETENTION_DAYS",
        after="the session ended",
        delete=services.delete_old_bookings,
    )

`setting` names a number of days in the settings, counted from `after`; `delete(now=...)`
deletes the records that are older than that at `now` and returns how many went. The privacy
notice lists every rule with its days (tests/edi_portal/test_retention.py checks the notice and
the deletion of each).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Rule:
    records: str  # what is deleted, in words
    setting: str  # the setting that holds how many days they are kept
    after: str  # from when the days count, in words ("the session ended")
    delete: Callable  # (*, now) -> how many went

    @property
    def days(self):
        return getattr(settings, self.setting)


_rules = []


def register(*, records, setting, after, delete):
    _rules.append(Rule(records, setting, after, delete))


def rules():
    return list(_rules)


def delete_expired(*, now=None):
    """Run every rule: {records: how many went}. Running it twice deletes nothing more."""
    now = now or timezone.now()
    return {rule.records: rule.delete(now=now) for rule in _rules}
