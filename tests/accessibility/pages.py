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

# Workstreams, about pages, resources, support, concerns (workstreams/, network/).
CONTENT_PAGES = []

# QI projects (qi_projects/).
QI_PAGES = []

# Peer support (peer_support/). Every page needs a signed-in trainee or member, which this
# list's anonymous visits cannot give, so tests/peer_support/test_browser.py signs in and runs
# axe on each of them (directory, profile, contact and profile forms with errors, volunteer pages).
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
