"""The figures are cached, section by section: a past year's for a day, the current year's for a
few minutes, with the time they were worked out on the page. CSVs match the page they were
downloaded from. A section's figures, worked out on their own, hide what they would if the whole
year were worked out at once."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction

from network.models import Application, EqualityMonitoring, EthnicGroup
from reports import figures
from reports.figures import CURRENT_YEAR_MINUTES
from reports.sections import SECTIONS, Year, Years
from reports.suppression import HIDDEN_TEXT, Publication
from tests.network.factories import CohortFactory

from . import bulk
from .cohorts import Cohorts
from .helpers import as_dict, csv_table, moment, page_tables, report_html
from .readings import reading_of
from .solver import Reading, hidden_ranges

pytestmark = pytest.mark.django_db

STATUS = "network-applications-by-status"
YEAR, PREVIOUS = "2026-27", "2025-26"


def all_applications(client, year):
    response = client.get("/reports/network/", {"year": year})
    assert response.status_code == 200
    return as_dict(page_tables(response.content.decode())[STATUS])["All applications"], response


def add_application(cohort, ethnic_group):
    number = Application.objects.count()
    (application,) = Application.objects.bulk_create([bulk.application(cohort, number)])
    EqualityMonitoring.objects.create(application=application, ethnic_group=ethnic_group)


@pytest.fixture(autouse=True)
def traveller():
    """14:00 on 1 March 2027, with the clock still, before anyone signs in."""
    with time_machine.travel(moment(2027, 3, 1, 14), tick=False) as traveller:
        yield traveller


def test_the_current_year_says_when_and_is_worked_out_again_after_a_few_minutes(
    reports_client, traveller
):
    bulk.applications(3)
    before, response = all_applications(reports_client, "2026-27")
    assert before == ["3", "0"]
    assert "Figures as of 14:00." in response.content.decode()

    bulk.applications(2, start=3)
    traveller.shift(timedelta(minutes=CURRENT_YEAR_MINUTES - 1))
    assert all_applications(reports_client, "2026-27")[0] == ["3", "0"]
    # The CSV is the page's copy, so the two agree.
    assert as_dict(csv_table(reports_client, STATUS, "2026-27"))["All applications"] == [
        "3",
        "0",
    ]

    traveller.shift(timedelta(minutes=2))
    after, response = all_applications(reports_client, "2026-27")
    assert after == ["5", "0"]
    assert "Figures as of 14:06." in response.content.decode()


def test_a_past_year_has_no_time_on_it(reports_client):
    bulk.applications(3, year="2025-26")
    figures, response = all_applications(reports_client, "2025-26")
    assert figures == ["3", "0"]
    assert "Figures as of" not in response.content.decode()


def year_columns(client, page_year, year):
    """{(table, group, year): (cells, total)} of every count table of people on the page for
    page_year, for the columns of `year`."""
    html = report_html(client, page_year)
    columns = reading_of(page_tables(html)).columns
    return {key: figures for key, figures in columns.items() if key[-1] == year}


def test_the_year_before_reads_as_on_its_own_page_until_both_are_worked_out_again(
    reports_client, traveller
):
    """The issue's case: last year's page was kept for a day while this year's page counted
    last year's cohort afresh, so after one late application the two pages disagreed (a cell
    "0" on one, hidden on the other, and the total 9 on one, 10 on the other), giving the new
    applicant's answer away."""
    cohort = CohortFactory(name=PREVIOUS)
    answers = [EthnicGroup.WHITE_BRITISH] * 8 + [EthnicGroup.INDIAN]
    for answer in answers:
        add_application(cohort, answer)
    own = year_columns(reports_client, PREVIOUS, PREVIOUS)
    assert all_applications(reports_client, PREVIOUS)[0] == ["9", "0"]

    add_application(cohort, EthnicGroup.AFRICAN)  # late, to last year's cohort
    traveller.shift(timedelta(minutes=CURRENT_YEAR_MINUTES + 1))  # this year's run out
    assert year_columns(reports_client, YEAR, PREVIOUS) == own
    assert all_applications(reports_client, YEAR)[0] == ["0", "9"]
    assert as_dict(csv_table(reports_client, STATUS, YEAR))["All applications"] == ["0", "9"]

    traveller.shift(timedelta(days=1))  # last year's have run out too
    later = year_columns(reports_client, YEAR, PREVIOUS)
    assert later == year_columns(reports_client, PREVIOUS, PREVIOUS) != own
    assert all_applications(reports_client, PREVIOUS)[0] == ["10", "0"]
    readings = [Reading(columns=own), Reading(columns=later)]
    assert not [found for found in hidden_ranges(readings).values() if found[0] == found[1]]


def test_what_is_kept_is_only_what_is_published(reports_client):
    """The cache holds the figures as shown: never the true counts behind hidden ones."""
    cohort = CohortFactory(name=YEAR)
    for answer in [EthnicGroup.WHITE_BRITISH] * 9 + [EthnicGroup.INDIAN] * 2:
        add_application(cohort, answer)
    reports_client.get("/reports/diversity/", {"year": YEAR})
    diversity = next(section for section in SECTIONS if section.slug == "diversity")
    kept = cache.get(figures.key(diversity, YEAR))
    applicants, _ = kept.counted["ethnic_group"]
    assert applicants.counts is None and applicants.total is None
    assert str(applicants.shown_total) == "11"
    assert HIDDEN_TEXT in [str(cell) for cell in applicants.shown]


def whole_year(year):
    """Every section's figures for the year protected by one Publication, as they once were."""
    publication = Publication()
    counted = {section.slug: section.count(Year(year), publication) for section in SECTIONS}
    publication.protect()
    return counted


def test_a_section_on_its_own_hides_what_the_whole_year_at_once_would():
    """Complementary suppression looks across the linked counts of a section only, so working a
    section's figures out on its own shows every figure the same, hidden or not."""
    years = Years.ending(YEAR)
    for seed in range(8):
        with transaction.atomic():
            Cohorts(seed=seed)
            together = {year: whole_year(year) for year in years.both}
            for section in SECTIONS:
                alone = {year: figures.worked_out(section, year).counted for year in years.both}
                expected = section.tables(years, {y: together[y][section.slug] for y in years.both})
                assert [list(t.csv_rows()) for t in section.tables(years, alone)] == [
                    list(t.csv_rows()) for t in expected
                ], (seed, section.slug)
            transaction.set_rollback(True)
