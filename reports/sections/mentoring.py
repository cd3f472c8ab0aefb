"""Mentoring and buddy schemes: sign-ups, pairs matched, active and completed, and the share of
good check-in and end-of-programme scores, by programme for the chosen year and the year before.

Programmes can be small, so every count goes through the year's Publication with what a reader
may take to link them within a year: pairs who both accepted are among the pairs matched, pairs
matched are never more than the people who signed up, and the people who completed (at most two
a pair who both accepted) signed up too. The end feedback share is a share of the people who
completed, so it is shown only beside a shown count of them; the check-in share needs at least
SMALL_NUMBER answers behind it.
"""

from django.db.models import Count, F, Q

from mentoring.models import CheckIn, EndFeedback, Match, Programme, SignUp

from ..suppression import NO_DATA, SMALL_NUMBER, ShownCount, share_of
from ..tables import ReportTable

COUNTED = [
    ("sign-ups", "Sign-ups by programme"),
    ("matched", "Pairs matched by programme"),
    ("active", "Pairs who both accepted, by programme"),
    ("completed", "People who completed, by programme"),
]


def _by_programme(rows, **counts):
    """{programme id: {name: count}} from one grouped query."""
    return {
        row.pop("programme_id"): row
        for row in rows.values("programme_id").annotate(**counts).order_by()
    }


def count(year, publication):
    programmes = list(Programme.objects.order_by("name").values_list("pk", "name"))
    people = _by_programme(
        SignUp.objects.filter(
            Q(**year.range_filter("created_at")) | Q(**year.range_filter("completed_at"))
        ),
        **{
            "sign-ups": Count("pk", filter=Q(**year.range_filter("created_at"))),
            "completed": Count("pk", filter=Q(**year.range_filter("completed_at"))),
        },
    )
    pairs = _by_programme(
        # A declined pair, like a cancelled one, never went ahead.
        Match.objects.filter(**year.range_filter("confirmed_at")).exclude(
            status__in=[Match.Status.CANCELLED, Match.Status.DECLINED]
        ),
        matched=Count("pk"),
        active=Count("pk", filter=Q(status__in=[Match.Status.ACTIVE, Match.Status.ENDED])),
    )
    by_programme = {pk: {**people.get(pk, {}), **pairs.get(pk, {})} for pk, _ in programmes}
    columns = {
        name: publication.counts([by_programme[pk].get(name, 0) for pk, _ in programmes])
        for name, _ in COUNTED
    }
    sign_ups, matched, active, completed = columns.values()
    publication.at_most(active, matched)
    publication.at_most(matched, sign_ups)
    publication.at_most(completed, sign_ups)
    for times in (1, 2):
        publication.at_most(completed, active, times)
        publication.at_most(completed, matched, times)

    good = {"answers": Count("pk"), "good": Count("pk", filter=Q(rating__gte=4))}
    check_ins = _by_programme(
        CheckIn.objects.filter(rating__isnull=False, **year.range_filter("answered_at")).annotate(
            programme_id=_programme("match")
        ),
        **good,
    )
    feedback = _by_programme(
        EndFeedback.objects.filter(**year.range_filter("created_at")).annotate(
            programme_id=_programme("sign_up")
        ),
        **good,
    )
    none = {"good": 0, "answers": 0}
    return {
        "programmes": programmes,
        **columns,
        "check-ins": {
            pk: share_of(check_ins.get(pk, none)["good"], check_ins.get(pk, none)["answers"])
            for pk, _ in programmes
        },
        # Everyone who gave end feedback completed then: a share of the completed count.
        "end feedback": {
            pk: publication.share(
                feedback.get(pk, none)["good"],
                feedback.get(pk, none)["answers"],
                of=completed,
                row=row,
            )
            for row, (pk, _) in enumerate(programmes)
        },
    }


def tables(years, figures):
    # Named as the chosen year's figures name them; the year before's may hold one since removed.
    programmes = dict(figures[years.previous]["programmes"])
    programmes.update(figures[years.chosen]["programmes"])
    programmes = sorted(programmes.items(), key=lambda programme: programme[1])
    rows = {
        year: {pk: row for row, (pk, _) in enumerate(figures[year]["programmes"])}
        for year in years.both
    }

    def cell(year, name, pk):
        """A programme's figure in a year; one the year's figures do not list had nobody then."""
        row = rows[year].get(pk)
        if name == "check-ins":
            return figures[year][name].get(pk, NO_DATA)
        if name == "end feedback":
            return NO_DATA if row is None else figures[year][name][pk].shown
        return ShownCount(0) if row is None else figures[year][name].shown[row]

    result = [
        ReportTable(
            slug=f"mentoring-{name}",
            title=title,
            headers=["Programme", *years.both],
            rows=[
                [programme, *(cell(year, name, pk) for year in years.both)]
                for pk, programme in programmes
            ],
            total=["All programmes", *(figures[year][name].shown_total for year in years.both)],
            description=f"Bar chart of {title.lower()} in {years.chosen} and {years.previous}. "
            "Counts under 8, and any count that would give one away, are hidden, with no bar; "
            "other counts are rounded to the nearest 5. The same figures are in the table.",
        )
        for name, title in COUNTED
    ]
    result.append(
        ReportTable(
            slug="mentoring-scores",
            title="Check-in and end feedback scores of 4 or 5",
            headers=["Programme and answers", *years.both],
            rows=[
                [f"{programme}: {label}", *(cell(year, name, pk) for year in years.both)]
                for pk, programme in programmes
                for label, name in (("check-ins", "check-ins"), ("end feedback", "end feedback"))
            ],
            scale=100,
            notes=[
                "The share of check-ins and end-of-programme feedback scoring 4 or 5 out of 5. "
                f"Fewer than {SMALL_NUMBER} answers show no share, and nor does end feedback "
                "beside a hidden count of the people who completed."
            ],
        )
    )
    return result


def _programme(path):
    return F(f"{path}__programme_id")
