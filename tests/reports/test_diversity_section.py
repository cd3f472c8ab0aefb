"""Diversity section: aggregates only, with the small-numbers rule on every count and total."""

import pytest

from network.models import Application, EqualityMonitoring
from reports.suppression import HIDDEN_TEXT
from tests.network.factories import ApplicationFactory, CohortFactory

from .disclosure import worked_out
from .helpers import as_dict, csv_table, page_tables, report_html

pytestmark = pytest.mark.django_db

YEAR, PREVIOUS = "2026-27", "2025-26"
INDIAN = "Asian or Asian British: Indian"


@pytest.fixture
def diversity_data():
    cohort = CohortFactory(name=YEAR)
    # (ethnic group, applicants, of whom accepted): 36 applicants, 13 accepted.
    for group, applicants, accepted in [
        ("asian_indian", 3, 3),
        ("white_british", 21, 10),
        ("black_african", 12, 0),
    ]:
        for index in range(applicants):
            ApplicationFactory(
                cohort=cohort,
                status="accepted" if index < accepted else "declined",
                equality={"ethnic_group": group, "sex": "female" if index % 2 else "male"},
            )
    ApplicationFactory(cohort=cohort, equality={})  # started the step, answered nothing
    skipped = ApplicationFactory(cohort=cohort)
    EqualityMonitoring.objects.filter(application=skipped).delete()  # skipped the step


# Hand count: applicants 3 / 21 / 12 / 2 not answered = 38; accepted 3 / 10 / 0 / 0 = 13.
# Counts from 0 to 7 are hidden in a column with anyone in it: the 3 and 2 applicants, the 3
# accepted, and the zeros beside them (a zero shown beside hidden counts narrows them down). With
# those hidden, the 10 accepted can be shown: 13 - 10 (8 to 12) leaves 1 to 5 spread over several
# hidden counts. The year before has nobody, so its zeros are shown.
EXPECTED_ETHNIC_GROUP = {
    INDIAN: [HIDDEN_TEXT, HIDDEN_TEXT, "0", "0"],
    "White: English, Welsh, Scottish, Northern Irish or British": ["20", "10", "0", "0"],
    "Black, Black British, Caribbean or African: African": ["10", HIDDEN_TEXT, "0", "0"],
    "Not answered": [HIDDEN_TEXT, HIDDEN_TEXT, "0", "0"],
    "All": ["38", "13", "0", "0"],
}
# Sex: male 2+11+6 = 19, female 1+10+6 = 17, not answered 2; accepted male 2+5, female 1+5.
# The 2 not answered is hidden with the zero for "Prefer not to say"; every accepted count is
# under 8 or zero, so all are hidden.
EXPECTED_SEX = {
    "Female": ["15", HIDDEN_TEXT, "0", "0"],
    "Male": ["20", HIDDEN_TEXT, "0", "0"],
    "Prefer not to say": [HIDDEN_TEXT, HIDDEN_TEXT, "0", "0"],
    "Not answered": [HIDDEN_TEXT, HIDDEN_TEXT, "0", "0"],
    "All": ["38", "13", "0", "0"],
}


def numbers_shown(table):
    """Every count shown, the totals row aside."""
    return [int(cell) for row in table[1:-1] for cell in row[1:] if cell != HIDDEN_TEXT]


def test_small_groups_are_hidden_in_the_page_and_the_csv(reports_client, diversity_data):
    tables = page_tables(report_html(reports_client, YEAR))
    for slug, expected in [
        ("diversity-ethnic-group", EXPECTED_ETHNIC_GROUP),
        ("diversity-sex", EXPECTED_SEX),
    ]:
        shown = {
            label: cells for label, cells in as_dict(tables[slug]).items() if label in expected
        }
        assert shown == expected, slug
        assert as_dict(csv_table(reports_client, slug, YEAR)) == as_dict(tables[slug]), slug
    assert tables["diversity-ethnic-group"][0] == [
        "Ethnic group",
        f"Applicants {YEAR}",
        f"Accepted {YEAR}",
        f"Applicants {PREVIOUS}",
        f"Accepted {PREVIOUS}",
    ]


def test_every_count_shown_is_a_multiple_of_five_and_totals_match_the_network_section(
    reports_client, diversity_data
):
    tables = page_tables(report_html(reports_client, YEAR))
    by_status = as_dict(tables["network-applications-by-status"])
    diversity = {slug: table for slug, table in tables.items() if slug.startswith("diversity-")}
    assert len(diversity) == len(EqualityMonitoring.ANSWER_FIELDS)
    for slug, table in diversity.items():
        assert all(n % 5 == 0 for n in numbers_shown(table)), slug
        assert all(n % 5 == 0 for n in numbers_shown(csv_table(reports_client, slug, YEAR)))
        total = as_dict(table)["All"]
        assert [total[0], total[2]] == by_status["All applications"], slug
        assert [total[1], total[3]] == by_status["Accepted"], slug


def test_no_hidden_count_can_be_worked_out(reports_client, diversity_data):
    tables = page_tables(report_html(reports_client, YEAR))
    for slug in ("diversity-ethnic-group", "diversity-sex"):
        rows = [cells for label, cells in as_dict(tables[slug]).items() if label != "All"]
        applicants = [cells[0] for cells in rows]
        accepted = [cells[1] for cells in rows]
        assert not worked_out(applicants, accepted, 38, 13), slug


def test_the_page_shows_aggregates_only(reports_client, diversity_data):
    """No applicant's name or email is on the page or in a CSV."""
    html = report_html(reports_client, YEAR)
    csv = reports_client.get("/reports/csv/diversity-ethnic-group/", {"year": YEAR})
    for name, email in Application.objects.values_list("full_name", "email"):
        for text in (html, csv.getvalue().decode("utf-8-sig")):
            assert email not in text and name not in text


def test_without_the_equality_permission_the_section_is_hidden(
    client, reports_user, diversity_data
):
    client.force_login(reports_user)
    html = report_html(client, YEAR)
    assert 'id="diversity"' not in html
    assert "diversity-" not in html
    assert "Ethnic group" not in html
