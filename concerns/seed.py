"""Demo content for concerns: the "You said, we did" items (no concerns: those are raised
through the form)."""

from django.utils import timezone

from .models import YouSaidWeDid

# The first national EDI Learner Assembly's asks about concerns, and what this portal does about
# them: true of the portal itself, in the Assembly's words where quoted.
YOU_SAID_WE_DID = [
    (
        "Clear guidance on escalating concerns",
        'Trainees at the first national EDI Learner Assembly asked for "clear guidance at '
        "induction on how to escalate concerns both within the employer and the local office so "
        'that Postgraduate Deans and their teams remain sighted".',
        "We published [how to escalate a concern](/concerns/guidance/): your employer, NHS "
        "England's local office and the Postgraduate Dean's team, Freedom to Speak Up guardians "
        "and the GMC, and what the network can and cannot do.",
    ),
    (
        "Concerns recorded as what they are",
        "The Learner Assembly said that naming a concern under a 'Dignity at Work Policy' does "
        "not reassure people that a complaint of bullying, undermining or discrimination will be "
        "recognised as such.",
        "Our concern form asks how you want your concern recorded. If you say it is "
        "discrimination, it is recorded and reported as discrimination.",
    ),
    (
        "Timely investigation and communications",
        "The Learner Assembly asked for timely investigation and communications.",
        "Every concern now has targets to acknowledge it and to reply in full, counted in "
        "working days, and a private link where you can read our replies and answer, even if "
        "you raised it anonymously.",
    ),
]


def run(stdout):
    today = timezone.localdate()
    for theme, you_said, we_did in YOU_SAID_WE_DID:
        YouSaidWeDid.objects.get_or_create(
            theme=theme,
            defaults={"you_said": you_said, "we_did": we_did, "published_on": today},
        )
    stdout.write(f"Concerns: {len(YOU_SAID_WE_DID)} you said, we did items")
