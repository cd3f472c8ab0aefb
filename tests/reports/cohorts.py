"""Small generated cohorts for the disclosure tests: applications with equality answers, concerns
and mentoring for two academic years, and the single changes that happen to them day to day.

Seeded (random.Random), so a failing case can be replayed. Everything a year counts happens in
that year, as it does in practice: a pair is matched, accepted and completed in the year its
people signed up, so the links a reader may assume between the mentoring tables hold."""

import random
from datetime import timedelta

from django.utils import timezone

from concerns.models import Concern
from mentoring.models import EndFeedback, Match, Role, SignUp
from network.models import Application, EqualityMonitoring, EthnicGroup, Sex
from tests.concerns.factories import ConcernFactory
from tests.mentoring.factories import ProgrammeFactory
from tests.network.factories import CohortFactory
from tests.training.factories import BookingFactory, SessionFactory
from training.models import Booking

from . import bulk
from .helpers import moment

YEAR, PREVIOUS = "2026-27", "2025-26"
# Few answers, some far more common than others, so counts land on both sides of 8.
ETHNIC_GROUPS = (
    [EthnicGroup.WHITE_BRITISH] * 4
    + [EthnicGroup.INDIAN] * 2
    + [
        EthnicGroup.AFRICAN,
        "",
    ]
)
SEXES = [Sex.FEMALE, Sex.FEMALE, Sex.MALE, ""]
RECORDED_AS = [Concern.RecordedAs.DISCRIMINATION] * 3 + [Concern.RecordedAs.BULLYING]
CHARACTERISTICS = [Concern.Characteristic.RACE] * 3 + [
    Concern.Characteristic.SEX,
    Concern.Characteristic.DISABILITY,
]
SETTINGS = [Concern.Setting.PLACEMENT] * 2 + [Concern.Setting.EXAM_ARCP]
OUTCOMES = [Concern.Outcome.RESOLVED] * 2 + [Concern.Outcome.SIGNPOSTED]
LEADER_ORGANISATIONS = [("trust", "Alder Hey")] * 3 + [
    ("trust", "Royal Preston"),
    ("school", "School of Surgery"),
    ("school", "School of Surgery"),
    ("school", "School of Medicine"),
    ("", ""),
]


def in_year(year):
    """A weekday early in the academic year."""
    return moment(int(year[:4]), 10, 5)


class Cohorts:
    """One generated case: both years' applications, concerns and mentoring."""

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.number = 0
        for year in (YEAR, PREVIOUS):
            cohort = CohortFactory(name=year)
            for _ in range(self.random.randint(0, 14)):
                self.apply(cohort, accepted=self.random.random() < 0.4)
            for _ in range(self.random.randint(0, 11)):
                self.raise_concern(year)
        self.programmes = [ProgrammeFactory(name=name) for name in ("Alpha scheme", "Beta scheme")]
        for year in (YEAR, PREVIOUS):
            for programme in self.programmes:
                self.mentoring(programme, year)
        self.session = SessionFactory(starts_at=moment(2026, 11, 2), capacity=40)
        # Educational leaders who attended, in both years and the one before (the three years
        # to this year), at a few trusts and schools.
        self.leader_sessions = {
            year: SessionFactory(
                starts_at=in_year(year), ends_at=in_year(year) + timedelta(hours=3), capacity=500
            )
            for year in (YEAR, PREVIOUS, "2024-25")
        }
        for year in self.leader_sessions:
            for _ in range(self.random.randint(0, 14)):
                self.leader_attends(year)

    def apply(self, cohort, *, accepted=False):
        self.number += 1
        application = Application.objects.bulk_create(
            [bulk.application(cohort, self.number, status="accepted" if accepted else "submitted")]
        )[0]
        if self.random.random() < 0.9:  # one in ten skips the equality questions
            EqualityMonitoring.objects.create(
                application=application,
                ethnic_group=self.random.choice(ETHNIC_GROUPS),
                sex=self.random.choice(SEXES),
            )

    def leader_attends(self, year):
        self.number += 1
        kind, organisation = self.random.choice(LEADER_ORGANISATIONS)
        BookingFactory(
            session=self.leader_sessions[year],
            email=f"leader{self.number}@nhs.net",
            educator_role=self.random.choice(list(Booking.EducatorRole)),
            leadership_organisation_type=kind,
            leadership_organisation=organisation,
            attendance=Booking.Attendance.ATTENDED,
        )

    def raise_concern(self, year):
        raised = in_year(year)
        status = self.random.choice(["new", "acknowledged", "closed"])
        ConcernFactory(
            created_at=raised,
            recorded_as=self.random.choice(RECORDED_AS),
            characteristic=self.random.choice(CHARACTERISTICS),
            setting=self.random.choice(SETTINGS),
            status=status,
            acknowledged_at=None if status == "new" else raised + timedelta(days=1),
            closed_at=raised + timedelta(days=20) if status == "closed" else None,
            outcome=self.random.choice(OUTCOMES) if status == "closed" else "",
        )

    def sign_up(self, programme, year, role=Role.MENTEE):
        self.number += 1
        return SignUp.objects.create(
            programme=programme,
            user=None,
            full_name=f"Person {self.number}",
            email=f"person{self.number}@nhs.net",
            role=role,
            grade="registrar",
            specialty="medicine",
            area="greater_manchester",
            capacity=5,
            created_at=in_year(year),
        )

    def mentoring(self, programme, year):
        mentors = [
            self.sign_up(programme, year, Role.MENTOR) for _ in range(self.random.randint(0, 2))
        ]
        for index in range(self.random.randint(0, 9)):
            mentee = self.sign_up(programme, year)
            if not mentors or self.random.random() < 0.25:
                continue
            status = self.random.choice(list(Match.Status))
            match = Match.objects.create(
                programme=programme,
                mentor=mentors[index % len(mentors)],
                mentee=mentee,
                status=status,
                confirmed_at=in_year(year),
            )
            if status == Match.Status.ENDED:
                for person in (mentee, match.mentor):
                    if not person.completed_at and self.random.random() < 0.6:
                        self.complete(person, when=in_year(year) + timedelta(days=60))

    def complete(self, person, *, when):
        EndFeedback.objects.create(
            sign_up=person, rating=self.random.randint(1, 5), created_at=when
        )
        person.completed_at = when
        person.save(update_fields=["completed_at"])

    # The changes: each adds one person to the counts it touches, as a day's use would.

    def change(self, wanted):
        """Makes one change, the one wanted if it is possible (else one chosen at random among
        those that are), and says which."""
        now = timezone.now()
        open_concerns = Concern.objects.exclude(status=Concern.Status.CLOSED)
        not_accepted = Application.objects.exclude(status=Application.Status.ACCEPTED)
        this_year = SignUp.objects.filter(created_at__gte=in_year(YEAR) - timedelta(days=60))
        unmatched = this_year.filter(role=Role.MENTEE, as_mentee__isnull=True)
        mentors = this_year.filter(role=Role.MENTOR)
        waiting = Match.objects.filter(status=Match.Status.CONFIRMED, mentee__in=this_year)
        ended = Match.objects.filter(
            status=Match.Status.ENDED, mentee__in=this_year, mentee__completed_at__isnull=True
        )
        possible = {
            "a new application this year": lambda: self.apply(CohortFactory(name=YEAR)),
            "a late application to last year's cohort": lambda: self.apply(
                CohortFactory(name=PREVIOUS)
            ),
            "a booking": lambda: BookingFactory(session=self.session),
            "an educational leader attends": lambda: self.leader_attends(YEAR),
            "a new concern": lambda: self.raise_concern(YEAR),
            "a sign-up": lambda: self.sign_up(self.random.choice(self.programmes), YEAR),
        }
        if not_accepted.exists():
            possible["an acceptance"] = lambda: not_accepted.filter(
                pk=self.random.choice(list(not_accepted.values_list("pk", flat=True)))
            ).update(status=Application.Status.ACCEPTED)
        if open_concerns.exists():
            possible["a concern closed"] = lambda: open_concerns.filter(
                pk=self.random.choice(list(open_concerns.values_list("pk", flat=True)))
            ).update(status="closed", closed_at=now, outcome=self.random.choice(OUTCOMES))
        mentee = unmatched.filter(programme__sign_ups__in=mentors).first()
        if mentee:
            possible["a match"] = lambda: Match.objects.create(
                programme=mentee.programme,
                mentor=mentors.filter(programme=mentee.programme).first(),
                mentee=mentee,
                confirmed_at=now,
            )
        if waiting.exists():
            possible["a match accepted by both"] = lambda: waiting.filter(
                pk=waiting.values_list("pk", flat=True)[0]
            ).update(status=Match.Status.ACTIVE)
        if ended.exists():
            possible["someone completing"] = lambda: self.complete(ended[0].mentee, when=now)
        name = wanted if wanted in possible else self.random.choice(sorted(possible))
        possible[name]()
        return name


CHANGES = [
    "an educational leader attends",
    "a new application this year",
    "a late application to last year's cohort",
    "an acceptance",
    "a booking",
    "a new concern",
    "a concern closed",
    "a sign-up",
    "a match",
    "a match accepted by both",
    "someone completing",
]
