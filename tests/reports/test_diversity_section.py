"""Diversity section: aggregates only, with the small-numbers rule on every count and total."""

import pytest

from network.models import Application, EqualityMonitoring
from reports.suppression import SUPPRESSED_TEXT
from tests.network.factories import ApplicationFactory, CohortFactory

from .helpers import as_dict, csv_table, page_tables

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
EXPECTED_ETHNIC_GROUP = {
    INDIAN: [SUPPRESSED_TEXT, SUPPRESSED_TEXT, "0", "0"],
    "White: English, Welsh, Scottish, Northern Irish or British": ["20", "10", "0", "0"],
    "Black, Black British, Caribbean or African: African": ["10", "0", "0", "0"],
    "Not answered": [SUPPRESSED_TEXT, "0", "0", "0"],
    "All": ["40", "15", "0", "0"],
}
# Sex: male 2+11+6 = 19, female 1+10+6 = 17, not answered 2; accepted male 2+5, female 1+5.
EXPECTED_SEX = {
    "Female": ["15", "fewer than 8", "0", "0"],
    "Male": ["20", "fewer than 8", "0", "0"],
    "Prefer not to say": ["0", "0", "0", "0"],
    "Not answered": [SUPPRESSED_TEXT, "0", "0", "0"],
    "All": ["40", "15", "0", "0"],
}


def numbers_shown(table):
    return [int(cell) for row in table[1:] for cell in row[1:] if cell != SUPPRESSED_TEXT]


def test_small_groups_are_suppressed_in_the_page_and_the_csv(reports_client, diversity_data):
    tables = page_tables(reports_client.get("/reports/", {"year": YEAR}).content.decode())
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


def test_every_count_and_total_shown_is_a_multiple_of_five(reports_client, diversity_data):
    tables = page_tables(reports_client.get("/reports/", {"year": YEAR}).content.decode())
    diversity = {slug: table for slug, table in tables.items() if slug.startswith("diversity-")}
    assert len(diversity) == len(EqualityMonitoring.ANSWER_FIELDS)
    for slug, table in diversity.items():
        assert all(n % 5 == 0 for n in numbers_shown(table)), slug
        assert all(n % 5 == 0 for n in numbers_shown(csv_table(reports_client, slug, YEAR)))


def test_no_suppressed_count_can_be_worked_out_from_the_totals(reports_client, diversity_data):
    table = as_dict(
        page_tables(reports_client.get("/reports/", {"year": YEAR}).content.decode())[
            "diversity-ethnic-group"
        ]
    )
    total = table.pop("All")
    # The 3 accepted Indian members: total minus every other shown figure is 15 - 10 = 5, not 3.
    accepted_others = sum(int(cells[1]) for label, cells in table.items() if label != INDIAN
                          and cells[1] != SUPPRESSED_TEXT)  # fmt: skip
    assert int(total[1]) - accepted_others != 3
    # The 3 Indian applicants plus 2 not answered: 40 - 20 - 10 = 10, not 3 (nor 5).
    applicants_others = sum(
        int(cells[0]) for cells in table.values() if cells[0] != SUPPRESSED_TEXT
    )
    assert int(total[0]) - applicants_others not in (3, 5)


def test_the_page_shows_aggregates_only(reports_client, diversity_data):
    """No applicant's name or email is on the page or in a CSV."""
    html = reports_client.get("/reports/", {"year": YEAR}).content.decode()
    csv = reports_client.get("/reports/csv/diversity-ethnic-group/", {"year": YEAR})
    for name, email in Application.objects.values_list("full_name", "email"):
        for text in (html, csv.getvalue().decode()):
            assert email not in text and name not in text


def test_without_the_equality_permission_the_section_is_hidden(
    client, reports_user, diversity_data
):
    client.force_login(reports_user)
    html = client.get("/reports/", {"year": YEAR}).content.decode()
    assert 'id="diversity"' not in html
    assert "diversity-" not in html
    assert "Ethnic group" not in html
