"""Fill a database with national-scale data for the benchmark (`make bench`).

The demo content first (workstreams, courses, topics, this year's cohort), then, at scale 1:
60,000 applications over 3 cohorts with equality answers, about 8,000 members with accounts,
2,000 training sessions with 40,000 bookings and 15,000 feedback responses, 3,000 QI projects,
1,000 volunteers, 2,000 resources, 2,000 good-practice items and 400 concerns. Rows are written
with bulk_create, so no email is queued and no signal runs; every database constraint holds.
"""

import random
from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from concerns.models import Concern
from concerns.services import hash_token
from edi_portal.academic_year import academic_year_for, previous_academic_year
from edi_portal.working_days import add_working_days
from network.models import (
    AgeBand,
    Application,
    ApplicationStatusChange,
    Area,
    Cohort,
    EqualityMonitoring,
    EthnicGroup,
    Grade,
    Membership,
    OversightGroupOutcome,
    Profession,
    Religion,
    Sex,
    SexualOrientation,
    Specialty,
    User,
    YesNo,
)
from peer_support.models import Topic, VolunteerProfile, VolunteerTopic, end_of_academic_year
from qi_projects.models import EdiFocus, QIConference, QIProject, Stage, Theme
from qi_projects.models import Status as ProjectStatus
from stories.models import Story
from stories.models import Topic as StoryTopic
from training.models import Booking, Course, Feedback, Session
from workstreams.models import GoodPractice, Region, Resource, Workstream

# Every seeded application's reference starts with this; real ones start "EDI-". Finding one
# means the database was seeded already.
REFERENCE_PREFIX = "NAT-"
BATCH_SIZE = 2000

# The shape of the data at scale 1.
COUNTS = {
    "applications": 60_000,
    "members": 8_000,
    "sessions": 2_000,
    "bookings": 40_000,
    "feedback": 15_000,
    "qi_projects": 3_000,
    "volunteers": 1_000,
    "resources": 2_000,
    "good_practice": 2_000,
    "concerns": 400,
    "stories": 300,
}
COHORTS = 3

FIRST_NAMES = (  # noqa: SIM905  (a list of names reads better as a sentence)
    "Aisha Amara Oliver Priya Kwame Sian Fatima Tomasz Grace Daniel Yusuf Hannah Rajesh Megan "
    "Chidi Ewan Sophie Laura Emily Imran Leila Nadia James Zainab Ahmed Olivia Mei Arjun "
    "Chloe Kofi Niamh Ravi Isla Omar Ruth Samir Anya Tariq Joanne Bilal Catrin Femi Rosa "
    "Hamza Eilidh"
).split()
LAST_NAMES = (  # noqa: SIM905  (a list of names reads better as a sentence)
    "Okafor Hughes Shah Mensah Roberts Begum Nowak Adeyemi Bennett Khan Patel Lewis Eze Grant "
    "Campbell Turner Clarke Fitzgerald Rashid Haddad Rahman Whitworth Ali Jones Smith Chen "
    "Singh Murphy Williams Ahmed Kowalski Davies Osei Brown Hussain Evans Taylor Iqbal Walsh "
    "Obi"
).split()
TRUSTS = [
    "Alder Hey Children's NHS Foundation Trust",
    "Blackpool Teaching Hospitals NHS Foundation Trust",
    "Lancashire Teaching Hospitals NHS Foundation Trust",
    "Liverpool University Hospitals NHS Foundation Trust",
    "Manchester University NHS Foundation Trust",
    "Northern Care Alliance NHS Foundation Trust",
    "Stockport NHS Foundation Trust",
    "Wirral University Teaching Hospital NHS Foundation Trust",
    "East Lancashire Hospitals NHS Trust",
    "Countess of Chester Hospital NHS Foundation Trust",
    "Lead employer (St Helens and Knowsley Teaching Hospitals)",
    "University Hospitals of Morecambe Bay NHS Foundation Trust",
]
VENUES = [
    ("Education Centre, Manchester Royal Infirmary", "Oxford Road, Manchester M13 9WL"),
    ("Liverpool Medical Institution", "114 Mount Pleasant, Liverpool L3 5SR"),
    ("Postgraduate Medical Centre, Royal Preston Hospital", "Sharoe Green Lane, Preston PR2 9HT"),
    ("Education Centre, Royal Blackburn Teaching Hospital", "Haslingden Road, Blackburn BB2 3HH"),
]
PRONOUNS = ["", "", "she/her", "he/him", "they/them"]
CHANGES = [
    "active bystander sessions on teaching days",
    "a buddy scheme for international medical graduates",
    "an induction checklist for supervisors",
    "a trainee forum with a named consultant sponsor",
    "captioned recordings of regional teaching",
    "a reasonable adjustments passport",
    "protected time for less than full time trainees",
    "an allyship workshop for educators",
]
GROUPS = [
    "international medical graduates",
    "disabled trainees",
    "trainees from ethnic minority backgrounds",
    "less than full time trainees",
    "LGBTQ+ trainees",
    "trainees returning to training",
    "neurodivergent trainees",
]
MOTIVATION = (
    "I have seen colleagues struggle to speak up, and I want to help make our training "
    "programmes places where everyone feels they belong."
)


def scaled(name, scale):
    return max(1, round(COUNTS[name] * scale))


def spread(total, parts, rng):
    """`total` split into `parts` whole numbers, each within half either side of the mean."""
    mean = total / parts
    shares = [rng.uniform(0.5, 1.5) * mean for _ in range(parts)]
    factor = total / sum(shares)
    counts = [int(share * factor) for share in shares]
    for index in range(total - sum(counts)):
        counts[index % parts] += 1
    return counts


class NationalData:
    """Writes the rows; each method returns what later ones refer to."""

    def __init__(self, scale, stdout, seed=12):
        self.scale = scale
        self.stdout = stdout
        self.rng = random.Random(seed)
        self.now = timezone.now()

    def count(self, name):
        return scaled(name, self.scale)

    def bulk(self, model, rows):
        created = model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.stdout.write(f"  {model._meta.verbose_name_plural}: {len(created):,}")
        return created

    def many(self, model, name, make):
        """make(number) for each number up to the scaled count of `name`, written in bulk."""
        return self.bulk(model, [make(number) for number in range(self.count(name))])

    def name(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def run(self):
        cohorts = self.cohorts()
        workstreams = list(Workstream.objects.filter(is_active=True))
        applications = self.applications(cohorts, workstreams)
        members = self.members(applications)
        self.training()
        self.qi_projects([member.user for member in members])
        self.volunteers([member.user for member in members])
        self.resources(workstreams)
        self.good_practice()
        self.concerns()
        self.stories(workstreams)

    def cohorts(self):
        """This year's cohort (from the demo content) and the ones before it."""
        names = [academic_year_for()]
        while len(names) < COHORTS:
            names.append(previous_academic_year(names[-1]))
        cohorts = []
        for name in names:
            start = int(name[:4])
            cohort, _ = Cohort.objects.get_or_create(
                name=name,
                defaults={
                    "applications_open": timezone.make_aware(datetime(start, 8, 1)),
                    "applications_close": timezone.make_aware(datetime(start + 1, 3, 31, 17)),
                },
            )
            cohorts.append(cohort)
        return cohorts

    def applications(self, cohorts, workstreams):
        """Applications in every status, each with equality answers and its status history."""
        rng = self.rng
        total = self.count("applications")
        accepted_share = self.count("members") / total
        Status = Application.Status
        other_statuses = [Status.DECLINED, Status.WITHDRAWN, Status.WAITLISTED, Status.IN_REVIEW]
        applications = []
        for number in range(total):
            cohort = cohorts[number % len(cohorts)]
            opens = cohort.applications_open
            window = min(cohort.applications_close, self.now) - opens
            submitted = opens + window * rng.random()
            if rng.random() < accepted_share:
                status = Status.ACCEPTED
            elif cohort is cohorts[0] and rng.random() < 0.5:
                status = Status.SUBMITTED
            else:
                status = rng.choice(other_statuses)
            wants_group = rng.random() < 0.1
            name = self.name()
            outcome = OversightGroupOutcome.NOT_REQUESTED
            if wants_group:
                outcome = rng.choice(
                    [value for value in OversightGroupOutcome.values if value != outcome]
                )
            applications.append(
                Application(
                    cohort=cohort,
                    reference=f"{REFERENCE_PREFIX}{number:07d}",
                    full_name=name,
                    pronouns=rng.choice(PRONOUNS),
                    email=f"{slugify(name).replace('-', '.')}.{number}@nhs.net",
                    profession=rng.choice(Profession.values),
                    grade=rng.choice(Grade.values),
                    specialty=rng.choice(Specialty.labels),
                    employing_trust=rng.choice(TRUSTS),
                    area=rng.choice(Area.values),
                    oversight_group_statement="I chair our trust's trainee forum."
                    if wants_group
                    else "",
                    oversight_group_outcome=outcome,
                    motivation=MOTIVATION,
                    status=status,
                    submitted_at=submitted,
                    status_changed_at=submitted
                    if status == Status.SUBMITTED
                    else min(submitted + timedelta(days=rng.randint(1, 30)), self.now),
                )
            )
        applications = self.bulk(Application, applications)

        through = Application.workstreams.through
        self.bulk(
            through,
            [
                through(application_id=application.pk, workstream_id=workstream.pk)
                for application in applications
                for workstream in rng.sample(workstreams, rng.randint(1, min(3, len(workstreams))))
            ],
        )
        self.bulk(EqualityMonitoring, [self.equality(application) for application in applications])
        changes = []
        for application in applications:
            changes.append(
                ApplicationStatusChange(
                    application=application,
                    to_value=Status.SUBMITTED,
                    changed_at=application.submitted_at,
                )
            )
            if application.status != Status.SUBMITTED:
                changes.append(
                    ApplicationStatusChange(
                        application=application,
                        from_value=Status.SUBMITTED,
                        to_value=application.status,
                        changed_at=application.status_changed_at,
                    )
                )
        self.bulk(ApplicationStatusChange, changes)
        return applications

    def equality(self, application):
        """Answers to every question, some skipped (blank) and some "prefer not to say"."""
        rng = self.rng
        choices = {
            "ethnic_group": EthnicGroup.values,
            "disability": YesNo.values,
            "sex": Sex.values,
            "gender_same_as_sex_at_birth": YesNo.values,
            "sexual_orientation": SexualOrientation.values,
            "religion": Religion.values,
            "age_band": AgeBand.values,
            "caring_responsibilities": YesNo.values,
            "qualified_outside_uk": YesNo.values,
            "less_than_full_time": YesNo.values,
        }
        return EqualityMonitoring(
            application=application,
            **{
                field: "" if rng.random() < 0.1 else rng.choice(values)
                for field, values in choices.items()
            },
        )

    def members(self, applications):
        """A membership, with an account and a verified address, for each accepted application."""
        accepted = [app for app in applications if app.status == Application.Status.ACCEPTED]
        users = self.bulk(
            User,
            [
                User(
                    email=application.email,
                    first_name=application.full_name.split()[0],
                    last_name=application.full_name.split()[-1],
                    password=make_password(None),
                )
                for application in accepted
            ],
        )
        self.bulk(
            EmailAddress,
            [
                EmailAddress(user=user, email=user.email, verified=True, primary=True)
                for user in users
            ],
        )
        members = self.bulk(
            Membership,
            [
                Membership(
                    cohort_id=application.cohort_id,
                    email=application.email,
                    user=user,
                    full_name=application.full_name,
                    application=application,
                    oversight_group_outcome=application.oversight_group_outcome,
                )
                for application, user in zip(accepted, users, strict=True)
            ],
        )
        chosen = Application.workstreams.through.objects.filter(
            application__status=Application.Status.ACCEPTED,
            application__reference__startswith=REFERENCE_PREFIX,
        ).values_list("application_id", "workstream_id")
        membership_of = {member.application_id: member.pk for member in members}
        through = Membership.workstreams.through
        self.bulk(
            through,
            [
                through(membership_id=membership_of[application_id], workstream_id=workstream_id)
                for application_id, workstream_id in chosen.iterator()
            ],
        )
        return members

    def training(self):
        """Sessions from two academic years ago to six months ahead, booked and evaluated."""
        rng = self.rng
        courses = list(Course.objects.all())
        first_day = timezone.localdate().replace(month=8, day=1) - timedelta(days=2 * 365)
        days = (timezone.localdate() + timedelta(days=180) - first_day).days
        london = timezone.get_current_timezone()
        sessions = []
        for _ in range(self.count("sessions")):
            day = first_day + timedelta(days=rng.randrange(days))
            starts_at = datetime.combine(day, time(rng.choice([9, 10, 13, 14]), 30), london)
            online = rng.random() < 0.3
            venue, address = ("", "") if online else rng.choice(VENUES)
            cancelled = rng.random() < 0.05
            sessions.append(
                Session(
                    course=rng.choice(courses),
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=rng.choice([2, 3, 7])),
                    format=Session.Format.ONLINE if online else Session.Format.IN_PERSON,
                    venue=venue,
                    address=address,
                    joining_link="https://teams.microsoft.com/l/meetup-join/nw-edi"
                    if online
                    else "",
                    capacity=rng.randint(12, 40),
                    facilitators=f"Dr {self.name()}",
                    status=Session.Status.CANCELLED if cancelled else Session.Status.SCHEDULED,
                    cancelled_at=starts_at - timedelta(days=7) if cancelled else None,
                )
            )
        sessions = self.bulk(Session, sessions)

        bookings = []
        for session, count in zip(
            sessions, spread(self.count("bookings"), len(sessions), rng), strict=True
        ):
            past = session.starts_at < self.now
            for index in range(count):
                name = self.name()
                if rng.random() < 0.08:
                    status = Booking.Status.CANCELLED
                elif index < session.capacity:
                    status = Booking.Status.CONFIRMED
                else:
                    status = Booking.Status.WAITING
                confirmed = status == Booking.Status.CONFIRMED
                attendance = Booking.Attendance.UNKNOWN
                if past and confirmed and not session.is_cancelled:
                    attendance = rng.choices(
                        [Booking.Attendance.ATTENDED, Booking.Attendance.NO_SHOW], [9, 1]
                    )[0]
                bookings.append(
                    Booking(
                        session=session,
                        name=name,
                        # Unique per session, so the one-active-booking constraint holds.
                        email=f"{slugify(name).replace('-', '.')}.{index}@nhs.net",
                        role=rng.choice(Booking.Role.values),
                        organisation=rng.choice(TRUSTS),
                        consent=True,
                        status=status,
                        attendance=attendance,
                        confirmed_at=session.starts_at - timedelta(days=14) if confirmed else None,
                        cancelled_at=session.starts_at - timedelta(days=3)
                        if status == Booking.Status.CANCELLED
                        else None,
                        feedback_requested_at=session.ends_at
                        if attendance == Booking.Attendance.ATTENDED
                        else None,
                    )
                )
        bookings = self.bulk(Booking, bookings)

        attended = [b for b in bookings if b.attendance == Booking.Attendance.ATTENDED]
        feedback = []
        for booking in rng.sample(attended, min(self.count("feedback"), len(attended))):
            before = rng.randint(1, 4)
            feedback.append(
                Feedback(
                    booking=booking,
                    usefulness=rng.randint(3, 5),
                    applicability=rng.randint(2, 5),
                    improved_knowledge=rng.randint(2, 5),
                    confidence_before=before,
                    confidence_after=rng.randint(before, 5),
                    comments=rng.choice(["", "", "The scenarios felt real and useful."]),
                )
            )
        self.bulk(Feedback, feedback)

    def qi_projects(self, authors):
        """Projects in every status over four academic years, most of them published."""
        rng = self.rng
        years = [academic_year_for()]
        for _ in range(3):
            years.append(previous_academic_year(years[-1]))
        statuses = [
            (ProjectStatus.PUBLISHED, 70),
            (ProjectStatus.SUBMITTED, 10),
            (ProjectStatus.CHANGES_REQUESTED, 5),
            (ProjectStatus.DRAFT, 10),
            (ProjectStatus.REJECTED, 3),
            (ProjectStatus.WITHDRAWN, 2),
        ]
        projects = []
        for number in range(self.count("qi_projects")):
            change, group = rng.choice(CHANGES), rng.choice(GROUPS)
            title = f"{change.capitalize()} for {group}"
            status = rng.choices(*zip(*statuses, strict=True))[0]
            submitted = None
            if status != ProjectStatus.DRAFT:
                submitted = self.now - timedelta(days=rng.randint(20, 4 * 365))
            published = status == ProjectStatus.PUBLISHED
            projects.append(
                QIProject(
                    slug=f"{slugify(title)[:60]}-{number}",
                    author=rng.choice(authors),
                    title=title,
                    team_members=f"Dr {self.name()}, lead\nDr {self.name()}, supervisor",
                    trust=rng.choice(TRUSTS),
                    specialty=rng.choice(Specialty.values),
                    theme=rng.choice(Theme.values),
                    edi_focus=rng.choice(EdiFocus.values),
                    aim=f"Within a year, {group} feel supported and included, measured by a "
                    "survey before and after.",
                    change_ideas=f"We introduced {change}.",
                    measures="Survey scores, attendance and what trainees told us.",
                    results="Confidence to speak up rose from about a third to most trainees."
                    if published
                    else "",
                    stage=rng.choice(Stage.values),
                    academic_year=rng.choice(years),
                    status=status,
                    submitted_at=submitted,
                    published_at=submitted + timedelta(days=10) if published else None,
                )
            )
        projects = self.bulk(QIProject, projects)
        published = [project for project in projects if project.is_published]
        for year in years[1:]:
            start = int(year[:4])
            conference, _ = QIConference.objects.get_or_create(
                academic_year=year,
                defaults={
                    "date": datetime(start + 1, 6, 18).date(),
                    "venue": "Manchester Central Convention Complex, Manchester M2 3GX",
                    "submission_deadline": datetime(start + 1, 4, 30).date(),
                },
            )
            of_year = [project for project in published if project.academic_year == year]
            conference.presenting_projects.add(*of_year[:20])

    def volunteers(self, members):
        """Volunteer profiles of members, most approved and listed, each with consented topics."""
        rng = self.rng
        topics = list(Topic.objects.all())
        listed_until = end_of_academic_year(timezone.localdate())
        statuses = [(VolunteerProfile.Status.APPROVED, 85), (VolunteerProfile.Status.PENDING, 10)]
        statuses.append((VolunteerProfile.Status.PAUSED, 5))
        taken = set(VolunteerProfile.objects.values_list("user_id", flat=True))
        users = [user for user in members if user.pk not in taken]
        profiles = []
        for user in rng.sample(users, min(self.count("volunteers"), len(users))):
            status = rng.choices(*zip(*statuses, strict=True))[0]
            profiles.append(
                VolunteerProfile(
                    user=user,
                    display_name=user.first_name,
                    pronouns=rng.choice(PRONOUNS),
                    grade=rng.choice(Grade.values),
                    specialty=rng.choice(Specialty.values),
                    area=rng.choice(Area.values),
                    languages=rng.choice(["English", "English, Urdu", "English, Polish"]),
                    availability="Weekday evenings, by phone or video call",
                    bio=f"Happy to talk about training as one of the {rng.choice(GROUPS)}.",
                    status=status,
                    approved_at=self.now if status != VolunteerProfile.Status.PENDING else None,
                    listed_until=listed_until,
                )
            )
        profiles = self.bulk(VolunteerProfile, profiles)
        self.bulk(
            VolunteerTopic,
            [
                VolunteerTopic(profile=profile, topic=topic)
                for profile in profiles
                for topic in rng.sample(topics, rng.randint(1, min(4, len(topics))))
            ],
        )

    def stories(self, workstreams):
        """Published stories for the list and story pages. No video is stored: the pages link
        to the files but never read them."""
        rng = self.rng
        topics = self.bulk(
            StoryTopic,
            [StoryTopic(name=group.capitalize(), slug=slugify(group)) for group in GROUPS],
        )
        stories = self.many(
            Story,
            "stories",
            lambda number: Story(
                title=f"Story {number}: {rng.choice(CHANGES)}",
                slug=f"national-story-{number}",
                summary=f"A trainee describes what changed with {rng.choice(CHANGES)}.",
                workstream=rng.choice(workstreams),
                content_warning="Describes discrimination at work.",
                video=f"stories/videos/national-{number}.webm",
                video_format="webm",
                duration=rng.uniform(60, 600),
                captions=f"stories/captions/national-{number}.vtt",
                transcript=f"{MOTIVATION} We asked for {rng.choice(CHANGES)}.",
                status="published",
                published_at=self.now - timedelta(days=rng.randint(1, 900)),
            ),
        )
        self.bulk(
            Story.topics.through,
            [
                Story.topics.through(story=story, topic=topic)
                for story in stories
                for topic in rng.sample(topics, rng.randint(1, 3))
            ],
        )

    def resources(self, workstreams):
        rng = self.rng
        self.many(
            Resource,
            "resources",
            lambda number: Resource(
                title=f"{rng.choice(CHANGES).capitalize()}: a guide ({number})",
                category=rng.choice(Resource.Category.values),
                workstream=rng.choice([None, *workstreams]),
                description=f"For {rng.choice(GROUPS)} and the people who supervise them.",
                url=f"https://www.example.nhs.uk/resources/{number}",
            ),
        )

    def good_practice(self):
        rng = self.rng

        def item(number):
            change, group, trust = rng.choice(CHANGES), rng.choice(GROUPS), rng.choice(TRUSTS)
            title = f"{change.capitalize()} at {trust}"
            return GoodPractice(
                title=title,
                slug=f"{slugify(title)[:180]}-{number}",
                theme=rng.choice(GoodPractice.Theme.values),
                region=rng.choice(Region.values),
                organisation=trust,
                summary=f"How {trust} introduced {change} for {group}.",
                what_was_done=f"We introduced {change}.\n\n- planned with trainees\n"
                "- reviewed each rotation",
                benefits=f"{group.capitalize()} said they felt more supported.",
                lessons_learned="Start small, ask trainees early and keep measuring.",
                contact_name=f"Dr {self.name()}",
            )

        self.many(GoodPractice, "good_practice", item)

    def concerns(self):
        rng = self.rng
        now = timezone.now()

        def concern(number):
            raised = now - timedelta(days=rng.randint(0, 900), hours=rng.randint(0, 23))
            status = rng.choice(Concern.Status.values)
            handled = status != Concern.Status.NEW
            closed = status == Concern.Status.CLOSED
            return Concern(
                reference=f"{REFERENCE_PREFIX}C{number:06d}",
                recorded_as=rng.choice(Concern.RecordedAs.values),
                characteristic=rng.choice(Concern.Characteristic.values),
                setting=rng.choice(Concern.Setting.values),
                details="A consultant made comments about a colleague's accent on a ward round.",
                email="" if rng.random() < 0.4 else f"reporter.{number}@nhs.net",
                follow_up_token_hash=hash_token(f"{REFERENCE_PREFIX}{number}"),
                status=status,
                outcome=rng.choice(Concern.Outcome.values) if closed else "",
                created_at=raised,
                acknowledge_by=add_working_days(
                    raised.date(), settings.CONCERN_ACKNOWLEDGE_WORKING_DAYS
                ),
                respond_by=add_working_days(raised.date(), settings.CONCERN_RESPOND_WORKING_DAYS),
                acknowledged_at=raised + timedelta(days=rng.randint(0, 5)) if handled else None,
                closed_at=raised + timedelta(days=rng.randint(5, 40)) if closed else None,
            )

        self.many(Concern, "concerns", concern)


class Command(BaseCommand):
    help = "Fill a fresh database with national-scale data for the benchmark (once per database)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiply every count by this (1 = 60,000 applications; 0.1 for a quick run).",
        )

    def handle(self, *args, scale, **options):
        if scale <= 0:
            raise CommandError("--scale must be more than 0.")
        if Application.objects.filter(reference__startswith=REFERENCE_PREFIX).exists():
            raise CommandError(
                "This database already holds national-scale data: seed a fresh database."
            )
        started = timezone.now()
        with transaction.atomic():
            call_command("seed_demo", stdout=self.stdout)
            NationalData(scale, self.stdout).run()
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            self.style.SUCCESS(f"National-scale data (scale {scale}) in {seconds:.0f} s.")
        )
