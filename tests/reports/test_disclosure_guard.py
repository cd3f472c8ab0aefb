"""The guard of the reports' disclosure control: nothing /reports/ and its CSVs publish lets a
reader work out a hidden count.

For each generated case (tests/reports/cohorts.py: small cohorts of applicants with equality
answers, concerns and mentoring over two years), a reader takes every count table of people on
the page for this year and for last year (each also the comparison year of the other's page),
and at the end the CSVs of this year's page: before one change (a new or late application, an acceptance, a
booking, a concern raised or closed, a sign-up, a match, a match accepted, someone completing),
6 minutes after it (this year's kept figures worked out again, last year's still kept) and a day
after it (both worked out again: this year's page shows both). At each moment every page and CSV must show a year the same
way (tests/reports/readings.py). Everything read becomes linear constraints over whole numbers
(tests/reports/solver.py): totals, accepted members among applicants, the mentoring tables'
links, end feedback shares of the people who completed, and counts that only grow from one
reading to the next. Integer programming then finds the smallest and largest value of every
hidden count: they must differ.

A new kind of count of people on the page must go through the year's Publication
(reports/suppression.py) and be read in tests/reports/readings.py, or the two disagree here.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction

from .cohorts import CHANGES, PREVIOUS, YEAR, Cohorts
from .conftest import grant
from .helpers import moment
from .readings import read
from .solver import hidden_ranges

pytestmark = pytest.mark.django_db

CASES = 20


def test_no_hidden_count_can_be_worked_out_before_or_after_one_change(client, equality_user):
    staff = grant(equality_user, "concerns.view_concern")
    hidden = 0
    for case in range(CASES):
        with (
            transaction.atomic(),
            time_machine.travel(moment(2027, 3, 1, 14), tick=False) as clock,
        ):
            client.force_login(staff)
            cohorts = Cohorts(seed=case)
            cache.clear()
            readings = read(client, [YEAR, PREVIOUS], csvs_of=None)
            change = cohorts.change(CHANGES[case % len(CHANGES)])
            clock.shift(timedelta(minutes=6))
            readings += read(client, [YEAR, PREVIOUS], csvs_of=None)
            clock.shift(timedelta(days=1))
            readings += read(client, [YEAR], csvs_of=YEAR)
            ranges = hidden_ranges(readings)
            pinned = {name: low for name, (low, high) in ranges.items() if low == high}
            assert not pinned, (case, change, pinned)
            hidden += len(ranges)
            transaction.set_rollback(True)
    assert hidden > 1000  # the cases hide plenty for a reader to try
