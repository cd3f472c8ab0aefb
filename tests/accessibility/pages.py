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


def _open_cohort():
    from tests.network.factories import CohortFactory, WorkstreamFactory

    CohortFactory()
    WorkstreamFactory()


def _join_page(path):
    def setup():
        _open_cohort()
        return path

    return setup


def _closed_join_page():
    return "/join/"


def _status_page(status, withdraw=False):
    def setup():
        from network.services import status_url
        from tests.network.factories import ApplicationFactory

        application = ApplicationFactory(
            status=status, oversight_group_statement="I chair our trainee forum."
        )
        return status_url(application) + ("withdraw/" if withdraw else "")

    return setup


NETWORK_PAGES = [
    ("join the network", _join_page("/join/")),
    ("join the network (closed)", _closed_join_page),
    ("join: about you", _join_page("/join/about-you/")),
    ("join: your training", _join_page("/join/your-training/")),
    ("join: workstreams", _join_page("/join/workstreams/")),
    ("join: why", _join_page("/join/why/")),
    ("join: equality monitoring", _join_page("/join/equality/")),
    ("join: check your answers", _join_page("/join/check/")),
    ("application status", _status_page("submitted")),
    ("application status (accepted)", _status_page("accepted")),
    ("withdraw application", _status_page("in_review", withdraw=True)),
]

# Training bookings (training/).
from tests.training.pages import PAGES as TRAINING_PAGES  # noqa: E402

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

# Measuring success (reports/). The page needs a signed-in member of staff with two-factor, which
# this list cannot give: tests/reports/test_accessibility.py signs in and runs axe itself.
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
