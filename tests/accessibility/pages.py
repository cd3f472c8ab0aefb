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


def _unverified_email_confirmation_path():
    from allauth.account.models import EmailConfirmationHMAC
    from django.urls import reverse

    from tests.factories import UserFactory

    user = UserFactory(email="new.trainee@nhs.net", verified=False)
    key = EmailConfirmationHMAC(user.emailaddress_set.get()).key
    return reverse("account_confirm_email", args=[key])


def _password_reset_key_path():
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str
    from django.urls import reverse

    from tests.factories import UserFactory

    user = UserFactory(email="forgetful.trainee@nhs.net")
    return reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )


# Accounts (allauth's pages). Pages for a signed-in user (two-factor set-up, email addresses,
# sign out) are checked by tests/accounts/test_accessibility_signed_in.py, which signs in first.
ACCOUNT_PAGES = [
    ("sign in with a code", "/accounts/login/code/"),
    ("password reset", "/accounts/password/reset/"),
    ("password reset sent", "/accounts/password/reset/done/"),
    ("set a new password", _password_reset_key_path),
    ("password changed", "/accounts/password/reset/key/done/"),
    ("email verification sent", "/accounts/confirm-email/"),
    ("confirm email address", _unverified_email_confirmation_path),
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


def _seeded_content(path):
    """A setup that loads the workstreams demo content, then visits `path`."""

    def setup():
        from io import StringIO

        from workstreams import seed

        seed.run(StringIO())
        return path

    return setup


def _concern_follow_up_path():
    """A concern with a reply and an answer, seen through its private link."""

    from concerns import services as services_concerns
    from tests.factories import StaffFactory

    concern, token = services_concerns.raise_concern(
        characteristic="race",
        details="Comments about my accent at handover.",
        recorded_as="discrimination",
        setting="placement",
    )
    staff = StaffFactory()
    services_concerns.reply_to_raiser(concern=concern, text="Thank you for telling us.", by=staff)
    services_concerns.raiser_reply(concern=concern, text="It happened again on Monday.")
    return services_concerns.follow_up_path(token)


def _closed_concern_follow_up_path():
    """A concern escalated and then closed, seen through its private link: the words staff
    chose for the person, and no reply form."""

    from django.utils import timezone

    from concerns import services as services_concerns
    from tests.factories import StaffFactory

    concern, token = services_concerns.raise_concern(
        characteristic="race",
        details="Comments about my accent at handover.",
        recorded_as="discrimination",
        setting="placement",
    )
    staff = StaffFactory()
    services_concerns.record_escalation(
        concern=concern,
        route="ftsu",
        escalated_on=timezone.localdate(),
        consent="anonymous",
        for_raiser="We passed your concern to the guardian, without anything that identifies you.",
        by=staff,
    )
    services_concerns.change_status(
        concern=concern,
        status="closed",
        outcome="escalated",
        outcome_for_raiser="The guardian has taken it on: https://example.nhs.uk/"
        + "a-very-long-address-" * 10,
        by=staff,
    )
    return services_concerns.follow_up_path(token)


def _you_said_we_did_path():
    from datetime import date

    from concerns.models import YouSaidWeDid

    YouSaidWeDid.objects.create(
        theme="Rota requests for religious festivals",
        you_said="Requests to swap shifts for religious festivals were refused late.",
        we_did="We raised it with employers and wrote **guidance** for rota coordinators.",
        published_on=date(2026, 1, 10),
    )
    return "/concerns/you-said-we-did/"


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
    (
        "good-practice item",
        _seeded_content("/good-practice/enhanced-edi-case-based-training-north-east/"),
    ),
    (
        "good-practice item of two regions",
        _seeded_content("/good-practice/img-champions-network-thames-valley-wessex/"),
    ),
    ("good practice in one region", _seeded_content("/good-practice/?region=wessex")),
    ("domestic abuse support", _seeded_content("/support/domestic-abuse/")),
    ("browsing safely", _seeded_content("/support/domestic-abuse/browsing-safely/")),
    ("search", "/search/"),
    ("search results", _seeded_content("/search/?q=training")),
    ("search with no results", "/search/?q=xqzvvk"),
    ("raise a concern", "/concerns/"),
    ("how to escalate a concern", "/concerns/guidance/"),
    ("concern follow-up", _concern_follow_up_path),
    ("concern follow-up, escalated and closed", _closed_concern_follow_up_path),
    ("get a new concern link", "/concerns/new-link/"),
    ("new concern link sent", "/concerns/new-link/sent/"),
    ("you said, we did", _you_said_we_did_path),
    ("you said, we did, none yet", "/concerns/you-said-we-did/"),
]

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

# Peer support (peer_support/). Every page needs a signed-in trainee or member, which this
# list's anonymous visits cannot give, so tests/peer_support/test_browser.py signs in and runs
# axe on each of them (directory, profile, contact and profile forms with errors, volunteer pages).
PEER_SUPPORT_PAGES = []

# Measuring success (reports/). The page needs a signed-in member of staff with two-factor, which
# this list cannot give: tests/reports/test_accessibility.py signs in and runs axe itself.
REPORT_PAGES = []

# Mentoring (mentoring/): the public pages and the signed match pages. The sign-up pages need a
# signed-in person, so tests/mentoring/test_browser.py runs axe on them itself.
from tests.mentoring.pages import PAGES as MENTORING_PAGES  # noqa: E402

# Opportunities to lead and take part (opportunities/): the list and an opportunity's page, open
# and closed. Offering to facilitate, a teaching record and expressing interest need a signed-in
# trainee: tests/training/test_facilitators_browser.py and tests/opportunities/test_browser.py
# run axe on them.
from tests.opportunities.pages import PAGES as OPPORTUNITY_PAGES  # noqa: E402

# Trainees' stories (stories/): the list, a story's page with its player, a speaker's withdrawal.
from tests.stories.pages import PAGES as STORY_PAGES  # noqa: E402

# The error pages (edi_portal/views.py, templates/4xx.html and 500.html): (name, path, status).
# They answer with their own status, so tests/errors/test_accessibility.py visits them with the
# URLs of tests/errors/urls.py (which fail on purpose); the CSRF failure page is reached there by
# sending a form without its cookie.
ERROR_PAGES = [
    ("bad request", "/test-errors/400/", 400),
    ("forbidden", "/test-errors/403/", 403),
    ("page not found", "/no-such-page/", 404),
    ("server error", "/test-errors/500/", 500),
]

ALL_PAGES = (
    FOUNDATION_PAGES
    + ACCOUNT_PAGES
    + NETWORK_PAGES
    + TRAINING_PAGES
    + CONTENT_PAGES
    + QI_PAGES
    + PEER_SUPPORT_PAGES
    + REPORT_PAGES
    + MENTORING_PAGES
    + STORY_PAGES
    + OPPORTUNITY_PAGES
)
