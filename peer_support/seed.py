"""Demo content for peer support: the topics, and a few approved volunteers. Safe to run again."""

from datetime import datetime, time

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify

from edi_portal.academic_year import academic_year_for
from network.models import Area, Cohort, Grade, Membership, Specialty, User

from .models import (
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

# Demo volunteers. Each becomes the profile of one of the network seed's members (accepted
# applications), in email order; only without any members (the network seed absent) does this
# seed make its own, with the name and email given here.
VOLUNTEERS = [
    {
        "email": "amara.okafor@nhs.net",
        "full_name": "Amara Okafor",
        "pronouns": "she/her",
        "grade": Grade.GP_TRAINEE,
        "specialty": Specialty.GENERAL_PRACTICE,
        "area": Area.GREATER_MANCHESTER,
        "languages": "English, Bengali",
        "availability": "Weekday evenings, by phone or video call",
        "bio": "GP trainee. I did my first medical job abroad and remember how much there was to "
        "learn about the NHS. Happy to talk about settling in, exams and training less than "
        "full time with a young family.",
        "topics": [
            "International medical graduate",
            "Parent or carer",
            "Less than full time training",
        ],
    },
    {
        "email": "sam.hughes@nhs.net",
        "full_name": "Sam Hughes",
        "pronouns": "they/them",
        "grade": Grade.PUBLIC_HEALTH_REGISTRAR,
        "specialty": Specialty.PUBLIC_HEALTH,
        "area": Area.CHESHIRE_MERSEYSIDE,
        "languages": "English, Welsh, British Sign Language",
        "availability": "Email first, then a call at a time that suits us both",
        "bio": "Public health registrar, autistic and proudly queer. I can share which reasonable "
        "adjustments helped me through foundation and how I talked to my supervisor about them.",
        "topics": ["Neurodivergence", "LGBTQ+", "Disability or long-term condition"],
    },
    {
        "email": "imran.rashid@nhs.net",
        "full_name": "Imran Rashid",
        "pronouns": "he/him",
        "grade": Grade.REGISTRAR,
        "specialty": Specialty.MEDICINE,
        "area": Area.LANCASHIRE_SOUTH_CUMBRIA,
        "languages": "English, Urdu, Punjabi",
        "availability": "Weekends",
        "bio": "Medical registrar who returned to training after two years away for caring "
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

PROFILE_FIELDS = ["pronouns", "grade", "specialty", "area", "languages", "availability", "bio"]


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


def _demo_members():
    """The network seed's members if there are any; otherwise members made here."""
    members = list(Membership.objects.order_by("email")[: len(VOLUNTEERS)])
    if members:
        return members
    cohort = _demo_cohort()
    return [
        Membership.objects.update_or_create(
            cohort=cohort, email=volunteer["email"], defaults={"full_name": volunteer["full_name"]}
        )[0]
        for volunteer in VOLUNTEERS
    ]


def _demo_user(membership):
    """The member's account, with a verified address (demo volunteers have no password)."""
    user = membership.user or User.objects.filter(email=membership.email).first()
    if user is None:
        user = User(email=membership.email)
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if membership.user_id != user.pk:
        membership.user = user
        membership.save(update_fields=["user"])
    return user


def run(stdout):
    topics = {}
    for name in TOPICS:
        topics[name], _ = Topic.objects.update_or_create(
            slug=slugify(name.replace("+", " plus")), defaults={"name": name}
        )
    now = timezone.now()
    members = _demo_members()
    for volunteer, membership in zip(VOLUNTEERS, members, strict=False):
        profile, _ = VolunteerProfile.objects.update_or_create(
            user=_demo_user(membership),
            defaults={
                **{field: volunteer[field] for field in PROFILE_FIELDS},
                "display_name": membership.full_name.split()[0],
                "status": VolunteerProfile.Status.APPROVED,
                "approved_at": now,
                "listed_until": end_of_academic_year(timezone.localdate()),
            },
        )
        for topic_name in volunteer["topics"]:
            VolunteerTopic.objects.get_or_create(profile=profile, topic=topics[topic_name])
    stdout.write(f"Peer support: {len(TOPICS)} topics, {len(members)} approved volunteers.")
