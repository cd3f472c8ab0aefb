from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from edi_portal.models import OutboundEmail
from edi_portal.templatetags import nhsuk_forms
from edi_portal.templatetags.nhsuk_forms import crispy_reused
from network import services
from network.models import Application, EqualityMonitoring
from network.views import STEPS
from tests.factories import WorkstreamFactory

from .factories import ApplicationFactory, CohortFactory
from .journey import (
    ABOUT_YOU,
    TRAINING,
    complete_application,
    workstreams_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory()


@pytest.fixture
def workstream():
    return WorkstreamFactory(name="Peer Support Network", slug="peer-support-network")


def test_the_start_page_says_when_applications_close(client, cohort):
    cohort.applications_close = timezone.make_aware(timezone.datetime(2027, 3, 31, 17, 0))
    cohort.save()
    content = client.get("/join/").content.decode()
    assert "Applications close on <strong>31 March 2027 at 17:00" in content
    assert 'href="/join/about-you/"' in content


def test_the_start_page_says_when_the_next_round_opens(client):
    CohortFactory(
        name="2027-28",
        applications_open=timezone.make_aware(timezone.datetime(2027, 6, 1)),
        applications_close=timezone.make_aware(timezone.datetime(2027, 7, 1)),
    )
    content = client.get("/join/").content.decode()
    assert "Applications are closed" in content
    assert "open on 1 June 2027" in content
    assert "Start now" not in content


def test_question_pages_send_you_back_while_applications_are_closed(client):
    CohortFactory(
        applications_open=timezone.now() - timedelta(days=30),
        applications_close=timezone.now() - timedelta(days=1),
    )
    response = client.post("/join/about-you/", ABOUT_YOU)
    assert response.status_code == 302
    assert response["Location"] == "/join/"
    assert client.post("/join/check/").status_code == 302
    assert not Application.objects.exists()


def test_the_whole_application_with_the_test_client(
    client, cohort, workstream, django_capture_on_commit_callbacks
):
    response = complete_application(client, workstream)
    assert response.redirect_chain[-1][0] == "/join/check/"
    content = response.content.decode()
    for answer in ["Amara Okafor", "Paediatrics", "Peer Support Network", "Black, Black British"]:
        assert answer in content
    assert 'href="/join/about-you/?change=1#id_full_name"' in content
    assert "What you would bring to the group" not in content  # they said no
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/join/check/", follow=True)
    assert response.redirect_chain[-1][0] == "/join/submitted/"
    application = Application.objects.get()
    assert application.email == "amara.okafor@nhs.net"
    assert application.reference in response.content.decode()
    assert application.equality_monitoring.ethnic_group == "black_african"
    assert [m.subject for m in mail.outbox] == [
        f"We have received your application to join the network ({application.reference})"
    ]
    # The answers are gone from the session: a second visit starts again.
    assert "Amara Okafor" not in client.get("/join/check/").content.decode()


def test_a_second_click_on_send_shows_the_confirmation_again(client, cohort, workstream):
    complete_application(client, workstream)
    client.post("/join/check/")
    assert client.post("/join/check/")["Location"] == "/join/submitted/"
    assert Application.objects.count() == 1


def test_an_error_keeps_what_was_typed(client, cohort):
    response = client.post("/join/about-you/", {**ABOUT_YOU, "email": "not-an-email"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert "Enter an email address in the correct format" in content
    assert 'value="Amara Okafor"' in content
    assert 'value="not-an-email"' in content


def test_a_page_shows_the_answers_already_given(client, cohort):
    client.post("/join/about-you/", ABOUT_YOU)
    assert 'value="Amara Okafor"' in client.get("/join/about-you/").content.decode()


def test_a_blank_question_page_reuses_its_form_and_answers_are_never_kept(client, cohort):
    blank = client.get("/join/about-you/").content.decode()
    assert 'name="full_name"' in blank
    assert 'value="Amara Okafor"' not in blank
    client.post("/join/about-you/", ABOUT_YOU)
    kept_before = dict(nhsuk_forms._rendered_forms)
    assert 'value="Amara Okafor"' in client.get("/join/about-you/").content.decode()
    assert nhsuk_forms._rendered_forms == kept_before
    assert not any("Amara Okafor" in html for html in nhsuk_forms._rendered_forms.values())


def test_question_forms_render_alike_reused_or_through_their_helper():
    tag = Template("{% load crispy_forms_tags %}{% crispy form %}")
    for step in STEPS:
        form = step.form_class()
        if form.renders_alike_for_everyone:
            assert crispy_reused(form).split() == tag.render(Context({"form": form})).split()


def test_an_application_cannot_be_sent_until_every_page_is_answered(client, cohort):
    client.post("/join/about-you/", ABOUT_YOU)
    content = client.get("/join/check/").content.decode()
    assert "You need to answer every question" in content
    assert 'href="/join/your-training/"' in content
    assert "Accept and send" not in content
    assert client.post("/join/check/")["Location"] == "/join/your-training/"
    assert not Application.objects.exists()


def test_unknown_step_is_not_found(client, cohort):
    assert client.get("/join/no-such-step/").status_code == 404


def test_a_workstream_page_can_preselect_a_workstream(client, cohort, workstream):
    WorkstreamFactory()
    client.get("/join/?workstream=peer-support-network")
    client.post("/join/about-you/", ABOUT_YOU)
    client.post("/join/your-training/", TRAINING)
    content = client.get("/join/workstreams/").content.decode()
    assert f'value="{workstream.pk}" checked' in content


def test_changing_an_answer_returns_to_check_your_answers(client, cohort, workstream):
    complete_application(client, workstream)
    response = client.post("/join/your-training/?change=1", {**TRAINING, "specialty": "Psychiatry"})
    assert response["Location"] == "/join/check/"
    content = client.get("/join/check/").content.decode()
    assert "Psychiatry" in content
    assert "Paediatrics" not in content


def test_equality_monitoring_can_be_skipped_entirely(client, cohort, workstream):
    complete_application(client, workstream)
    response = client.post("/join/equality/", {"ethnic_group": "asian_indian", "skip": "1"})
    assert response["Location"] == "/join/check/"
    client.post("/join/check/")
    monitoring = EqualityMonitoring.objects.get()
    assert all(getattr(monitoring, name) == "" for name in monitoring.ANSWER_FIELDS)


def test_the_oversight_group_needs_a_statement_within_the_word_limit(client, cohort, workstream):
    response = client.post(
        "/join/workstreams/", workstreams_answers(workstream) | {"oversight_group": "yes"}
    )
    assert "Tell us what you would bring to the Oversight Group" in response.content.decode()
    response = client.post(
        "/join/workstreams/", workstreams_answers(workstream, statement="word " * 151)
    )
    assert "150 words or fewer" in response.content.decode()


def test_the_word_limit_is_enforced_on_the_server(client, cohort):
    response = client.post("/join/why/", {"motivation": "word " * 251})
    assert "Your answer must be 250 words or fewer" in response.content.decode()
    assert "You can enter up to 250 words" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        ("/join/about-you/", {**ABOUT_YOU, "full_name": "A" * 201}, "200 characters or fewer"),
        (
            "/join/about-you/",
            {**ABOUT_YOU, "full_name": "<script>alert(1)</script>"},
            "Full name must not include a web address or any of these characters",
        ),
        (
            "/join/about-you/",
            {**ABOUT_YOU, "email": "amara@gmail.com"},
            "Enter your NHS email address",
        ),
        (
            "/join/about-you/",
            {**ABOUT_YOU, "email": "amara"},
            "Enter an email address in the correct format",
        ),
        ("/join/about-you/", {**ABOUT_YOU, "phone": "call me"}, "Enter a phone number"),
        ("/join/your-training/", {**TRAINING, "grade": "consultant"}, "Select your grade"),
        (
            "/join/your-training/",
            {**TRAINING, "specialty": '<img src=x onerror="alert(1)">'},
            "Remove the HTML",
        ),
        (
            "/join/workstreams/",
            {"workstreams": ["999999"], "oversight_group": "no"},
            "Select workstreams from the list",
        ),
        (
            "/join/workstreams/",
            {"workstreams": ["abc"], "oversight_group": "no"},
            "Select workstreams from the list",
        ),
        ("/join/workstreams/", {"oversight_group": "no"}, "Select at least one workstream"),
        ("/join/equality/", {"ethnic_group": "martian"}, "Select one of the answers"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, cohort, path, data, message):
    response = client.post(path, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert client.session.get("join", {}).get("answers", {}) == {}


def test_a_second_application_shows_the_same_page_and_emails_a_reminder(client, cohort, workstream):
    complete_application(client, workstream)
    client.post("/join/check/")
    first = Application.objects.get()
    complete_application(client, workstream, email="AMARA.okafor@nhs.net")
    response = client.post("/join/check/", follow=True)
    assert response.redirect_chain[-1][0] == "/join/submitted/"
    assert "Application sent" in response.content.decode()
    assert Application.objects.count() == 1
    reminder = OutboundEmail.objects.get(idempotency_key__startswith="application-reminder:")
    assert reminder.to == "amara.okafor@nhs.net"
    assert first.reference in reminder.text_body


def test_the_submit_is_rate_limited(client, cohort, workstream, settings):
    for number in range(21):
        complete_application(client, workstream, email=f"person{number}@nhs.net")
        response = client.post("/join/check/")
    assert response.status_code == 429
    assert "too many times" in response.content.decode()
    assert Application.objects.count() == 20


def test_submitted_page_needs_a_submission(client):
    assert client.get("/join/submitted/")["Location"] == "/join/"


def test_the_status_page_and_withdrawal(client, django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    url = services.status_url(application)
    content = client.get(url).content.decode()
    assert application.reference in content
    assert "Submitted" in content
    withdraw = client.get(f"{url}withdraw/")
    assert "Are you sure" in withdraw.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}withdraw/", follow=True)
    assert "You have withdrawn your application" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert "Withdraw your application" not in response.content.decode()
    assert client.get(f"{url}withdraw/")["Location"] == url
    assert client.post(f"{url}withdraw/", follow=True).status_code == 200
    assert application.status_changes.filter(to_value="withdrawn").count() == 1


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "1:" + t, lambda t: "abc"])
def test_a_tampered_status_link_is_not_found(client, mangle):
    application = ApplicationFactory()
    token = services.status_token(application)
    assert client.get(f"/join/status/{mangle(token)}/").status_code == 404
    assert client.post(f"/join/status/{mangle(token)}/withdraw/").status_code == 404
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def status_queries(client, count):
    cohort = CohortFactory()
    workstreams = [WorkstreamFactory() for _ in range(3)]
    applications = [
        ApplicationFactory(cohort=cohort, workstreams=workstreams)
        for _ in range(count - Application.objects.count())
    ]
    url = services.status_url(applications[-1])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_status_page_makes_the_same_number_of_queries_with_5_and_200_applications(client):
    at_5 = status_queries(client, 5)
    at_200 = status_queries(client, 200)
    print(f"status page queries: {at_5} with 5 applications, {at_200} with 200")
    assert at_5 == at_200
