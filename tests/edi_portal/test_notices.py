"""The privacy notice and the accessibility statement say what is true of this deployment."""

import pytest

from edi_portal.privacy import form_notices

pytestmark = pytest.mark.django_db

FORMS = [
    "Applying to join the network",
    "Equality monitoring",
    "Booking a training session",
    "Giving feedback on a training session",
    "Asking for your training record by email",
    "Requesting a session for your department or trust",
    "Raising a concern",
    "Submitting a quality improvement (QI) project",
    "Volunteering as a peer supporter",
    "Contacting a peer supporter",
    "Signing up for mentoring or a buddy scheme",
    "Mentoring check-ins, problems and feedback",
    "Appearing in a video story",
    "Offering to help run a training course",
    "Expressing interest in an opportunity",
    "Your account",
    "Searching the website",
]


def notice(client):
    return " ".join(client.get("/privacy/").content.decode().split())


def test_the_privacy_notice_covers_every_form_with_each_heading(client):
    html = notice(client)
    assert [item.heading for item in form_notices()] == FORMS
    for item in form_notices():
        assert f'<h3 id="{item.anchor}">{item.heading}</h3>' in html
    for key in ["What we collect", "Why", "Lawful basis", "Special category data"]:
        assert html.count(f'<dt class="nhsuk-summary-list__key">{key}</dt>') == len(FORMS)
    for text in [
        "The data controller is NHS England",
        "mailto:england.dpo@nhs.net",
        "Article 9(2)(g)",
        "explicit consent (Article 9(2)(a))",
        "Server logs, IP addresses and cookies",
        "Information Commissioner",
        'href="/your-network/"',
    ]:
        assert text in html, text


@pytest.mark.parametrize(
    ("setting", "sentence"),
    [
        ("APPLICATION_RETENTION_DAYS", "Declined and withdrawn applications: {} days"),
        ("CONCERN_RETENTION_DAYS", "{} days after it was raised"),
        ("PEER_SUPPORT_REQUEST_RETENTION_DAYS", "the emails that relayed them: {} days"),
        ("SERVER_LOG_RETENTION_DAYS", "keep them for {} days"),
        ("STORY_WITHDRAWN_FILES_HOURS", "transcript are deleted within {} hours"),
    ],
)
def test_changing_a_retention_setting_changes_the_notice(client, settings, setting, sentence):
    for days in (17, 431):
        setattr(settings, setting, days)
        assert sentence.format(days) in notice(client)


def test_the_mentoring_section_says_what_is_shared_for_matching_its_condition_who_sees_it_and_for_how_long(
    client, settings
):
    settings.MENTORING_RETENTION_DAYS = 222
    html = notice(client)
    section = html.split('<h3 id="mentoring">')[1].split("<h3")[0]
    for text in [
        "anything you choose to share for matching",
        "special category data",
        "explicit consent (Article 9(2)(a))",
        "only staff given a specific permission to read it",
        "never shown to the person you are matched with",
        "222 days after your sign-up ended",
    ]:
        assert text in section, text


def test_the_controller_is_the_deployments_own(client, settings):
    settings.PRIVACY_CONTROLLER = "NHS England (Workforce, Training and Education, Wessex)"
    settings.DATA_PROTECTION_OFFICER_EMAIL = "dpo@example.nhs.uk"
    html = notice(client)
    assert "The data controller is NHS England (Workforce, Training and Education, Wessex)." in html
    assert "mailto:dpo@example.nhs.uk" in html


def test_the_accessibility_statement_follows_the_model_statement(client):
    html = " ".join(client.get("/accessibility/").content.decode().split())
    for heading in [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Non-accessible content",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    ]:
        assert f">{heading}</h2>" in html.replace("&#x27;", "'"), heading
    for text in [
        "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA",
        "This statement was prepared on 24 November 2026",
        "Equality Advisory and Support Service",
        "axe-core",
    ]:
        assert text in html, text
