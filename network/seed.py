"""Demo content for network membership: an open cohort and applications in every state.

Applications are written directly (not through the services) so that seeding sends no email;
accepted ones get their membership as acceptance would make it.
"""

from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from edi_portal.academic_year import academic_year_for
from workstreams.models import Workstream

from .models import (
    Application,
    ApplicationStatusChange,
    Area,
    Cohort,
    EqualityMonitoring,
    Grade,
    Membership,
    OversightGroupOutcome,
    Profession,
    User,
)
from .services import NETWORK_ADMINS_GROUP

Status = Application.Status
Outcome = OversightGroupOutcome

# (name, pronouns, profession, grade, specialty, trust, area, workstream slugs, status,
#  Oversight Group outcome, days ago)
APPLICANTS = [
    ("Amara Okafor", "she/her", Profession.MEDICINE, Grade.REGISTRAR, "Paediatrics",
     "Alder Hey Children's NHS Foundation Trust", Area.CHESHIRE_MERSEYSIDE,
     ["peer-support-network", "qi-delivery-group"], Status.SUBMITTED, Outcome.REQUESTED, 1),
    ("Daniel Hughes", "he/him", Profession.MEDICINE, Grade.FOUNDATION_2, "Foundation programme",
     "Lancashire Teaching Hospitals NHS Foundation Trust", Area.LANCASHIRE_SOUTH_CUMBRIA,
     ["active-bystander-training"], Status.SUBMITTED, Outcome.NOT_REQUESTED, 2),
    ("Priya Shah", "she/her", Profession.DENTISTRY, Grade.DENTAL_CORE, "Oral surgery",
     "Manchester University NHS Foundation Trust", Area.GREATER_MANCHESTER,
     ["content-creation"], Status.IN_REVIEW, Outcome.NOT_REQUESTED, 6),
    ("Kwame Mensah", "", Profession.MEDICINE, Grade.CORE, "Core surgical training",
     "Northern Care Alliance NHS Foundation Trust", Area.GREATER_MANCHESTER,
     ["international-medical-graduate-support", "peer-support-network"], Status.IN_REVIEW,
     Outcome.SHORTLISTED, 9),
    ("Sian Roberts", "they/them", Profession.PUBLIC_HEALTH, Grade.PUBLIC_HEALTH_REGISTRAR,
     "Public health", "Lead employer (St Helens and Knowsley Teaching Hospitals)",
     Area.CHESHIRE_MERSEYSIDE, ["qi-delivery-group", "educator-development-group"],
     Status.ACCEPTED, Outcome.APPOINTED, 20),
    ("Fatima Begum", "she/her", Profession.MEDICINE, Grade.GP_TRAINEE, "General practice",
     "Lead employer (St Helens and Knowsley Teaching Hospitals)", Area.LANCASHIRE_SOUTH_CUMBRIA,
     ["domestic-abuse-support"], Status.ACCEPTED, Outcome.NOT_REQUESTED, 25),
    ("Tomasz Nowak", "he/him", Profession.MEDICINE, Grade.REGISTRAR, "Anaesthetics",
     "Wirral University Teaching Hospital NHS Foundation Trust", Area.CHESHIRE_MERSEYSIDE,
     ["active-bystander-training"], Status.WAITLISTED, Outcome.NOT_APPOINTED, 18),
    ("Grace Adeyemi", "", Profession.DENTISTRY, Grade.DENTAL_FOUNDATION, "Dental foundation",
     "Blackpool Teaching Hospitals NHS Foundation Trust", Area.LANCASHIRE_SOUTH_CUMBRIA,
     ["content-creation", "peer-support-network"], Status.DECLINED, Outcome.NOT_REQUESTED, 30),
    ("Oliver Bennett", "he/him", Profession.MEDICINE, Grade.FOUNDATION_1, "Foundation programme",
     "Stockport NHS Foundation Trust", Area.GREATER_MANCHESTER, ["qi-delivery-group"],
     Status.WITHDRAWN, Outcome.NOT_REQUESTED, 15),
]  # fmt: skip

EQUALITY = [
    {"ethnic_group": "black_african", "sex": "female", "age_band": "30_34"},
    {"ethnic_group": "white_british", "sex": "male", "age_band": "under_25"},
    {"ethnic_group": "asian_indian", "religion": "hindu", "qualified_outside_uk": "no"},
    {"ethnic_group": "black_african", "qualified_outside_uk": "yes", "age_band": "30_34"},
    {"sexual_orientation": "prefer_not_to_say", "less_than_full_time": "yes"},
    {"ethnic_group": "asian_bangladeshi", "religion": "muslim", "caring_responsibilities": "yes"},
    {"ethnic_group": "white_other", "qualified_outside_uk": "yes"},
    {},
    {"ethnic_group": "prefer_not_to_say", "sex": "prefer_not_to_say"},
]


def current_cohort():
    now = timezone.now()
    name = academic_year_for()
    start_year = int(name[:4])
    cohort, _ = Cohort.objects.update_or_create(
        name=name,
        defaults={
            # Open for the demo: from the start of the academic year until well ahead.
            "applications_open": timezone.make_aware(datetime(start_year, 8, 1)),
            "applications_close": max(
                now + timedelta(days=60),
                timezone.make_aware(datetime(start_year + 1, 3, 31, 17, 0)),
            ),
        },
    )
    return cohort


def run(stdout):
    Group.objects.get_or_create(name=NETWORK_ADMINS_GROUP)
    cohort = current_cohort()
    workstreams = {w.slug: w for w in Workstream.objects.all()}
    now = timezone.now()
    for number, (applicant, equality) in enumerate(zip(APPLICANTS, EQUALITY, strict=True), 1):
        (name, pronouns, profession, grade, specialty, trust, area, slugs, status, outcome,
         days_ago) = applicant  # fmt: skip
        email = name.lower().replace(" ", ".") + "@nhs.net"
        submitted = now - timedelta(days=days_ago)
        application, _ = Application.objects.update_or_create(
            cohort=cohort,
            email=email,
            defaults={
                "reference": f"EDI-DEMO{number:04d}",
                "full_name": name,
                "pronouns": pronouns,
                "profession": profession,
                "grade": grade,
                "specialty": specialty,
                "employing_trust": trust,
                "area": area,
                "motivation": (
                    "I have seen colleagues struggle to speak up, and I want to help make our "
                    "training programmes places where everyone feels they belong."
                ),
                "oversight_group_statement": (
                    "I chair our trust's trainee forum and would bring that experience."
                    if outcome != Outcome.NOT_REQUESTED
                    else ""
                ),
                "oversight_group_outcome": outcome,
                "status": status,
                "submitted_at": submitted,
                "status_changed_at": submitted + timedelta(days=min(days_ago, 3)),
            },
        )
        application.workstreams.set([workstreams[slug] for slug in slugs if slug in workstreams])
        EqualityMonitoring.objects.update_or_create(
            application=application,
            defaults={field: equality.get(field, "") for field in EqualityMonitoring.ANSWER_FIELDS},
        )
        application.status_changes.all().delete()
        ApplicationStatusChange.objects.create(
            application=application, to_value=Status.SUBMITTED, changed_at=submitted
        )
        if status != Status.SUBMITTED:
            ApplicationStatusChange.objects.create(
                application=application,
                from_value=Status.SUBMITTED,
                to_value=status,
                changed_at=application.status_changed_at,
            )
        if status == Status.ACCEPTED:
            membership, _ = Membership.objects.update_or_create(
                cohort=cohort,
                email=email,
                defaults={
                    "application": application,
                    "full_name": name,
                    "oversight_group_outcome": outcome,
                    "user": User.objects.filter(email=email).first(),
                },
            )
            membership.workstreams.set(application.workstreams.all())
    stdout.write(f"Network: cohort {cohort.name}, {len(APPLICANTS)} applications")
