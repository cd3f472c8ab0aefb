"""Small numbers that stay hidden: NHS Digital's small-numbers rule for equality-monitoring
figures, with complementary (secondary) suppression.

A section protects a table of counts a block of columns at a time. Each column's total is shown
exactly (it is a figure shown elsewhere on the page, such as a cohort's applications), so the
rule works on what a reader can do with that total:

- a count from 1 to 7 is hidden (primary suppression); 0 is shown as 0;
- every other count is rounded to the nearest 5, so a shown 10 means 8 to 12;
- then more counts are hidden (secondary suppression) until no column has a single hidden
  count and every hidden count could be at least two different numbers, given the exact totals,
  every shown count and, for a column that counts some of another's people (accepted members
  among applicants), that it is never more than the other column's count in the same row.

Every hidden count reads the same (HIDDEN_TEXT) whatever the reason it is hidden, so the reason
gives nothing away: a reader can only know that a hidden count is between 0 and the total.
A block depends only on its own counts, so a cohort's figures read the same whichever year is
chosen, on the page and in every CSV.
"""

from dataclasses import dataclass

HIDDEN_TEXT = "hidden"
LARGEST_HIDDEN = 7  # counts from 1 to this are always hidden
ROUNDING = 5


@dataclass(frozen=True)
class ShownCount:
    value: int | None  # None when hidden

    def __str__(self):
        return HIDDEN_TEXT if self.value is None else str(self.value)


def rounded(count):
    """The nearest multiple of ROUNDING (never a tie: counts are whole numbers)."""
    return ROUNDING * round(count / ROUNDING)


def suppress(count):
    """One count under the primary rule alone (hidden from 1 to 7, otherwise rounded), for a
    table whose totals are rounded too, so no hidden count can be worked out from an exact one."""
    return ShownCount(None if 1 <= count <= LARGEST_HIDDEN else rounded(count))


def protect(columns, *, within=None):
    """Shown counts for one block of columns of true counts, row by row alike.

    columns: one list of counts per column, every column with the same rows. within: for two
    columns, (sub, sup) when column `sub` counts some of column `sup`'s people in each row.
    Returns one list of ShownCount per column; each column's exact total is the sum of its counts.
    """
    block = _Block(columns, within)
    hidden = {
        (column, row)
        for column, counts in enumerate(columns)
        for row, count in enumerate(counts)
        if 1 <= count <= LARGEST_HIDDEN
    }
    while extra := block.next_to_hide(hidden):
        hidden.add(extra)
    return [
        [
            ShownCount(None if (column, row) in hidden else rounded(count))
            for row, count in enumerate(counts)
        ]
        for column, counts in enumerate(columns)
    ]


class _Block:
    """What a reader can work out about a block's true counts from what is shown."""

    def __init__(self, columns, within):
        self.columns = [list(counts) for counts in columns]
        self.totals = [sum(counts) for counts in columns]
        self.within = within

    def bounds(self, hidden):
        """[(lowest, highest) the true count can be for each row] for each column."""
        return [
            [
                self._cell_bounds(count, total, (column, row) in hidden)
                for row, count in enumerate(counts)
            ]
            for column, (counts, total) in enumerate(zip(self.columns, self.totals, strict=True))
        ]

    @staticmethod
    def _cell_bounds(count, total, is_hidden):
        if is_hidden:
            return (0, total)
        shown = rounded(count)
        if shown == 0:
            return (0, 0)
        return (max(LARGEST_HIDDEN + 1, shown - ROUNDING // 2), shown + ROUNDING // 2)

    def feasible(self, bounds):
        """Whether some table of counts within bounds has the exact totals (and `within`).

        Bounds on each cell plus fixed column sums (and sub <= sup row by row) form a totally
        unimodular system, so a fractional solution means a whole-number one; for two related
        columns, the sums of the rows' polygons are bounded by the sums of their support
        functions in the five directions of the polygons' edges.
        """
        if self.within is None:
            return all(
                sum(low for low, _ in column) <= total <= sum(high for _, high in column)
                for column, total in zip(bounds, self.totals, strict=True)
            )
        sub, sup = self.within
        lowest_sup = highest_sup = lowest_sub = highest_sub = most_above = 0
        for (sup_low, sup_high), (sub_low, sub_high) in zip(bounds[sup], bounds[sub], strict=True):
            sup_low, sub_high = max(sup_low, sub_low), min(sub_high, sup_high)
            if sup_low > sup_high or sub_low > sub_high:
                return False
            lowest_sup += sup_low
            highest_sup += sup_high
            lowest_sub += sub_low
            highest_sub += sub_high
            most_above += min(0, sub_high - sup_low)
        return (
            lowest_sup <= self.totals[sup] <= highest_sup
            and lowest_sub <= self.totals[sub] <= highest_sub
            and self.totals[sub] - self.totals[sup] <= most_above
        )

    def could_differ(self, cell, hidden):
        """Whether a hidden cell could be some number other than its true count."""
        column, row = cell
        count = self.columns[column][row]
        bounds = self.bounds(hidden)
        low, high = bounds[column][row]
        for other in ((low, count - 1), (count + 1, high)):
            if other[0] <= other[1]:
                bounds[column][row] = other
                if self.feasible(bounds):
                    return True
        return False

    def next_to_hide(self, hidden):
        """The shown count to hide next, or None when every hidden count is safe.

        A column with a single hidden count gets a second; then a hidden count a reader could
        work out gets a partner in its column or, for related columns, its row: the one that
        leaves fewest counts a reader could work out, then the smallest (0 last).
        """
        for column in range(len(self.columns)):
            in_column = [cell for cell in hidden if cell[0] == column]
            if len(in_column) == 1:
                return self._cheapest(self._column_cells(column, hidden), hidden)
        for column, row in sorted(hidden):
            if self.could_differ((column, row), hidden):
                continue
            candidates = self._column_cells(column, hidden)
            if self.within is not None:
                partner = self.within[1] if column == self.within[0] else self.within[0]
                candidates += [(partner, row)] if (partner, row) not in hidden else []
            if candidates:
                return self._cheapest(candidates, hidden)
        return None

    def _column_cells(self, column, hidden):
        return [
            (column, row) for row in range(len(self.columns[column])) if (column, row) not in hidden
        ]

    def _cheapest(self, candidates, hidden):
        def cost(cell):
            trial = hidden | {cell}
            unprotected = sum(not self.could_differ(each, trial) for each in trial)
            count = self.columns[cell[0]][cell[1]]
            return (unprotected, count == 0, count)

        return min(candidates, key=cost, default=None)
