"""Demo content for opportunities: three open opportunities in the words of the network's own
documents (the strategy and the network's web page).

The closing dates are the demo's own (staff set the real ones): whole weeks after the Monday of
the current week, so running this again in the same week changes nothing.
"""

from datetime import timedelta

from django.utils import timezone

from workstreams.models import Workstream

from .models import Opportunity

OPPORTUNITIES = [
    {
        "slug": "edi-strategic-oversight-group-new-members",
        "title": "EDI Strategic Oversight Group: new members",
        "kind": Opportunity.Kind.OVERSIGHT_GROUP,
        "workstream": None,
        "weeks": 8,
        "summary": "Join the diverse group of trainees who lead on the development and "
        "implementation of the strategy.",
        "description": (
            '"The Oversight Group is made up of a diverse group of trainees who lead on the '
            'development and implementation of the strategy." New members are recruited to '
            "the Oversight Group each year.\n\n"
            "Tell us why you would like to join and what you would bring. The network's "
            "coordinators and the Associate Dean for EDI read every expression of interest "
            "after the closing date."
        ),
    },
    {
        "slug": "widening-participation-school-visits-and-careers-fairs",
        "title": "Widening participation: school visits and careers fairs",
        "kind": Opportunity.Kind.WIDENING_PARTICIPATION,
        "workstream": None,
        "weeks": 6,
        "summary": "Help young people from every background see a future in medicine, "
        "dentistry and public health.",
        "description": (
            'The strategy says: "Trainees have expressed an interest in involvement in widening '
            "participation endeavours. We will seek to facilitate this through initiatives such "
            'as school visits, careers fairs, mentoring and the provision of work experience."\n\n'
            "Tell us which of these you would like to help with, and where in the North West."
        ),
    },
    {
        "slug": "content-creation-videos-of-trainees-experiences",
        "title": "Content creation: videos of trainees' experiences",
        "kind": Opportunity.Kind.CONTENT_CREATION,
        "workstream": "content-creation",
        "weeks": 4,
        "summary": "Create videos and other resources for the network's webpages, or take a "
        "starring role.",
        "description": (
            'The Content Creation workstream has plans "to create more videos which can be '
            'used as resources and uploaded to our webpages". It is "looking for people with the '
            "relevant skills to create the content, as well as those that may want to help by "
            'taking starring roles".'
        ),
    },
]


def run(stdout):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    for item in OPPORTUNITIES:
        details = {key: value for key, value in item.items() if key not in ("slug", "weeks")}
        details["workstream"] = (
            Workstream.objects.filter(slug=item["workstream"]).first()
            if item["workstream"]
            else None
        )
        details["closes_on"] = monday + timedelta(weeks=item["weeks"])
        details["is_published"] = True
        Opportunity.objects.update_or_create(slug=item["slug"], defaults=details)
    stdout.write(f"Opportunities: {len(OPPORTUNITIES)} open")
