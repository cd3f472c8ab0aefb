"""Training: sessions that started in the chosen academic year and the year before."""

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from training.models import Booking, Course, Feedback, Session, SessionRequest

from ..tables import Percent, ReportTable, count_rows, percentage, total_row

# The network's own figure to beat: 95% of feedback scores are 4 or 5, for the questions about
# the session itself. Confidence before the session is a baseline for confidence after it.
FEEDBACK_TARGET = 95
BASELINE_QUESTIONS = ("confidence_before",)
NO_TARGET = "No target"


def count(year, publication):
    """Sessions that started in the year, their places and bookings, requests made in it, and
    feedback on its sessions (exact: none of it is about who people are)."""
    now = timezone.now()
    delivered = Q(status=Session.Status.SCHEDULED, ends_at__lte=now)
    waiting = Q(status=Booking.Status.WAITING)
    has_waiting = Exists(Booking.objects.filter(waiting, session=OuterRef("pk")))
    sessions = Session.objects.filter(**year.range_filter("starts_at")).aggregate(
        delivered=Count("pk", filter=delivered),
        cancelled=Count("pk", filter=Q(status=Session.Status.CANCELLED)),
        places_offered=Sum("capacity", filter=delivered),
        # Here rather than a distinct count over bookings, which would sort them all.
        sessions_with_waiting=Count("pk", filter=Q(has_waiting)),
    )
    on_delivered = Q(
        session__status=Session.Status.SCHEDULED,
        session__ends_at__lte=now,
        status=Booking.Status.CONFIRMED,
    )
    bookings = Booking.objects.filter(**year.range_filter("session__starts_at")).aggregate(
        taken=Count("pk", filter=on_delivered),
        attended=Count("pk", filter=on_delivered & Q(attendance=Booking.Attendance.ATTENDED)),
        no_show=Count("pk", filter=on_delivered & Q(attendance=Booking.Attendance.NO_SHOW)),
        waiting=Count("pk", filter=waiting),
    )
    return {
        "sessions": sessions,
        "bookings": bookings,
        "courses": list(Course.objects.values_list("pk", "name", "slug")),
        "per course": dict(
            Session.objects.filter(delivered, **year.range_filter("starts_at"))
            .values_list("course")
            .annotate(n=Count("pk"))
            .order_by()
        ),
        "requests": dict(
            SessionRequest.objects.filter(**year.range_filter("created_at"))
            .values_list("status")
            .annotate(n=Count("pk"))
            .order_by()
        ),
        "feedback": {
            course: shares
            for (course,), shares in Feedback.objects.filter(
                **year.range_filter("booking__session__starts_at")
            )
            .top_box_shares_by("booking__session__course")
            .items()
        },
    }


def tables(years, figures):
    def by_year(name):
        return {year: figures[year][name] for year in years.both}

    sessions, bookings = by_year("sessions"), by_year("bookings")

    def figure(source, name, year):
        return source.get(year, {}).get(name) or 0

    summary_rows = [
        ("Sessions delivered", sessions, "delivered"),
        ("Sessions cancelled", sessions, "cancelled"),
        ("Places offered", sessions, "places_offered"),
        ("Places taken", bookings, "taken"),
        ("People on a waiting list", bookings, "waiting"),
        ("Sessions with a waiting list", sessions, "sessions_with_waiting"),
    ]
    result = [
        ReportTable(
            slug="training-sessions-and-places",
            title="Sessions, places and waiting lists",
            headers=["Measure", *years.both],
            rows=[
                [label, *(figure(source, name, year) for year in years.both)]
                for label, source, name in summary_rows
            ],
            notes=[
                "Delivered: sessions that have ended and were not cancelled. Places offered "
                "and taken are on delivered sessions. Waiting lists count people still waiting.",
            ],
        ),
        ReportTable(
            slug="training-attendance",
            title="Attendance and no-show rates",
            headers=[
                "Academic year",
                "Places taken",
                "Attended",
                "Did not attend",
                "Not recorded",
                "Attendance rate",
                "No-show rate",
            ],
            rows=[
                [
                    year,
                    figure(bookings, "taken", year),
                    figure(bookings, "attended", year),
                    figure(bookings, "no_show", year),
                    figure(bookings, "taken", year)
                    - figure(bookings, "attended", year)
                    - figure(bookings, "no_show", year),
                    percentage(figure(bookings, "attended", year), figure(bookings, "taken", year)),
                    percentage(figure(bookings, "no_show", year), figure(bookings, "taken", year)),
                ]
                for year in years.both
            ],
            chart_columns=(5, 6),
            scale=100,
            description="Bar chart of the attendance rate and the no-show rate in each year, "
            "as shares of places taken. The same figures are in the table.",
            notes=[
                "Rates are shares of places taken, so places with no register recorded "
                "count in neither."
            ],
        ),
    ]

    # Named as the chosen year's figures name them; the year before's may hold one since removed.
    courses = {pk: (name, slug) for pk, name, slug in figures[years.previous]["courses"]}
    courses.update({pk: (name, slug) for pk, name, slug in figures[years.chosen]["courses"]})
    per_course = by_year("per course")
    result.append(
        ReportTable(
            slug="training-sessions-by-course",
            title="Sessions delivered by course",
            headers=["Course", *years.both],
            rows=count_rows(
                [(pk, name) for pk, (name, _) in courses.items()], per_course, years.both
            ),
            total=total_row("All courses", per_course, years.both),
        )
    )

    requests = by_year("requests")
    result.append(
        ReportTable(
            slug="training-session-requests",
            title="Session requests by status",
            headers=["Status", *years.both],
            rows=count_rows(SessionRequest.Status.choices, requests, years.both),
            total=total_row("All requests", requests, years.both),
            notes=["Requests are counted in the academic year they were made."],
        )
    )

    for pk, (name, slug) in courses.items():
        chosen = figures[years.chosen]["feedback"].get(pk)
        previous = figures[years.previous]["feedback"].get(pk)
        if not chosen and not previous:
            continue
        result.append(_feedback_table(years, slug, name, chosen, previous))
    return result


def _feedback_table(years, course_slug, course_name, chosen, previous):
    def share(shares, question):
        if not shares:
            return Percent(None), 0
        figures = shares[question]
        return percentage(figures["top"], figures["total"]), figures["total"]

    rows = []
    for question in Feedback.QUESTIONS:
        chosen_share, chosen_responses = share(chosen, question)
        previous_share, previous_responses = share(previous, question)
        if question in BASELINE_QUESTIONS:
            meets = NO_TARGET
        elif chosen_share.value is None:
            meets = "no data"
        else:
            meets = "Yes" if chosen_share.value >= FEEDBACK_TARGET else "No"
        rows.append(
            [
                Feedback._meta.get_field(question).verbose_name,
                chosen_share,
                chosen_responses,
                previous_share,
                previous_responses,
                meets,
            ]
        )
    return ReportTable(
        slug=f"training-feedback-{course_slug}",
        title=f"Feedback on {course_name}: share of scores 4 or 5",
        headers=[
            "Question",
            f"{years.chosen} share of 4s and 5s",
            f"{years.chosen} responses",
            f"{years.previous} share of 4s and 5s",
            f"{years.previous} responses",
            f"{years.chosen} meets the {FEEDBACK_TARGET}% target",
        ],
        rows=rows,
        chart_columns=(1, 3),
        series=tuple(years.both),
        scale=100,
        target=(f"{FEEDBACK_TARGET}% target", FEEDBACK_TARGET),
        description=f"Bar chart of the share of scores of 4 or 5 for each question, in "
        f"{years.chosen} and {years.previous}, against the network's target of "
        f"{FEEDBACK_TARGET}% for the questions about the session. The same figures are in the "
        "table.",
        notes=[
            f"The {FEEDBACK_TARGET}% target is for the scores given about the session. "
            "Confidence before the session has no target: it is the baseline that confidence "
            "after the session is compared with."
        ],
    )
