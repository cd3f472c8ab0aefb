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
NETWORK_PAGES = []

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
    + ACCOUNT_PAGES
    + NETWORK_PAGES
    + TRAINING_PAGES
    + CONTENT_PAGES
    + QI_PAGES
    + PEER_SUPPORT_PAGES
    + REPORT_PAGES
)
