"""Demo content for peer support: the topics, and a few approved volunteers. Safe to run again."""

from datetime import datetime, time

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify

from edi_portal.academic_year import academic_year_for
from network.models import Cohort, Membership, User

from .models import (
    Area,
    Grade,
    Specialty,
    Topic,
    VolunteerProfile,
    VolunteerTopic,
    end_of_academic_year,
)

TOPICS = [
    "International medical graduate",
    "Disability or long-term condition",
    "Neurodivergence",
    "Deaf or hard of hearing",
    "LGBTQ+",
    "Ethnic minority experience",
    "Religion or belief",
    "Parent or carer",
    "Less than full time training",
    "Returning to training",
    "Experience of bullying or discrimination",
]

VOLUNTEERS = [
    {
        "email": "amara.okafor@nhs.net",
        "full_name": "Amara Okafor",
        "display_name": "Amara",
        "pronouns": "she/her",
        "grade": Grade.SPECIALTY,
        "specialty": Specialty.PAEDIATRICS,
        "area": Area.GREATER_MANCHESTER,
        "languages": "English, Igbo",
        "availability": "Weekday evenings, by phone or video call",
        "bio": "ST4 in paediatrics. I came to the UK from Nigeria after my internship and "
        "remember how much there was to learn about the NHS. Happy to talk about settling in, "
        "exams and working less than full time with a young family.",
        "topics": [
            "International medical graduate",
            "Parent or carer",
            "Less than full time training",
        ],
    },
    {
        "email": "sam.hughes@nhs.net",
        "full_name": "Sam Hughes",
        "display_name": "Sam H",
        "pronouns": "they/them",
        "grade": Grade.CORE,
        "specialty": Specialty.PSYCHIATRY,
        "area": Area.CHESHIRE_MERSEYSIDE,
        "languages": "English, British Sign Language",
        "availability": "Email first, then a call at a time that suits us both",
        "bio": "Core psychiatry trainee, autistic and proudly queer. I can share what reasonable "
        "adjustments helped me through foundation and how I talked to my supervisor about them.",
        "topics": ["Neurodivergence", "LGBTQ+", "Disability or long-term condition"],
    },
    {
        "email": "imran.rashid@nhs.net",
        "full_name": "Imran Rashid",
        "display_name": "Imran",
        "pronouns": "he/him",
        "grade": Grade.GP,
        "specialty": Specialty.GENERAL_PRACTICE,
        "area": Area.LANCASHIRE_SOUTH_CUMBRIA,
        "languages": "English, Urdu, Punjabi",
        "availability": "Weekends",
        "bio": "GP trainee who returned to training after two years away for caring "
        "responsibilities. I also speak up about racism at work and can talk through the "
        "options if something has happened to you.",
        "topics": [
            "Returning to training",
            "Ethnic minority experience",
            "Religion or belief",
            "Experience of bullying or discrimination",
        ],
    },
]


def _demo_cohort():
    """The network seed usually made this year's cohort already; make one if not."""
    name = academic_year_for()
    start_year = int(name[:4])
    opens = timezone.make_aware(datetime(start_year, 5, 1, 9, 0))
    closes = timezone.make_aware(datetime.combine(end_of_academic_year(opens.date()), time(17)))
    cohort, _ = Cohort.objects.get_or_create(
        name=name, defaults={"applications_open": opens, "applications_close": closes}
    )
    return cohort


def run(stdout):
    topics = {}
    for name in TOPICS:
        topics[name], _ = Topic.objects.update_or_create(
            slug=slugify(name.replace("+", " plus")), defaults={"name": name}
        )
    cohort = _demo_cohort()
    now = timezone.now()
    for volunteer in VOLUNTEERS:
        user, created = User.objects.get_or_create(email=volunteer["email"])
        if created:
            user.set_unusable_password()
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        Membership.objects.update_or_create(
            cohort=cohort,
            email=user.email,
            defaults={"user": user, "full_name": volunteer["full_name"]},
        )
        details = {
            key: volunteer[key]
            for key in [
                "display_name",
                "pronouns",
                "grade",
                "specialty",
                "area",
                "languages",
                "availability",
                "bio",
            ]
        }
        profile, _ = VolunteerProfile.objects.update_or_create(
            user=user,
            defaults={
                **details,
                "status": VolunteerProfile.Status.APPROVED,
                "approved_at": now,
                "listed_until": end_of_academic_year(timezone.localdate()),
            },
        )
        for topic_name in volunteer["topics"]:
            VolunteerTopic.objects.get_or_create(profile=profile, topic=topics[topic_name])
    stdout.write(f"Peer support: {len(TOPICS)} topics, {len(VOLUNTEERS)} approved volunteers.")
