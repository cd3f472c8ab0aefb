"""The network's mentoring and buddy schemes, in the words of its own documents.

Only what the documents say: no dates, lengths or meeting frequencies, which staff add in admin
when a programme opens for sign-up.
"""

from workstreams.models import Workstream

from .models import Kind, Programme

IMG_WORKSTREAM = "international-medical-graduate-support"

PROGRAMMES = [
    {
        "slug": "img-mentoring",
        "name": "Mentoring for international medical graduates",
        "kind": Kind.ONE_WAY,
        "workstream": IMG_WORKSTREAM,
        "summary": "Mentoring for international colleagues starting work in the NHS in the "
        "North West.",
        "description": (
            'The International Medical Graduate Support workstream "seeks to welcome '
            "international colleagues to the UK and support them to achieve their full "
            'potential working in the NHS". Working with the Associate Dean for International '
            "Doctors and SAS doctors, trainees in the workstream have been involved in "
            '"setting up mentoring schemes".\n\n'
            'Members of the network also have "the chance to be mentored and supported by '
            'senior educators".'
        ),
        "who_may_mentor": "Senior educators",
        "who_may_be_mentored": "International medical graduates new to training in the NHS",
    },
    {
        "slug": "gp-buddy-scheme",
        "name": "GP buddy scheme for international medical graduates",
        "kind": Kind.BUDDY,
        "workstream": IMG_WORKSTREAM,
        "summary": "A buddy for new international medical graduate trainees in GP and "
        "psychiatry training.",
        "description": (
            'A QI project of the network in 2020/21 was "developing a buddy scheme for new '
            'international medical graduate trainees within GP and Psychiatry training": the '
            "GP 'Buddy' Scheme NW."
        ),
        "who_may_mentor": "Trainees in GP and psychiatry training who can support a new colleague",
        "who_may_be_mentored": "New international medical graduate trainees in GP and "
        "psychiatry training",
    },
    {
        "slug": "reciprocal-mentoring",
        "name": "Reciprocal Mentoring Pilot",
        "kind": Kind.RECIPROCAL,
        "workstream": None,
        "summary": "Senior leaders and trainees mentoring each other.",
        "description": (
            "In reciprocal mentoring each pair is one senior leader and one trainee, and each "
            "mentors the other. The network's resources hold the Reciprocal Mentoring Pilot "
            "documents.\n\n"
            'The North West EDI strategy commits to "effective role-modelling and mentoring" '
            "so that leadership opportunities are available and encouraged in under-represented "
            "groups."
        ),
        "who_may_mentor": "Senior leaders: consultants and senior educators",
        "who_may_be_mentored": "Trainees",
        "mentor_grades": ["consultant", "educator"],
    },
]


def run(stdout):
    workstreams = {workstream.slug: workstream for workstream in Workstream.objects.all()}
    for fields in PROGRAMMES:
        fields = dict(fields)
        workstream_slug = fields.pop("workstream")
        Programme.objects.update_or_create(
            slug=fields.pop("slug"),
            defaults={**fields, "workstream": workstreams.get(workstream_slug)},
        )
    stdout.write(f"Mentoring: {len(PROGRAMMES)} programmes.")
