"""Every form that takes personal data has its own section of the privacy notice, and links to
that section next to its submit button."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic import RedirectView

from edi_portal.privacy import form_notices
from tests.accessibility.pages import _concern_follow_up_path
from tests.factories import UserFactory, WorkstreamFactory
from tests.mentoring import pages as mentoring_pages
from tests.mentoring.test_sign_up import MENTOR_ANSWERS
from tests.network.factories import CohortFactory
from tests.network.journey import complete_application
from tests.opportunities.factories import OpportunityFactory
from tests.peer_support.factories import MemberFactory, VolunteerProfileFactory
from tests.qi_projects.factories import QIProjectFactory
from tests.stories import pages as stories_pages
from tests.training import pages as training_pages
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db

# Forms that take nothing about a person that is kept: signing in, passwords and codes, a
# confirmation, or an action on a record the person already has.
NO_PERSONAL_DATA = {
    ":widget_demo",
    ":account_login",
    ":account_logout",
    ":account_reauthenticate",
    ":account_request_reauthentication_code",
    ":account_confirm_reauthentication_code",
    ":account_change_password",
    ":account_set_password",
    ":account_reset_password",
    ":account_confirm_login_code",
    ":account_confirm_email",
    ":account_reset_password_from_key",
    ":account_request_login_code",
    ":mfa_authenticate",
    ":mfa_reauthenticate",
    ":mfa_activate_totp",
    ":mfa_deactivate_totp",
    ":mfa_generate_recovery_codes",
    "network:withdraw",
    "accounts:your_data",
    "accounts:delete_account",
    "training:cancel",
    "qi_projects:submit_project",
    "qi_projects:withdraw",
    "peer_support:volunteer_pause",
    "peer_support:volunteer_resume",
    "peer_support:volunteer_renew",
    "peer_support:volunteer_delete",
    "mentoring:match",
    "mentoring:withdraw",
}


def form_views():
    """The names of every page that accepts a form (outside admin), as "namespace:name"."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "view_class", None)
                # A redirect (an old address) accepts a POST only to pass it on.
                takes_form = view_class is not None and hasattr(view_class, "post")
                if takes_form and not issubclass(view_class, RedirectView):
                    names.add(f"{namespace or ''}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return names


def covered():
    return {
        name if ":" in name else f":{name}" for notice in form_notices() for name in notice.views
    }


def test_every_form_that_takes_personal_data_has_a_section_of_the_notice():
    assert form_views() - NO_PERSONAL_DATA - covered() == set()
    assert not covered() & NO_PERSONAL_DATA


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def join_page(path):
    def setup():
        CohortFactory()
        return Client(), path

    return setup


def join_check():
    CohortFactory()
    client = Client()
    complete_application(client, WorkstreamFactory())
    return client, "/join/check/"


def anonymous(setup):
    return lambda: (Client(), setup())


def qi_project_form(edit):
    def setup():
        member = MemberFactory()
        path = "/qi-projects/submit/"
        if edit:
            path = f"{QIProjectFactory(author=member).get_absolute_url()}edit/"
        return signed_in(member), path

    return setup


def volunteer_form(edit):
    def setup():
        member = MemberFactory()
        if edit:
            VolunteerProfileFactory(user=member)
        return signed_in(member), f"/peer-support/volunteer/{'edit' if edit else 'create'}/"

    return setup


def volunteer_profile():
    return signed_in(UserFactory()), VolunteerProfileFactory().get_absolute_url()


def mentoring_sign_up_step():
    return signed_in(UserFactory()), mentoring_pages.sign_up_pages()[0]


def mentoring_sign_up_check():
    client = signed_in(UserFactory())
    base = mentoring_pages.sign_up_pages()[-2].removesuffix("check/")
    for step, answers in MENTOR_ANSWERS.items():
        assert client.post(f"{base}{step}/", answers).status_code == 302
    return client, f"{base}check/"


def mentoring_match_page(index):
    """A page of a match (they open only for the participant signed in): 1 an active match's
    check-in, 2 its "not working" form, 8 an ended match's feedback (match_pages_for's order)."""

    def setup():
        user = UserFactory()
        return signed_in(user), mentoring_pages.match_pages_for(user)[index]

    return setup


def facilitate_form():
    return signed_in(MemberFactory()), f"/training/courses/{CourseFactory().slug}/facilitate/"


def interest_form():
    return signed_in(UserFactory()), f"{OpportunityFactory().get_absolute_url()}interest/"


# (URL name, set-up returning a client and the page's path, the section it must link to)
FORM_PAGES = [
    ("network:join_step", join_page("/join/about-you/"), "applying-to-join"),
    ("network:join_step", join_page("/join/equality/"), "equality-monitoring"),
    ("network:join_check", join_check, "applying-to-join"),
    ("concerns:concern", anonymous(lambda: "/concerns/"), "raising-a-concern"),
    ("concerns:concern_follow_up", anonymous(_concern_follow_up_path), "raising-a-concern"),
    ("concerns:concern_new_link", anonymous(lambda: "/concerns/new-link/"), "raising-a-concern"),
    ("training:session", anonymous(training_pages.session_page), "booking-a-training-session"),
    (
        "training:feedback",
        anonymous(training_pages.feedback_form),
        "feedback-on-a-training-session",
    ),
    ("training:request", anonymous(lambda: "/training/request/"), "requesting-a-session"),
    (
        "training:record_request",
        anonymous(lambda: "/training/record/"),
        "asking-for-your-training-record",
    ),
    ("qi_projects:submit", qi_project_form(edit=False), "submitting-a-qi-project"),
    ("qi_projects:edit", qi_project_form(edit=True), "submitting-a-qi-project"),
    (
        "peer_support:volunteer_create",
        volunteer_form(edit=False),
        "volunteering-as-a-peer-supporter",
    ),
    ("peer_support:volunteer_edit", volunteer_form(edit=True), "volunteering-as-a-peer-supporter"),
    ("peer_support:profile", volunteer_profile, "contacting-a-peer-supporter"),
    ("mentoring:sign_up_step", mentoring_sign_up_step, "mentoring"),
    ("mentoring:sign_up_check", mentoring_sign_up_check, "mentoring"),
    (
        "mentoring:check_in",
        mentoring_match_page(1),
        "mentoring-check-ins-and-feedback",
    ),
    (
        "mentoring:not_working",
        mentoring_match_page(2),
        "mentoring-check-ins-and-feedback",
    ),
    (
        "mentoring:feedback",
        mentoring_match_page(8),
        "mentoring-check-ins-and-feedback",
    ),
    (
        "mentoring:decline",
        lambda: (lambda user: (signed_in(user), mentoring_pages.decline_page_for(user)))(
            UserFactory()
        ),
        "mentoring-check-ins-and-feedback",
    ),
    (
        "mentoring:choose",
        lambda: (lambda user: (signed_in(user), mentoring_pages.choose_page_for(user)))(
            UserFactory()
        ),
        "mentoring",
    ),
    (
        "stories:withdraw_consent",
        anonymous(stories_pages.withdraw_consent_page),
        "appearing-in-a-video-story",
    ),
    (":account_signup", anonymous(lambda: "/accounts/signup/"), "your-account"),
    (":account_email", lambda: (signed_in(UserFactory()), "/accounts/email/"), "your-account"),
    ("workstreams:search", anonymous(lambda: "/search/"), "searching-the-website"),
    ("training:facilitate", facilitate_form, "offering-to-facilitate"),
    ("opportunities:interest", interest_form, "expressing-interest-in-an-opportunity"),
]


def test_a_page_is_checked_for_every_form_a_section_covers():
    assert {name for name, _setup, _anchor in FORM_PAGES} == covered()


@pytest.mark.parametrize(
    ("name", "setup", "anchor"), FORM_PAGES, ids=[f"{n} {a}" for n, _s, a in FORM_PAGES]
)
def test_each_form_links_to_its_own_section_next_to_its_submit_button(name, setup, anchor):
    client, path = setup()
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.text
    link = f'href="/privacy/#{anchor}"'
    # The link follows the form's last submit button, before the form ends.
    forms = re.findall(r"<form\b.*?</form>", html, flags=re.DOTALL)
    with_link = [form for form in forms if link in form]
    assert len(with_link) == 1, path
    after_button = with_link[0].rsplit('type="submit"', 1)[1]
    assert link in after_button, path
    notice = " ".join(Client().get("/privacy/").text.split())
    assert f'<h3 id="{anchor}">' in notice
