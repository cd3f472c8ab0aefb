"""Small numbers that stay hidden: NHS Digital's small-numbers rule for the reports' counts of
people, with complementary (secondary) suppression across every table a section publishes
about a year.

Everything a report section says about one academic year is worked out at once, and kept as one
object (reports/figures.py), so the year reads the same on its own page, as the comparison year of
the next and in every CSV. Every count in it that could point at someone (equality answers,
concerns, mentoring) is added to the section's Publication for that year, with what a reader knows
links the counts (a section's counts are never linked to another section's):

- each column's total, shown beside it (a cohort's applications, a year's concerns);
- a column that counts at most so many of another column's people, row by row (accepted members
  among applicants; pairs who both accepted among pairs matched; at most two people completing
  per pair), for the rows where that holds;
- a share (a percentage) of the people counted in one cell (the end-of-programme scores of the
  people who completed).

Publication.protect() then decides, for all of them together:

- in a column with anyone in it, a count from 0 to 7 is hidden (primary suppression). Zeros are
  hidden too: a zero shown beside hidden counts narrows them down, and a hidden zero that a
  later day's figures showed as 0 would be known to have been 0 all along;
- every other count is rounded to the nearest 5, so a shown 10 means 8 to 12;
- a column with a single hidden count gets a second, its smallest other count;
- then, while a reader could work out any hidden count, more figures are hidden. A count is worked
  out when the smallest and the largest whole number it can be, given every figure shown and every
  link above, are the same: tried by moving one person at a time, then by integer programming
  (scipy's milp) over the linked tables. A total is hidden only as a last resort (a column of one
  row is its total), and never one that the page shows elsewhere;
- a share is shown only beside a shown count of its people: of a hidden count it is hidden, of
  an empty column it reads "no data", and it is hidden too if it would let a count be worked out.

Every hidden figure reads the same (HIDDEN_TEXT) whatever the reason it is hidden.

Shares and medians whose base is not a count shown anywhere (check-in scores, working days to
answer a concern) follow the minimum-number rule on their own base: share_of() and median_of().
"""

import math
from dataclasses import dataclass
from statistics import median

import numpy as np
from django.conf import settings
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from .tables import Percent, percentage

HIDDEN_TEXT = "hidden"
NO_DATA = "no data"
# The fewest people a count, share or median may stand for: one setting, which training's
# teaching records use too.
SMALL_NUMBER = settings.SMALL_NUMBER
LARGEST_HIDDEN = SMALL_NUMBER - 1  # counts up to this are hidden in a column with anyone in it
ROUNDING = 5
# As many people as a hidden count with no total beside it could be, for integer programming.
NO_LIMIT = 10**6


@dataclass(frozen=True)
class ShownCount:
    value: int | None  # None when hidden

    def __str__(self):
        return HIDDEN_TEXT if self.value is None else str(self.value)


def rounded(count):
    """The nearest multiple of ROUNDING (never a tie: counts are whole numbers)."""
    return ROUNDING * round(count / ROUNDING)


def share_of(part, base):
    """part of base as a percentage, for a base that no published count gives away."""
    if base == 0:
        return NO_DATA
    return HIDDEN_TEXT if base < SMALL_NUMBER else percentage(part, base)


def median_of(values):
    """The median of values (to one decimal place), when there are enough of them to show."""
    if not values:
        return NO_DATA
    if len(values) < SMALL_NUMBER:
        return HIDDEN_TEXT
    value = round(median(values), 1)
    return int(value) if value == int(value) else value


class Counts:
    """One column of counts of people, row by row, with its total shown beside it.

    `shown` (a ShownCount per row) and `shown_total` (the exact total, or a hidden one when it
    alone would give a count away) are set by Publication.protect(), which then forgets the true
    counts: what is kept and cached is only what is published."""

    def __init__(self, counts, total_shown_elsewhere):
        self.counts = list(counts)
        self.total = sum(self.counts)
        self.total_shown_elsewhere = total_shown_elsewhere
        self.shown = self.shown_total = None


class Share:
    """The share that `part` people are of the `base` people counted in cell `row` of `of`.

    `shown` is set by Publication.protect(): a Percent, NO_DATA or HIDDEN_TEXT; the numbers behind
    it are then forgotten."""

    def __init__(self, part, base, of, row):
        self.part, self.base, self.of, self.row = part, base, of, row
        self.shown = None


class Publication:
    """Every count of people one academic year's reports publish, protected together."""

    def __init__(self):
        self.columns, self.links, self.shares = [], [], []

    def counts(self, counts, *, total_shown_elsewhere=False):
        """A column of counts (a list of whole numbers). Its exact total is shown, unless it would
        give a count away and the page does not show it elsewhere (total_shown_elsewhere)."""
        column = Counts(counts, total_shown_elsewhere)
        self.columns.append(column)
        return column

    def at_most(self, sub, sup, times=1):
        """A reader may take sub to count at most `times` times as many people as sup, row by
        row: linked in the rows where that holds (where it does not, the reader would be wrong)."""
        self.links.append((sub, sup, times))

    def share(self, part, base, *, of, row):
        """part of base as a share of the people counted in cell `row` of column `of`. When base
        is not that count (the data disagree), the share is of people no count shows."""
        share = Share(part, base, of, row)
        self.shares.append(share)
        return share

    def protect(self):
        linked = [share for share in self.shares if share.base == share.of.counts[share.row]]
        for share in self.shares:
            if share not in linked:
                share.shown = share_of(share.part, share.base)
        for columns in self._groups():
            _Protection(
                columns,
                [link for link in self.links if link[0] in columns],
                [share for share in linked if share.of in columns],
            ).run()
        for column in self.columns:
            column.counts = column.total = None
        for share in self.shares:
            share.part = share.base = share.of = None

    def _groups(self):
        """The columns a reader can only work out together: linked, directly or not."""
        group = {id(column): [column] for column in self.columns}
        for sub, sup, _ in self.links:
            if group[id(sub)] is not group[id(sup)]:
                merged = group[id(sub)] + group[id(sup)]
                for column in merged:
                    group[id(column)] = merged
        return list({id(columns): columns for columns in group.values()}.values())


@dataclass(frozen=True)
class _Total:
    column: int  # a column's total, as a figure that can be hidden


class _Protection:
    """Primary and secondary suppression of one group of linked columns.

    Figures are cells ((column, row)), _Totals and Shares; `hidden` holds those hidden so far.
    Hiding a figure only takes away what a reader knows, so a count proved safe stays safe."""

    def __init__(self, columns, links, shares):
        self.columns = columns
        self.index = {id(column): number for number, column in enumerate(columns)}
        self.cells = [(c, r) for c, column in enumerate(columns) for r in range(len(column.counts))]
        self.variable = {cell: number for number, cell in enumerate(self.cells)}
        self.true = np.array([self.count(cell) for cell in self.cells])
        self.links = [
            (self.index[id(sub)], self.index[id(sup)], times, row)
            for sub, sup, times in links
            for row in range(len(sub.counts))
            if sub.counts[row] <= times * sup.counts[row]
        ]
        # The links as arrays of variables, to check many trial counts quickly.
        self.subs, self.sups, self.times = (
            np.array([self.variable[sub, row] for sub, _, _, row in self.links], dtype=int),
            np.array([self.variable[sup, row] for _, sup, _, row in self.links], dtype=int),
            np.array([times for _, _, times, _ in self.links]),
        )
        self.shares = shares
        self.hidden = {
            (c, r)
            for c, r in self.cells
            if self.count((c, r)) <= LARGEST_HIDDEN and self.columns[c].total
        }
        self.safe = set()

    def count(self, cell):
        return self.columns[cell[0]].counts[cell[1]]

    def run(self):
        while extra := self._column_partner() or self._first_worked_out_partner():
            self.hidden |= set(extra)
        for c, column in enumerate(self.columns):
            column.shown = [
                ShownCount(None if (c, r) in self.hidden else rounded(count))
                for r, count in enumerate(column.counts)
            ]
            column.shown_total = ShownCount(None) if _Total(c) in self.hidden else column.total
        for share in self.shares:
            share.shown = self._share_text(share)

    def _share_text(self, share):
        if share in self.hidden or (self.index[id(share.of)], share.row) in self.hidden:
            return HIDDEN_TEXT
        return NO_DATA if share.base == 0 else percentage(share.part, share.base)

    # Choosing what else to hide: each option is a list of figures hidden together.

    def _column_partner(self):
        """A second hidden count for a column with only one."""
        for c, column in enumerate(self.columns):
            hidden = [r for r in range(len(column.counts)) if (c, r) in self.hidden]
            if len(hidden) == 1 and (options := self._in_column(c)):
                return options[0]
        return None

    def _first_worked_out_partner(self):
        """For the first hidden count a reader can work out, the cheapest option that stops that;
        when no single option does, the cheapest, and the next round goes on from there."""
        for cell in sorted(self._hidden_cells() - self.safe):
            if self._could_differ(cell):
                self.safe.add(cell)
                continue
            options = self._options(cell)
            for option in options:
                before = self.hidden
                self.hidden = before | set(option)
                helps = self._could_differ(cell)
                self.hidden = before
                if helps:
                    return option
            if options:
                return options[0]
        return None

    def _hidden_cells(self):
        return {figure for figure in self.hidden if isinstance(figure, tuple)}

    def _in_column(self, c):
        """Each shown count of column c on its own, smallest first."""
        shown = [(c, r) for r in range(len(self.columns[c].counts)) if (c, r) not in self.hidden]
        return [[cell] for cell in sorted(shown, key=self.count)]

    def _options(self, cell):
        c, r = cell
        linked = {sup for sub, sup, _, row in self.links if sub == c and row == r}
        linked |= {sub for sub, sup, _, row in self.links if sup == c and row == r}
        in_row = [[(other, r)] for other in sorted(linked) if (other, r) not in self.hidden]
        shares = [[share] for share, _ in self._shown_shares()]
        elsewhere = [
            option
            for other in range(len(self.columns))
            if other != c
            for option in self._in_column(other)
        ]
        totals = [
            [_Total(other)]
            for other, column in enumerate(self.columns)
            if not column.total_shown_elsewhere and _Total(other) not in self.hidden
        ]
        return self._in_column(c) + in_row + shares + elsewhere + totals

    # What a reader can work out.

    def _could_differ(self, cell):
        """Whether the figures shown allow a hidden count other than its true one."""
        if self._one_move_differs(cell):
            return True
        lowest, highest = self._range(cell)
        return lowest < highest

    def _one_move_differs(self, cell):
        """A quick proof: counts that agree with every figure shown, where one person has moved
        between this count and another of its column (and, if a link needs it, between the same
        two rows of a linked column too)."""
        c, r = cell
        low, high = self._bounds()
        linked = {other for sub, sup, _, row in self.links if row == r for other in (sub, sup)}
        partners = [[], *([other] for other in sorted(linked - {c}))]
        rows = range(len(self.columns[c].counts))
        # Hidden counts first: a shown one can take or give a person only within its rounding.
        for other_row in sorted(rows, key=lambda row: (c, row) not in self.hidden):
            if other_row == r:
                continue
            for giver, taker in ((r, other_row), (other_row, r)):
                if not self.count((c, giver)):
                    continue
                for partner in partners:
                    trial = self.true.copy()
                    for column in [c, *partner]:
                        trial[self.variable[column, giver]] -= 1
                        trial[self.variable[column, taker]] += 1
                    if self._agrees(trial, low, high):
                        return True
        return False

    def _agrees(self, values, low, high):
        if np.any(values < low) or np.any(values > high):
            return False
        if np.any(values[self.subs] > self.times * values[self.sups]):
            return False
        return all(
            _share_allows(percent, values[self.variable[self.index[id(share.of)], share.row]])
            for share, percent in self._shown_shares()
        )

    def _bounds(self):
        """The lowest and highest each count can be, from its own cell and its column's total."""
        low, high = np.zeros(len(self.cells)), np.zeros(len(self.cells))
        for number, (c, r) in enumerate(self.cells):
            if (c, r) in self.hidden:
                total_known = _Total(c) not in self.hidden
                high[number] = self.columns[c].total if total_known else NO_LIMIT
            else:
                low[number], high[number] = _interval(rounded(self.count((c, r))))
        return low, high

    def _shown_shares(self):
        return [
            (share, round(shown.value))
            for share in self.shares
            if isinstance(shown := self._share_text(share), Percent)
        ]

    def _range(self, cell):
        """(lowest, highest) whole number the hidden count can be, by integer programming over
        the group: a variable per count, then one per shown share for the people it counts."""
        shares = self._shown_shares()
        size = len(self.cells) + len(shares)
        rows, lower, upper = [], [], []

        def constraint(coefficients, low, high):
            row = np.zeros(size)
            for variable, coefficient in coefficients:
                row[variable] += coefficient
            rows.append(row)
            lower.append(low)
            upper.append(high)

        for c, column in enumerate(self.columns):
            if _Total(c) not in self.hidden:
                cells = [self.variable[c, r] for r in range(len(column.counts))]
                constraint([(variable, 1) for variable in cells], column.total, column.total)
        for sub, sup, times, row in self.links:
            constraint(
                [(self.variable[sub, row], 1), (self.variable[sup, row], -times)], -np.inf, 0
            )
        for number, (share, percent) in enumerate(shares):
            part = len(self.cells) + number
            base = self.variable[self.index[id(share.of)], share.row]
            # round(100 * part / base) == percent: 100 * part is within base / 2 of percent * base.
            constraint([(part, 200), (base, -(2 * percent - 1))], 0, np.inf)
            constraint([(part, 200), (base, -(2 * percent + 1))], -np.inf, 0)
            constraint([(part, 1), (base, -1)], -np.inf, 0)
        low, high = self._bounds()
        bounds = Bounds(
            np.concatenate([low, np.zeros(len(shares))]),
            np.concatenate([high, np.full(len(shares), NO_LIMIT)]),
        )
        constraints = LinearConstraint(np.array(rows).reshape(-1, size), lower, upper)
        found = []
        for sign in (1, -1):
            objective = np.zeros(size)
            objective[self.variable[cell]] = sign
            found.append(round(_optimum(objective, bounds, constraints)[self.variable[cell]]))
        return tuple(found)


def _optimum(objective, bounds, constraints):
    """Whole numbers that minimise objective: the linear relaxation's optimum when it is whole
    (as it is for sums and one-to-one links), else by integer programming."""
    matrix = np.vstack([constraints.A, -constraints.A])
    limits = np.concatenate([constraints.ub, -constraints.lb])
    finite = np.isfinite(limits)
    relaxed = linprog(
        objective,
        A_ub=matrix[finite] if finite.any() else None,
        b_ub=limits[finite] if finite.any() else None,
        bounds=np.column_stack([bounds.lb, bounds.ub]),
        method="highs",
    )
    if relaxed.status == 0 and np.allclose(relaxed.x, np.round(relaxed.x), atol=1e-6):
        return relaxed.x
    result = milp(
        objective, integrality=np.ones(len(objective)), bounds=bounds, constraints=constraints
    )
    if result.status != 0:
        raise RuntimeError(f"The shown figures fit no counts: {result.message}")
    return result.x


def _interval(shown):
    """The true counts a shown count can stand for."""
    if shown == 0:
        return 0, 0
    return max(SMALL_NUMBER, shown - ROUNDING // 2), shown + ROUNDING // 2


def _share_allows(percent, base):
    """Whether some whole number of base people makes a share that rounds to percent."""
    lowest = max(0, math.ceil((2 * percent - 1) * base / 200))
    return base > 0 and lowest <= min(base, math.floor((2 * percent + 1) * base / 200))
