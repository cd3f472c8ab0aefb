"""Large amounts of report data, made fast with bulk_create (for query counts and the benchmark)."""

import itertools
from datetime import timedelta

from network.models import (
    Application,
    Area,
    EqualityMonitoring,
    Grade,
    Membership,
    Profession,
)
from qi_projects.models import QIProject
from tests.factories import WorkstreamFactory
from tests.network.factories import CohortFactory
from tests.training.factories import CourseFactory
from training.models import Booking, Feedback, Session

from .helpers import moment

STATUSES = itertools.cycle(Application.Status.values)


def answers(n):
    """Every equality question answered, the choices (and a skipped answer) cycling with n."""
    result = {}
    for offset, name in enumerate(EqualityMonitoring.ANSWER_FIELDS):
        values = [*EqualityMonitoring._meta.get_field(name).choices, ("", "")]
        result[name] = values[(n + offset) % len(values)][0]
    return result


def application(cohort, n, **fields):
    """Unsaved application number n to the cohort, its details cycling with n; fields override."""
    return Application(
        **{
            "cohort": cohort,
            "reference": f"B{cohort.name[:4]}{n:07d}",
            "full_name": f"Applicant {n}",
            "email": f"bulk{n}@nhs.net",
            "profession": Profession.values[n % 3],
            "grade": Grade.values[n % len(Grade.values)],
            "specialty": "Medicine",
            "employing_trust": f"Trust {n % 12}",
            "area": Area.values[n % 3],
            "motivation": "Fairer training.",
            **fields,
        }
    )


def applications(count, *, year="2026-27", start=0):
    """`count` applications to the year's cohort, in every status, each with answers."""
    cohort = CohortFactory(name=year)
    workstream = WorkstreamFactory(name="Bulk workstream", slug="bulk-workstream")
    made = Application.objects.bulk_create(
        application(cohort, n, status=next(STATUSES)) for n in range(start, start + count)
    )
    EqualityMonitoring.objects.bulk_create(
        EqualityMonitoring(application=a, **answers(n)) for n, a in enumerate(made)
    )
    Application.workstreams.through.objects.bulk_create(
        Application.workstreams.through(application=a, workstream=workstream) for a in made
    )
    members = Membership.objects.bulk_create(
        Membership(cohort=cohort, email=a.email, full_name=a.full_name, application=a)
        for a in made
        if a.status == Application.Status.ACCEPTED
    )
    Membership.workstreams.through.objects.bulk_create(
        Membership.workstreams.through(membership=m, workstream=workstream) for m in members
    )


def sessions(count, *, bookings_each=20):
    """`count` delivered sessions of 2026-27 (say it is March 2027), full, with feedback."""
    courses = [CourseFactory() for _ in range(3)]
    made = Session.objects.bulk_create(
        Session(
            course=courses[n % 3],
            starts_at=moment(2026, 9, 1) + timedelta(hours=6 * n),
            ends_at=moment(2026, 9, 1) + timedelta(hours=6 * n + 3),
            venue="Education centre",
            capacity=bookings_each,
        )
        for n in range(count)
    )
    bookings = Booking.objects.bulk_create(
        Booking(
            session=session,
            name="Educator",
            email=f"s{session.pk}-{n}@nhs.net",
            role=Booking.Role.CONSULTANT,
            organisation="A trust",
            status=Booking.Status.CONFIRMED,
            attendance=Booking.Attendance.ATTENDED if n % 5 else Booking.Attendance.NO_SHOW,
        )
        for session in made
        for n in range(bookings_each)
    )
    Feedback.objects.bulk_create(
        Feedback(
            booking=booking,
            usefulness=5,
            applicability=4,
            improved_knowledge=3,
            confidence_before=2,
            confidence_after=4,
        )
        for booking in bookings
        if booking.attendance == Booking.Attendance.ATTENDED
    )


def qi_projects(count, *, year="2026-27"):
    QIProject.objects.bulk_create(
        QIProject(
            slug=f"bulk-{year}-{n}",
            title=f"Project {n}",
            team_members="A team",
            trust="A trust",
            specialty="medicine",
            theme="supporting-learners",
            edi_focus="race",
            aim="An aim.",
            stage="completed",
            academic_year=year,
            status="submitted",
        )
        for n in range(count)
    )
