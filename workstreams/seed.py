"""Demo content for workstreams: the network's seven workstreams."""

from .models import Workstream

WORKSTREAMS = [
    (
        "QI Delivery Group",
        "qi-delivery-group",
        "Plan, run and share quality improvement projects on equality, diversity and inclusion.",
    ),
    (
        "Peer Support Network",
        "peer-support-network",
        "Offer informal, confidential support to trainees facing similar experiences.",
    ),
    (
        "Educator Development Group",
        "educator-development-group",
        "Help supervisors and educators build inclusive learning environments.",
    ),
    (
        "Active Bystander Training",
        "active-bystander-training",
        "Deliver training that gives staff the confidence to speak up.",
    ),
    (
        "Content Creation",
        "content-creation",
        "Write and curate the network's resources, newsletters and website content.",
    ),
    (
        "International Medical Graduate Support",
        "international-medical-graduate-support",
        "Welcome and support doctors and dentists who qualified outside the UK.",
    ),
    (
        "Support for People Experiencing Domestic Abuse and Violence",
        "domestic-abuse-support",
        "Raise awareness and signpost trainees to safe, confidential help.",
    ),
]


def run(stdout):
    for order, (name, slug, summary) in enumerate(WORKSTREAMS, start=1):
        Workstream.objects.update_or_create(
            slug=slug, defaults={"name": name, "summary": summary, "order": order}
        )
    stdout.write(f"Workstreams: {len(WORKSTREAMS)}")
