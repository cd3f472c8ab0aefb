"""What a reader can work out about hidden counts, by trying every table of true counts.

Independent of reports/suppression.py: it reads the figures as text, as a person does, and
tries every table of whole numbers that agrees with all of them.
"""

from itertools import product

from reports.suppression import HIDDEN_TEXT

ROUNDED_FROM = 8  # shown numbers are rounded to the nearest 5; counts below 8 are never shown


def possible_counts(text, total):
    """Every true count a cell's text allows, given its column's exact total."""
    if text == HIDDEN_TEXT:
        return range(total + 1)
    if text == "fewer than 8":  # the wording before secondary suppression
        return range(1, 8)
    shown = int(text)
    if shown == 0:
        return range(1)
    return range(max(ROUNDED_FROM, shown - 2), min(shown + 2, total) + 1)


class _Sums:
    """Sets of (applicants, accepted) partial sums as the bits of one integer, so that adding a
    row's options to every partial sum at once is a handful of shifts."""

    def __init__(self, sup_total, sub_total):
        self.width = 2 * (sub_total + 1)  # room for a sum above the total before it is cut off
        self.keep = sum(
            ((1 << (sub_total + 1)) - 1) << (a * self.width) for a in range(sup_total + 1)
        )

    def bit(self, a, c):
        return 1 << (a * self.width + c)

    def add(self, sums, options):
        """Every partial sum plus every option, cut to those within the totals."""
        added = 0
        for a, c in options:
            added |= sums << (a * self.width + c)
        return added & self.keep

    def after_each_row(self, options_by_row):
        """sums[k]: the partial sums of the rows before row k."""
        sums = [self.bit(0, 0)]
        for options in options_by_row:
            sums.append(self.add(sums[-1], options))
        return sums

    def pairs(self, sums):
        position = 0
        while sums:
            if sums & 1:
                yield divmod(position, self.width)
            sums >>= 1
            position += 1


def consistent_values(sup_cells, sub_cells, sup_total, sub_total):
    """{(column, row): set of true counts} for every hidden cell, over every pair of columns of
    whole numbers that agrees with the texts, the exact totals, and sub <= sup in each row.
    Column 0 is sup (applicants), 1 is sub (accepted). Rows are tried by dynamic programming
    over partial sums, which covers every consistent table without listing each one.
    """
    options = [
        [
            (a, c)
            for a, c in product(
                possible_counts(sup_text, sup_total), possible_counts(sub_text, sub_total)
            )
            if c <= a
        ]
        for sup_text, sub_text in zip(sup_cells, sub_cells, strict=True)
    ]
    sums = _Sums(sup_total, sub_total)
    before = sums.after_each_row(options)
    after = list(reversed(sums.after_each_row(list(reversed(options)))))
    values = {}
    for row, row_options in enumerate(options):
        # Every sum of the other rows: before this row plus after it.
        others = sums.add(before[row], sums.pairs(after[row + 1]))
        for a, c in row_options:
            if others & sums.bit(sup_total - a, sub_total - c):
                values.setdefault((0, row), set()).add(a)
                values.setdefault((1, row), set()).add(c)
    hidden = {(0, row) for row, text in enumerate(sup_cells) if not text.isdigit()}
    hidden |= {(1, row) for row, text in enumerate(sub_cells) if not text.isdigit()}
    return {cell: values.get(cell, set()) for cell in hidden}


def worked_out(sup_cells, sub_cells, sup_total, sub_total):
    """The hidden cells whose true count the shown figures pin to a single number (or none)."""
    values = consistent_values(sup_cells, sub_cells, sup_total, sub_total)
    return {cell: sorted(found) for cell, found in values.items() if len(found) < 2}
