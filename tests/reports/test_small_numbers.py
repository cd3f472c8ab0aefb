"""Small numbers that stay hidden: for every hidden count, the figures shown (the table's other
counts, its exact totals and the network section's applications and acceptances) must agree
with at least two different true counts. Tried by brute force over every small cohort shape."""

from itertools import product

import pytest

from network.models import Application, EqualityMonitoring, EthnicGroup
from reports.suppression import HIDDEN_TEXT, Publication
from tests.network.factories import CohortFactory

from . import bulk
from .disclosure import worked_out
from .helpers import as_dict, csv_table, page_tables, report_html

YEAR, PREVIOUS = "2026-27", "2025-26"


def texts(columns, within=None):
    """The cells shown for columns of counts protected together; within=(sub, sup) when column
    sub counts some of column sup's people, row by row."""
    publication = Publication()
    protected = [publication.counts(column, total_shown_elsewhere=True) for column in columns]
    if within:
        publication.at_most(protected[within[0]], protected[within[1]])
    publication.protect()
    return [[str(cell) for cell in column.shown] for column in protected]


def accepted_patterns(applicants):
    """Who was accepted in each row: nobody, everyone, half, the first row only, one each."""
    return {
        tuple(0 for _ in applicants),
        tuple(applicants),
        tuple(n // 2 for n in applicants),
        (applicants[0], *(0 for _ in applicants[1:])),
        tuple(min(n, 1) for n in applicants),
    }


def test_every_hidden_count_of_every_small_column_could_be_two_numbers():
    for column in product(range(13), repeat=3):
        (shown,) = texts([list(column)])
        assert not worked_out(shown, ["0"] * 3, sum(column), 0), (column, shown)


def test_every_hidden_count_of_applicants_and_accepted_could_be_two_numbers():
    checked = 0
    for applicants in product(range(10), repeat=3):
        for accepted in accepted_patterns(applicants):
            shown = texts([list(applicants), list(accepted)], within=(1, 0))
            found = worked_out(*shown, sum(applicants), sum(accepted))
            assert not found, (applicants, accepted, shown, found)
            checked += 1
    assert checked > 3000


def test_the_brute_force_finds_what_rounding_and_primary_suppression_alone_give_away():
    """The issue's cohort of 9 under the old rule: 8 in one group shown as "10", 1 as "fewer
    than 8", with the network section's exact 9 pins the hidden count to 1."""
    assert worked_out(["10", "fewer than 8", "0"], ["0", "0", "0"], 9, 0) == {(0, 1): [1]}
    assert worked_out([HIDDEN_TEXT, "0", "0"], ["0", "0", "0"], 1, 0) == {(0, 0): [1]}
    # Now the zero is hidden too: shown, it would narrow the hidden counts down.
    assert texts([[8, 1, 0]]) == [["10", HIDDEN_TEXT, HIDDEN_TEXT]]


def test_counts_shown_are_rounded_to_the_nearest_five_and_small_ones_and_zeros_hidden():
    (shown,) = texts([[0, 8, 12, 13, 22, 23, 100, 3, 2]])
    assert shown == [HIDDEN_TEXT, "10", "10", "15", "20", "25", "100", HIDDEN_TEXT, HIDDEN_TEXT]
    # A lone hidden count gets a partner: the smallest other count, so 3 is not the only one.
    assert texts([[3, 21, 12, 9]]) == [[HIDDEN_TEXT, "20", "10", HIDDEN_TEXT]]
    # A column with nobody in it has nothing to hide.
    assert texts([[0, 0, 0]]) == [["0", "0", "0"]]


def add_cohort(year, answers):
    """answers: (ethnic group or "" or None for a skipped step, accepted?) for each applicant."""
    cohort = CohortFactory(name=year)
    made = Application.objects.bulk_create(
        bulk.application(cohort, n, status="accepted" if accepted else "declined")
        for n, (_, accepted) in enumerate(answers)
    )
    EqualityMonitoring.objects.bulk_create(
        EqualityMonitoring(application=application, ethnic_group=group)
        for application, (group, _) in zip(made, answers, strict=True)
        if group is not None
    )


def small_cohorts():
    """Cohorts of 1 to 14 split between two ethnic groups, a blank answer and a skipped step,
    with nobody, everyone or the first group accepted in turn; the issue's cohort of 9 (8 and 1,
    the 8 accepted) among them."""
    white, indian = EthnicGroup.WHITE_BRITISH, EthnicGroup.INDIAN
    yield [(white, True)] * 8 + [(indian, False)]
    shapes = product((1, 8, 9), (0, 1, 2), ((0, 0), (1, 2)))
    for index, (first, second, (blank, skipped)) in enumerate(shapes):
        people = [(white, True)] * first + [(indian, False)] * second
        people += [("", False)] * blank + [(None, False)] * skipped
        accepted = ("first group", "nobody", "everyone")[index % 3]
        if accepted != "first group":
            people = [(group, accepted == "everyone") for group, _ in people]
        yield people


@pytest.mark.django_db
def test_no_hidden_count_on_the_page_can_be_worked_out(reports_client):
    """Each page shows two small cohorts: every hidden count in every diversity table, with the
    network section's exact figures beside it, could still be two numbers; the CSVs agree."""
    cohorts = list(small_cohorts())
    for chosen, previous in zip(cohorts[::2], cohorts[1::2], strict=False):
        Application.objects.all().delete()
        add_cohort(YEAR, chosen)
        add_cohort(PREVIOUS, previous)
        tables = page_tables(report_html(reports_client, YEAR))
        network = as_dict(tables["network-applications-by-status"])
        for slug, table in tables.items():
            if not slug.startswith("diversity-"):
                continue
            rows = [cells for label, cells in as_dict(table).items() if label != "All"]
            for column, year in ((0, YEAR), (2, PREVIOUS)):
                year_column = 0 if year == YEAR else 1
                applicants = int(network["All applications"][year_column])
                accepted = int(network["Accepted"][year_column])
                assert as_dict(table)["All"][column : column + 2] == [str(applicants),
                                                                      str(accepted)]  # fmt: skip
                found = worked_out(
                    [cells[column] for cells in rows],
                    [cells[column + 1] for cells in rows],
                    applicants,
                    accepted,
                )
                assert not found, (slug, year, chosen, previous, found)
        for slug in ("diversity-ethnic-group", "diversity-sex"):
            assert as_dict(csv_table(reports_client, slug, YEAR)) == as_dict(tables[slug])
