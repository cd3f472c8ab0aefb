"""The pages the accessibility test visits in a real browser with axe-core.

Each entry is (name, path) or (name, setup) where setup() creates what the page needs in the
database and returns its path. Every issue adds its pages to its own list below.
"""

FOUNDATION_PAGES = [
    ("home", "/"),
    ("accessibility statement", "/accessibility/"),
    ("privacy notice", "/privacy/"),
    ("sign in", "/accounts/login/"),
    ("sign up", "/accounts/signup/"),
    ("widget demo", "/widgets/"),
]

# Join the network (network/).
NETWORK_PAGES = []

# Training bookings (training/).
TRAINING_PAGES = []


def _seeded_content(path):
    """A setup that loads the workstreams demo content, then visits `path`."""

    def setup():
        from io import StringIO

        from workstreams import seed

        seed.run(StringIO())
        return path

    return setup


# Workstreams, about pages, resources, support, concerns (workstreams/, network/).
CONTENT_PAGES = [
    ("about", _seeded_content("/about/")),
    ("about: vision, mission and values", _seeded_content("/about/vision-mission-values/")),
    ("about: structure", _seeded_content("/about/structure/")),
    ("about: roles", _seeded_content("/about/roles/")),
    ("workstreams", _seeded_content("/workstreams/")),
    ("workstream", _seeded_content("/workstreams/international-medical-graduate-support/")),
    ("resources", _seeded_content("/resources/")),
    ("resources filtered", _seeded_content("/resources/?category=surgery")),
    ("good practice", _seeded_content("/good-practice/")),
    ("good-practice item", _seeded_content("/good-practice/img-forum-bolton/")),
    ("domestic abuse support", _seeded_content("/support/domestic-abuse/")),
    ("browsing safely", _seeded_content("/support/domestic-abuse/browsing-safely/")),
    ("search", "/search/"),
    ("search results", _seeded_content("/search/?q=training")),
    ("raise a concern", "/concerns/"),
]

# QI projects (qi_projects/).
QI_PAGES = []

# Peer support (peer_support/).
PEER_SUPPORT_PAGES = []

# Measuring success (reports/).
REPORT_PAGES = []

ALL_PAGES = (
    FOUNDATION_PAGES
    + NETWORK_PAGES
    + TRAINING_PAGES
    + CONTENT_PAGES
    + QI_PAGES
    + PEER_SUPPORT_PAGES
    + REPORT_PAGES
)
