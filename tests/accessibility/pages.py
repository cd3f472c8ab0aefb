"""The pages the accessibility test visits in a real browser with axe-core.

Each entry is (name, path) or (name, setup) where setup() creates what the page needs in the
database and returns its path. Every issue adds its pages to its own list below.
"""

from tests.qi_projects import pages as qi_pages

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

# Workstreams, about pages, resources, support, concerns (workstreams/, network/).
CONTENT_PAGES = []

# QI projects (qi_projects/). Pages for signed-in trainees are in tests/qi_projects/test_accessibility.py.
QI_PAGES = [
    ("QI gallery", qi_pages.gallery),
    ("QI gallery filtered, with an error", qi_pages.gallery_filtered_with_an_error),
    ("QI gallery empty", "/qi-projects/"),
    ("QI project page", qi_pages.project_page),
    ("QI conference", qi_pages.conference),
    ("QI conference none announced", "/qi-projects/conference/"),
    ("QI annual report", qi_pages.report),
]

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
