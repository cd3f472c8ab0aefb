"""Demo content for training: three courses, upcoming sessions across the North West, one full.

Sessions are placed whole weeks after the Monday of the current week, so running this again in
the same week changes nothing, and a later run adds that week's upcoming sessions.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from workstreams.models import Workstream

from .models import Booking, Course, Session
from .services import TRAINING_LEADS_GROUP

COURSES = [
    {
        "slug": "active-bystander-training",
        "name": "Active Bystander Training",
        "workstream": "active-bystander-training",
        "duration": "3 hours",
        "summary": "Build the skills and confidence to notice and safely challenge unacceptable "
        "behaviour at work.",
        "description": (
            "Most of us have seen something at work that did not feel right: a racist 'joke' "
            "in the doctors' mess, a trainee talked over on a ward round, a patient making "
            "comments about a colleague's accent. Active bystanders notice these moments and "
            "do something about them.\n\n"
            "This interactive session covers:\n\n"
            "- how bias, microaggressions and incivility affect colleagues and patient safety\n"
            "- the reasons we stay silent, and how to get past them\n"
            "- the 5 Ds of intervening: direct, distract, delegate, delay and document\n"
            "- practising short, realistic scenarios from clinical settings in small groups\n"
            "- looking after yourself and the person affected afterwards\n\n"
            "It is for consultants, educational and clinical supervisors, training programme "
            "directors and trainees. You do not need any previous training."
        ),
    },
    {
        "slug": "step-forward-train-the-trainer",
        "name": "Step Forward train-the-trainer programme",
        "workstream": "active-bystander-training",
        "duration": "1 day",
        "summary": "Learn to deliver Active Bystander Training in your own trust or department.",
        "description": (
            "Step Forward prepares experienced educators to run Active Bystander Training for "
            "their own teams, so the training reaches every corner of the North West.\n\n"
            "During the day you will:\n\n"
            "- take part in the full Active Bystander session as a learner\n"
            "- learn how to hold a safe space for difficult conversations\n"
            "- practise facilitating scenarios and handling challenging responses\n"
            "- plan your first session with support from the network's facilitators\n\n"
            "You should have attended Active Bystander Training and have some experience of "
            "teaching groups. After the programme you join our community of trainers, with "
            "co-facilitation and supervision for your first sessions."
        ),
    },
    {
        "slug": "educator-development-workshops",
        "name": "Educator development workshops",
        "workstream": "educator-development-group",
        "duration": "2 hours",
        "summary": "Practical ways for supervisors to build an inclusive learning environment.",
        "description": (
            "A workshop for educational and clinical supervisors, college tutors and programme "
            "directors who want to make sure every trainee can thrive.\n\n"
            "Topics include:\n\n"
            "- differential attainment and what supervisors can do about it\n"
            "- supporting international medical graduates through induction and beyond\n"
            "- giving feedback that is fair, specific and free from bias\n"
            "- recognising when a trainee is struggling with discrimination or harassment, "
            "and where to signpost them\n\n"
            "Each workshop counts towards the continuing professional development expected "
            "of recognised trainers."
        ),
    },
]

# (course slug, weeks after this Monday, weekday, start, hours, format, venue, address,
#  capacity, facilitators)
SESSIONS = [
    (
        "active-bystander-training",
        1,
        2,
        time(9, 30),
        3,
        "in_person",
        "Education Centre, Manchester Royal Infirmary",
        "Oxford Road, Manchester M13 9WL",
        12,
        "Dr Amara Okafor, Dr James Whitworth",
    ),
    ("active-bystander-training", 2, 3, time(13, 30), 3, "online", "", "", 40, "Dr Leila Haddad"),
    (
        "active-bystander-training",
        4,
        1,
        time(9, 30),
        3,
        "in_person",
        "Liverpool Medical Institution",
        "114 Mount Pleasant, Liverpool L3 5SR",
        24,
        "Dr Sian Roberts, Mr Tomasz Nowak",
    ),
    (
        "active-bystander-training",
        6,
        4,
        time(13, 0),
        3,
        "in_person",
        "Postgraduate Medical Centre, Royal Preston Hospital",
        "Sharoe Green Lane, Preston PR2 9HT",
        20,
        "Dr Amara Okafor",
    ),
    (
        "step-forward-train-the-trainer",
        3,
        1,
        time(9, 0),
        7,
        "in_person",
        "Lancaster University Medical School",
        "Health Innovation One, Sir John Fisher Drive, Lancaster LA1 4AT",
        16,
        "Dr James Whitworth, Dr Sian Roberts",
    ),
    (
        "educator-development-workshops",
        2,
        0,
        time(12, 30),
        2,
        "online",
        "",
        "",
        50,
        "Dr Leila Haddad",
    ),
    (
        "educator-development-workshops",
        5,
        2,
        time(14, 0),
        2,
        "in_person",
        "Education Centre, Royal Blackburn Teaching Hospital",
        "Haslingden Road, Blackburn BB2 3HH",
        25,
        "Dr Nadia Rahman",
    ),
]

# The first session is full, with people on its waiting list.
FULL_SESSION_WAITING = 3
NAMES = [
    "Dr Aisha Begum",
    "Dr Oliver Grant",
    "Dr Chidi Eze",
    "Dr Hannah Lewis",
    "Dr Rajesh Patel",
    "Dr Megan Hughes",
    "Mr Daniel Brooks",
    "Dr Fatima Malik",
    "Dr Ewan Campbell",
    "Dr Grace Adeyemi",
    "Dr Sophie Turner",
    "Dr Kwame Mensah",
    "Dr Laura Fitzgerald",
    "Dr Yusuf Khan",
    "Dr Emily Clarke",
]


def run(stdout):
    for order, course in enumerate(COURSES, start=1):
        workstream = Workstream.objects.get(slug=course["workstream"])
        Course.objects.update_or_create(
            slug=course["slug"],
            defaults={
                "name": course["name"],
                "workstream": workstream,
                "summary": course["summary"],
                "description": course["description"],
                "duration": course["duration"],
                "order": order,
            },
        )
    Group.objects.get_or_create(name=TRAINING_LEADS_GROUP)

    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    london = timezone.get_current_timezone()
    sessions = []
    for slug, weeks, weekday, start, hours, format, venue, address, capacity, people in SESSIONS:
        day = monday + timedelta(weeks=weeks, days=weekday)
        starts_at = datetime.combine(day, start, tzinfo=london)
        session, _ = Session.objects.update_or_create(
            course=Course.objects.get(slug=slug),
            starts_at=starts_at,
            defaults={
                "ends_at": starts_at + timedelta(hours=hours),
                "format": format,
                "venue": venue,
                "address": address,
                "joining_link": "https://teams.microsoft.com/l/meetup-join/demo-nw-edi"
                if format == "online"
                else "",
                "capacity": capacity,
                "facilitators": people,
            },
        )
        sessions.append(session)

    full = sessions[0]
    for index, name in enumerate(NAMES[: full.capacity + FULL_SESSION_WAITING]):
        has_place = index < full.capacity
        details = {
            "name": name,
            "role": Booking.Role.CONSULTANT if index % 3 else Booking.Role.SUPERVISOR,
            "organisation": "Manchester University NHS Foundation Trust",
            "department": "Emergency department" if index % 2 else "General medicine",
            "consent": True,
            "status": Booking.Status.CONFIRMED if has_place else Booking.Status.WAITING,
        }
        Booking.objects.update_or_create(
            session=full,
            email=f"{name.split()[-1].lower()}.{index}@nhs.net",
            defaults=details,
            create_defaults={**details, "confirmed_at": timezone.now() if has_place else None},
        )
    stdout.write(f"Training: {len(COURSES)} courses, {len(sessions)} upcoming sessions")
