"""Demo content for QI projects: projects from the network's own record, and this year's conference."""

from datetime import date, timedelta

from django.utils import timezone

from edi_portal.academic_year import academic_year_for, previous_academic_year
from network.models import Specialty

from .models import EdiFocus, QIConference, QIProject, Stage, Status, Theme

PROJECTS = [
    {
        "slug": "webpages-for-the-edi-group",
        "title": "Webpages for the EDI group",
        "team_members": "QI Delivery Group trainees\nContent Creation workstream",
        "trust": "NHS England North West",
        "specialty": Specialty.CROSS_SPECIALTY,
        "theme": Theme.SUPPORTING_LEARNERS,
        "edi_focus": EdiFocus.INCLUSION,
        "stage": Stage.COMPLETED,
        "aim": "Make it easy for every trainee in the North West to find the EDI group, its "
        "workstreams and where to get help, within one year.",
        "change_ideas": "A set of web pages on the deanery site: who we are, how to join, "
        "support and resources, written with trainees and tested with screen readers.",
        "measures": "Page visits, enquiries to the network and applications to join.",
        "results": "Enquiries to the network doubled in the six months after the pages went "
        "live, and most new members said they found us through them.",
    },
    {
        "slug": "buddy-scheme-for-new-international-medical-graduates",
        "title": "A buddy scheme for new international medical graduates",
        "team_members": "IMG Support workstream trainees\nSupervising consultant",
        "trust": "Manchester University NHS Foundation Trust",
        "specialty": Specialty.MEDICINE,
        "theme": Theme.SUPPORTING_LEARNERS,
        "edi_focus": EdiFocus.IMG,
        "stage": Stage.IN_PROGRESS,
        "aim": "Every doctor new to the NHS from overseas has a trained buddy in their first "
        "three months, so they feel settled and know where to ask for help.",
        "change_ideas": "Pairing each new IMG with a volunteer trainee; a short buddy guide; "
        "a welcome session in the first week.",
        "measures": "Share of new IMGs with a buddy; a confidence survey at one and three months.",
        "results": "In the first rotation, 18 of 20 new IMGs had a buddy, and reported "
        "confidence rose at three months.",
    },
    {
        "slug": "bystander-training-for-trainees",
        "title": "Active bystander training for trainees",
        "team_members": "Active Bystander Training workstream",
        "trust": "Lancashire Teaching Hospitals NHS Foundation Trust",
        "specialty": Specialty.CROSS_SPECIALTY,
        "theme": Theme.LEARNING_ENVIRONMENT,
        "edi_focus": EdiFocus.RACE,
        "stage": Stage.COMPLETED,
        "aim": "Give trainees the skills and confidence to challenge discrimination and "
        "incivility when they see it.",
        "change_ideas": "Ninety-minute active bystander sessions on regional teaching days.",
        "measures": "Confidence to speak up before and after each session, from feedback forms.",
        "results": "After training, the share of trainees confident to speak up went from "
        "about a third to more than four in five.",
    },
    {
        "slug": "edi-study-day",
        "title": "An EDI study day",
        "team_members": "QI Delivery Group\nEducator Development Group",
        "trust": "Liverpool University Hospitals NHS Foundation Trust",
        "specialty": Specialty.CROSS_SPECIALTY,
        "theme": Theme.CURRICULA,
        "edi_focus": EdiFocus.HEALTH_INEQUITY,
        "stage": Stage.COMPLETED,
        "aim": "Bring equality, diversity and inclusion into the regional teaching curriculum "
        "with a study day open to all trainees.",
        "change_ideas": "A study day with talks from patients and trainees, workshops on "
        "health inequity, and a session on allyship.",
        "measures": "Attendance, feedback scores and actions trainees planned to take.",
        "results": "Over 100 trainees attended; nearly all rated it useful, and the day is now "
        "part of the yearly programme.",
    },
    {
        "slug": "support-for-deaf-trainees",
        "title": "Support for deaf trainees",
        "team_members": "Peer Support Network trainees\nOccupational health adviser",
        "trust": "Northern Care Alliance NHS Foundation Trust",
        "specialty": Specialty.CROSS_SPECIALTY,
        "theme": Theme.SUPPORTING_LEARNERS,
        "edi_focus": EdiFocus.DISABILITY,
        "stage": Stage.IDEA,
        "aim": "Deaf and hard of hearing trainees get the adjustments they need, such as "
        "amplified stethoscopes and captioned teaching, from their first day in post.",
        "change_ideas": "A checklist for supervisors; a fund for equipment; captioning for "
        "online teaching.",
        "measures": "Time from starting in post to adjustments in place.",
        "results": "",
    },
]


def run(stdout):
    now = timezone.now()
    this_year = academic_year_for()
    last_year = previous_academic_year(this_year)
    projects = []
    for index, fields in enumerate(PROJECTS):
        slug = fields["slug"]
        defaults = {key: value for key, value in fields.items() if key != "slug"}
        project, _ = QIProject.objects.update_or_create(
            slug=slug,
            defaults={
                **defaults,
                # The first two are last year's, so the gallery's year filter has a choice.
                "academic_year": last_year if index < 2 else this_year,
                "status": Status.PUBLISHED,
                "submitted_at": now - timedelta(days=60 - index),
                "published_at": now - timedelta(days=50 - index),
            },
        )
        projects.append(project)
    start = int(this_year[:4])
    conference, _ = QIConference.objects.update_or_create(
        academic_year=this_year,
        defaults={
            "date": date(start + 1, 6, 18),
            "venue": "Manchester Central Convention Complex, Windmill Street, Manchester M2 3GX",
            "submission_deadline": date(start + 1, 4, 30),
            "details": "A day of short talks and posters from trainees across the North West, "
            "with time to meet the network's workstreams.",
        },
    )
    conference.presenting_projects.set(projects[2:])
    stdout.write(f"QI projects: {len(projects)} projects and the {this_year} conference.")
