"""QI section: every figure matches a hand count."""

import pytest

from tests.qi_projects.factories import (
    PublishedProjectFactory,
    QIConferenceFactory,
    QIProjectFactory,
)

from .helpers import as_dict, csv_table, page_tables, report_html

pytestmark = pytest.mark.django_db

YEAR, PREVIOUS = "2026-27", "2025-26"


@pytest.fixture
def qi_data():
    published = [
        PublishedProjectFactory(academic_year=YEAR, stage="completed", theme="supporting-learners",
                                edi_focus="race"),
        PublishedProjectFactory(academic_year=YEAR, stage="completed", theme="governance",
                                edi_focus="race"),
        PublishedProjectFactory(academic_year=YEAR, stage="in-progress",
                                theme="supporting-learners", edi_focus="disability"),
    ]  # fmt: skip
    QIProjectFactory(
        academic_year=YEAR, status="submitted", stage="idea", theme="curricula", edi_focus="gender"
    )
    QIProjectFactory(
        academic_year=YEAR,
        status="rejected",
        stage="in-progress",
        theme="supporting-learners",
        edi_focus="race",
    )
    QIProjectFactory(academic_year=YEAR, status="draft", stage="idea", edi_focus="img")
    PublishedProjectFactory(
        academic_year=PREVIOUS, stage="completed", theme="supporting-learners", edi_focus="race"
    )
    PublishedProjectFactory(academic_year="2023-24")
    QIConferenceFactory(academic_year=YEAR).presenting_projects.set(published[:2])


EXPECTED = {
    "qi-summary": {
        "Projects submitted": ["5", "1"],
        "Projects published": ["3", "1"],
        "Presented at the QI conference": ["2", "0"],
    },
    "qi-by-stage": {
        "Idea": ["1", "0"],
        "In progress": ["2", "0"],
        "Completed": ["2", "1"],
        "All projects submitted": ["5", "1"],
    },
    "qi-by-theme": {
        "Learning environment and culture": ["0", "0"],
        "Educational governance and leadership": ["1", "0"],
        "Supporting learners": ["3", "1"],
        "Supporting educators": ["0", "0"],
        "Developing and implementing curricula and assessments": ["1", "0"],
        "All projects submitted": ["5", "1"],
    },
    "qi-by-edi-focus": {
        "Race and ethnicity": ["3", "1"],
        "Disability": ["1", "0"],
        "International medical graduates": ["0", "0"],
        "Gender": ["1", "0"],
        "LGBTQ+": ["0", "0"],
        "Neurodiversity": ["0", "0"],
        "Health inequity": ["0", "0"],
        "Religion or belief": ["0", "0"],
        "Inclusion in general": ["0", "0"],
        "All projects submitted": ["5", "1"],
    },
    "qi-by-year": {YEAR: ["5", "3"], PREVIOUS: ["1", "1"], "2023-24": ["1", "1"]},
}


def test_qi_figures_match_a_hand_count(reports_client, qi_data):
    tables = page_tables(report_html(reports_client, YEAR))
    for slug, expected in EXPECTED.items():
        assert as_dict(tables[slug]) == expected, slug
        assert as_dict(csv_table(reports_client, slug, YEAR)) == expected, f"{slug} CSV"
    assert list(as_dict(tables["qi-by-year"])) == [YEAR, PREVIOUS, "2023-24"]
