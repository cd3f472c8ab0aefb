"""Demo content for QI projects: the network's own examples of QI projects submitted for 2020/21,
and this year's conference.

Only what the network's web page says of each project: its title and what it set out to do, and
for the buddy scheme its name. Where the page says nothing (the trust, results, measures), the
fields are left empty or name the network itself; a project's themes are filed as the page
describes it.
"""

from datetime import date, timedelta

from django.utils import timezone

from edi_portal.academic_year import academic_year_for
from network.models import Specialty

from .models import EdiFocus, QIConference, QIProject, Stage, Status, Theme

# "Examples of QI projects submitted for 2020/21" (the network's web page).
YEAR = "2020-21"
NETWORK = "North West EDI Allyship Network"
QI_DELIVERY_GROUP = "QI Delivery Group, North West EDI Allyship Network"

PROJECTS = [
    {
        "slug": "webpages-for-the-edi-group",
        "title": "Webpages for the EDI group",
        "specialty": Specialty.CROSS_SPECIALTY,
        "theme": Theme.SUPPORTING_LEARNERS,
        "edi_focus": EdiFocus.INCLUSION,
        "stage": Stage.COMPLETED,
        "aim": "Developing webpages for the EDI group.",
    },
    {
        "slug": "buddy-scheme-for-new-international-medical-graduates",
        "title": "A buddy scheme for new international medical graduates",
        "specialty": Specialty.CROSS_SPECIALTY,
        "theme": Theme.SUPPORTING_LEARNERS,
        "edi_focus": EdiFocus.IMG,
        "stage": Stage.IN_PROGRESS,
        "aim": "Developing a buddy scheme for new international medical graduate trainees "
        "within GP and Psychiatry training: the GP 'Buddy' Scheme NW.",
    },
    {
        "slug": "bystander-training-for-trainees",
        "title": "Active bystander training for trainees",
        "specialty": Specialty.CROSS_SPECIALTY,
        "theme": Theme.LEARNING_ENVIRONMENT,
        "edi_focus": EdiFocus.INCLUSION,
        "stage": Stage.COMPLETED,
        "aim": "Delivering bystander apathy training to empower trainees to speak up when they "
        "witness inappropriate behaviour in the workplace.",
    },
    {
        "slug": "edi-study-day",
        "title": "An EDI study day",
        "specialty": Specialty.ANAESTHETICS,
        "theme": Theme.CURRICULA,
        "edi_focus": EdiFocus.INCLUSION,
        "stage": Stage.COMPLETED,
        "aim": "Delivering a trainee-led Equality, Diversity and Inclusion study day for "
        "Anaesthetic trainees.",
    },
    {
        "slug": "support-for-deaf-trainees",
        "title": "Support for deaf trainees",
        "specialty": Specialty.CROSS_SPECIALTY,
        "theme": Theme.SUPPORTING_LEARNERS,
        "edi_focus": EdiFocus.DISABILITY,
        "stage": Stage.IN_PROGRESS,
        "aim": "Developing a scheme to support deaf trainees.",
    },
]


def run(stdout):
    now = timezone.now()
    this_year = academic_year_for()
    projects = []
    for index, fields in enumerate(PROJECTS):
        slug = fields["slug"]
        defaults = {key: value for key, value in fields.items() if key != "slug"}
        project, _ = QIProject.objects.update_or_create(
            slug=slug,
            defaults={
                **defaults,
                "team_members": QI_DELIVERY_GROUP,
                "trust": NETWORK,
                "change_ideas": "",
                "measures": "",
                "results": "",
                "academic_year": YEAR,
                "status": Status.PUBLISHED,
                "submitted_at": now - timedelta(days=60 - index),
                "published_at": now - timedelta(days=50 - index),
            },
        )
        projects.append(project)
    start = int(this_year[:4])
    QIConference.objects.update_or_create(
        academic_year=this_year,
        defaults={
            "date": date(start + 1, 6, 18),
            # A placeholder until staff set the real date and place in admin.
            "venue": "To be confirmed",
            "submission_deadline": date(start + 1, 4, 30),
            "details": "At the end of each academic year, trainees share their QI projects at "
            "the QI Project Conference.",
        },
    )
    stdout.write(f"QI projects: {len(projects)} projects and the {this_year} conference.")
