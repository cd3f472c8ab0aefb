"""What a reader can work out from everything the reports publish, by integer programming.

Independent of reports/suppression.py: it reads the figures as text, as a person does, and writes
each of them as linear constraints over whole numbers that are at least 0:

- a count shown as 0 is 0; a count shown as v (a multiple of 5) is from max(8, v - 2) to v + 2;
  a hidden count is anything;
- the counts of a column add up to its total when the total is shown;
- a column counts at most `times` as many people as another, row by row (accepted members among
  applicants; pairs who both accepted among pairs matched; people who completed, at most two a
  pair, and never more than signed up);
- a share shown as p% of the people in a cell means some whole number of them, part, has
  round(100 * part / cell) == p; "no data" means the cell is 0;
- readings follow each other in time, and people are only ever added: every count of a later
  reading is at least the same count in the one before (so one new application, booking, concern
  or match between two readings is one more person in each of the columns it is counted in).

scipy's milp then finds the smallest and the largest value of every hidden count.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

HIDDEN = "hidden"
NO_DATA = "no data"
SHOWN_FROM = 8  # counts from 1 to 7 are never shown
ROUNDED_BY = 5


@dataclass
class Reading:
    """What one page or CSV showed, at one moment.

    columns: {key: ({row label: cell text}, total text)}, a key naming one column of counts of
    people (which table, which year, which group); links: [(sub key, sup key, times)], row by
    row; shares: [(key, row label, text)], a share of the people counted in that cell. Links and
    shares may name columns of an earlier reading: they apply to the latest counts read."""

    columns: dict = field(default_factory=dict)
    links: list = field(default_factory=list)
    shares: list = field(default_factory=list)


LIMIT = 10**6  # as many people as a hidden count with no total could be


def cell_interval(text):
    if text == HIDDEN:
        return 0, LIMIT
    shown = int(text)
    return (0, 0) if shown == 0 else (max(SHOWN_FROM, shown - ROUNDED_BY // 2), shown + 2)


class _Model:
    def __init__(self):
        self.low, self.high, self.rows = [], [], []  # rows: ({variable: coefficient}, low, high)

    def variable(self, low=0, high=np.inf):
        self.low.append(low)
        self.high.append(high)
        return len(self.low) - 1

    def constraint(self, coefficients, low, high):
        if not coefficients:  # a column with no rows: its total must be 0
            assert low <= 0 <= high, "the published figures fit no counts"
            return
        self.rows.append((coefficients, low, high))


def hidden_ranges(readings):
    """{(reading number, key, row label): (lowest, highest)} for every hidden count read."""
    model = _Model()
    current = {}  # key: (cells, total text, {row label: variable}) as last read
    hidden = {}
    for number, reading in enumerate(readings):
        for key, (cells, total) in reading.columns.items():
            previous = current.get(key)
            if previous and previous[:2] == (cells, total) and total != HIDDEN:
                # The same figures with the same exact total: nobody was added to this column.
                variables = previous[2]
            else:
                variables = {
                    row: model.variable(*cell_interval(text)) for row, text in cells.items()
                }
                if total != HIDDEN:
                    model.constraint(dict.fromkeys(variables.values(), 1), int(total), int(total))
                if previous:  # counts only grow
                    for row, before in previous[2].items():
                        model.constraint({variables[row]: 1, before: -1}, 0, np.inf)
            current[key] = (cells, total, variables)
            for row, text in cells.items():
                if text == HIDDEN:
                    hidden[number, key, row] = variables[row]
        for sub, sup, times in reading.links:
            for row, variable in current[sub][2].items():
                model.constraint({variable: 1, current[sup][2][row]: -times}, -np.inf, 0)
        for key, row, text in reading.shares:
            base = current[key][2][row]
            if text == NO_DATA:
                model.constraint({base: 1}, 0, 0)
            elif text.endswith("%"):
                percent, part = int(text[:-1]), model.variable()
                model.constraint({part: 200, base: -(2 * percent - 1)}, 0, np.inf)
                model.constraint({part: 200, base: -(2 * percent + 1)}, -np.inf, 0)
                model.constraint({part: 1, base: -1}, -np.inf, 0)
    ranges = _ranges(model, set(hidden.values()))
    return {name: ranges[variable] for name, variable in hidden.items()}


def _ranges(model, wanted):
    """{variable: (lowest, highest)} for the wanted variables, one group of linked variables at
    a time; two solutions that already differ in a variable prove it is not pinned, so most
    variables need no solving of their own."""
    group = list(range(len(model.low)))

    def root(v):
        while group[v] != v:
            group[v] = group[group[v]]
            v = group[v]
        return v

    for coefficients, _, _ in model.rows:
        first, *others = coefficients
        for other in others:
            group[root(other)] = root(first)
    members = {}
    for v in range(len(model.low)):
        members.setdefault(root(v), []).append(v)
    ranges = {}
    for variables in members.values():
        if wanted.intersection(variables):
            ranges.update(_group_ranges(model, variables, wanted))
    return ranges


def _group_ranges(model, variables, wanted):
    position = {v: i for i, v in enumerate(variables)}
    rows = [row for row in model.rows if next(iter(row[0])) in position]
    matrix = np.zeros((len(rows), len(variables)))
    for i, (coefficients, _, _) in enumerate(rows):
        for v, coefficient in coefficients.items():
            matrix[i, position[v]] = coefficient
    constraints = (
        LinearConstraint(matrix, [row[1] for row in rows], [row[2] for row in rows]) if rows else ()
    )
    bounds = Bounds([model.low[v] for v in variables], [model.high[v] for v in variables])
    seen = {}  # variable: every value it takes in the solutions found so far

    def solve(objective):
        """Whole numbers that minimise objective: the linear relaxation's optimum when it is
        whole (an optimum of the relaxation is never worse than the integer one), else milp's."""
        x = _relaxed_optimum(objective, matrix, rows, bounds)
        if x is None:
            result = milp(
                objective,
                integrality=np.ones(len(variables)),
                bounds=bounds,
                constraints=constraints,
            )
            assert result.status == 0, f"the published figures fit no counts: {result.message}"
            x = result.x
        for variable, value in zip(variables, np.round(x), strict=True):
            seen.setdefault(variable, set()).add(int(value))
        return x

    # Two solutions pulled in opposite random directions settle most variables at once.
    direction = np.random.default_rng(len(variables)).standard_normal(len(variables))
    solve(direction)
    solve(-direction)
    ranges = {}
    for v in sorted(wanted.intersection(variables)):
        if len(seen[v]) < 2:
            # One value seen so far: its largest, then, if that is the same, its smallest.
            objective = np.zeros(len(variables))
            objective[position[v]] = 1
            solve(-objective)
            if len(seen[v]) < 2:
                solve(objective)
        ranges[v] = (min(seen[v]), max(seen[v]))
    return ranges


def _relaxed_optimum(objective, matrix, rows, bounds):
    limits = np.array([[high for _, _, high in rows], [-low for _, low, _ in rows]]).ravel()
    both = np.vstack([matrix, -matrix])
    finite = np.isfinite(limits)
    result = linprog(
        objective,
        A_ub=both[finite] if finite.any() else None,
        b_ub=limits[finite] if finite.any() else None,
        bounds=np.column_stack([bounds.lb, bounds.ub]),
        method="highs",
    )
    whole = result.status == 0 and np.allclose(result.x, np.round(result.x), atol=1e-6)
    return result.x if whole else None


def pinned(readings):
    """The hidden counts a reader can work out exactly: {(reading, key, row): value}."""
    return {name: low for name, (low, high) in hidden_ranges(readings).items() if low == high}
