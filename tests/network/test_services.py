from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from edi_portal.models import OutboundEmail
from network import services
from network.models import (
    Application,
    ApplicationStatusChange,
    EqualityMonitoring,
    Membership,
    OversightGroupOutcome,
)
from tests.factories import StaffFactory, UserFactory, WorkstreamFactory

from .factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db

Status = Application.Status


def answers(**overrides):
    return {
        "full_name": "Amara Okafor",
        "pronouns": "she/her",
        "email": "Amara.Okafor@nhs.net",
        "phone": "",
        "profession": "medicine",
        "grade": "registrar",
        "specialty": "Paediatrics",
        "employing_trust": "Alder Hey Children's NHS Foundation Trust",
        "area": "cheshire_merseyside",
        "oversight_group_statement": "",
        "motivation": "I want to help.",
        **overrides,
    }


def emails_to(address):
    return OutboundEmail.objects.filter(to=address).order_by("created_at")


def test_submit_creates_the_application_its_equality_answers_and_an_acknowledgement(
    django_capture_on_commit_callbacks,
):
    cohort = CohortFactory()
    workstream = WorkstreamFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application, created = services.submit_application(
            cohort=cohort,
            answers=answers(),
            workstreams=[workstream],
            equality={"ethnic_group": "black_african", "sex": "prefer_not_to_say"},
        )
    assert created
    assert application.email == "amara.okafor@nhs.net"
    assert application.reference.startswith("EDI-")
    assert list(application.workstreams.all()) == [workstream]
    assert application.status == Status.SUBMITTED
    assert application.oversight_group_outcome == OversightGroupOutcome.NOT_REQUESTED
    assert EqualityMonitoring.objects.get(application=application).ethnic_group == "black_african"
    [email] = mail.outbox
    assert email.to == ["amara.okafor@nhs.net"]
    assert application.reference in email.subject
    assert services.status_url(application) in email.body


def test_asking_for_the_oversight_group_marks_the_interest_as_requested():
    application, _ = services.submit_application(
        cohort=CohortFactory(),
        answers=answers(oversight_group_statement="I chaired the trainee forum."),
        workstreams=[WorkstreamFactory()],
    )
    assert application.oversight_group_outcome == OversightGroupOutcome.REQUESTED
    assert application.equality_monitoring.ethnic_group == ""


def test_a_second_application_from_the_same_email_sends_a_reminder_instead():
    cohort = CohortFactory()
    first, _ = services.submit_application(
        cohort=cohort, answers=answers(), workstreams=[WorkstreamFactory()]
    )
    again, created = services.submit_application(
        cohort=cohort,
        answers=answers(email="AMARA.OKAFOR@nhs.net", full_name="Someone Else"),
        workstreams=[WorkstreamFactory()],
    )
    assert not created
    assert again == first
    assert Application.objects.count() == 1
    assert EqualityMonitoring.objects.count() == 1
    subjects = list(emails_to("amara.okafor@nhs.net").values_list("subject", flat=True))
    assert subjects == [
        f"We have received your application to join the network ({first.reference})",
        f"You have already applied to join the network ({first.reference})",
    ]
    # A third try the same day sends no more reminders.
    services.submit_application(cohort=cohort, answers=answers(), workstreams=[])
    assert emails_to("amara.okafor@nhs.net").count() == 2


def test_the_same_email_may_apply_to_another_cohort():
    services.submit_application(cohort=CohortFactory(), answers=answers(), workstreams=[])
    next_year = CohortFactory(name="2027-28")
    _, created = services.submit_application(cohort=next_year, answers=answers(), workstreams=[])
    assert created


def test_a_closed_cohort_takes_no_applications():
    cohort = CohortFactory(
        applications_open=timezone.now() - timedelta(days=40),
        applications_close=timezone.now() - timedelta(days=1),
    )
    with pytest.raises(services.ApplicationsClosed):
        services.submit_application(cohort=cohort, answers=answers(), workstreams=[])
    assert not Application.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_each_status_change_records_who_and_when_and_emails_once():
    admin = StaffFactory()
    application = ApplicationFactory()
    assert services.mark_in_review(application=application, by=admin)
    assert services.waitlist(application=application, by=admin)
    assert not services.waitlist(application=application, by=admin)
    application.refresh_from_db()
    assert application.status == Status.WAITLISTED
    history = list(application.status_changes.values_list("from_value", "to_value", "changed_by"))
    assert history == [("submitted", "in_review", admin.pk), ("in_review", "waitlisted", admin.pk)]
    # In review sends nothing; the waiting-list email goes once.
    assert list(emails_to(application.email).values_list("idempotency_key", flat=True)) == [
        f"application-decision:{application.pk}:waitlisted"
    ]


def test_final_statuses_cannot_change():
    application = ApplicationFactory()
    services.decline(application=application, by=StaffFactory())
    with pytest.raises(services.TransitionNotAllowed):
        services.accept(application=application, by=StaffFactory())
    application.refresh_from_db()
    assert application.status == Status.DECLINED
    assert not Membership.objects.exists()


def test_accepting_creates_a_membership_and_invites_the_trainee_to_set_up_an_account():
    workstreams = [WorkstreamFactory(), WorkstreamFactory()]
    application = ApplicationFactory(
        workstreams=workstreams, oversight_group_outcome=OversightGroupOutcome.REQUESTED
    )
    services.accept(application=application, by=StaffFactory())
    membership = Membership.objects.get(application=application)
    assert membership.cohort == application.cohort
    assert membership.email == application.email
    assert membership.user is None
    assert membership.oversight_group_outcome == OversightGroupOutcome.REQUESTED
    assert set(membership.workstreams.all()) == set(workstreams)
    [email] = emails_to(application.email)
    assert "Set up your account" in email.text_body
    assert "/accounts/signup/" in email.text_body


def test_accepting_links_an_existing_account():
    user = UserFactory(email="existing@nhs.net")
    application = ApplicationFactory(email="existing@nhs.net")
    services.accept(application=application, by=StaffFactory())
    assert Membership.objects.get(application=application).user == user
    [email] = emails_to("existing@nhs.net")
    assert "/accounts/login/" in email.text_body
    assert "Set up your account" not in email.text_body


def test_the_applicant_withdraws_without_an_admin():
    application = ApplicationFactory()
    assert services.withdraw(application=application)
    change = application.status_changes.get(to_value=Status.WITHDRAWN)
    assert change.changed_by is None
    assert emails_to(application.email).count() == 1
    with pytest.raises(services.TransitionNotAllowed):
        services.accept(application=application, by=StaffFactory())


def test_oversight_group_decisions_are_recorded_and_emailed_once():
    admin = StaffFactory()
    application = ApplicationFactory(oversight_group_outcome=OversightGroupOutcome.REQUESTED)
    services.accept(application=application, by=admin)
    for _ in range(2):
        services.decide_oversight_group(
            application=application, outcome=OversightGroupOutcome.APPOINTED, by=admin
        )
    application.refresh_from_db()
    assert application.oversight_group_outcome == OversightGroupOutcome.APPOINTED
    assert application.membership.oversight_group_outcome == OversightGroupOutcome.APPOINTED
    change = application.status_changes.get(field=ApplicationStatusChange.Field.OVERSIGHT_GROUP)
    assert (change.from_value, change.to_value, change.changed_by) == (
        "requested",
        "appointed",
        admin,
    )
    assert emails_to(application.email).filter(subject__contains="appointed").count() == 1


def test_no_oversight_group_decision_for_someone_who_did_not_ask():
    application = ApplicationFactory()
    with pytest.raises(services.TransitionNotAllowed):
        services.decide_oversight_group(
            application=application, outcome=OversightGroupOutcome.APPOINTED, by=StaffFactory()
        )


def test_status_tokens_round_trip_and_reject_tampering():
    application = ApplicationFactory()
    token = services.status_token(application)
    assert services.application_for_token(token) == application
    assert services.application_for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert services.application_for_token("not-a-token") is None


def test_the_daily_digest_goes_to_network_admins_once():
    group, _ = Group.objects.get_or_create(name=services.NETWORK_ADMINS_GROUP)
    admins = [StaffFactory(), StaffFactory()]
    group.user_set.add(*admins)
    StaffFactory()  # staff outside the group get nothing
    yesterday = timezone.now() - timedelta(days=1)
    ApplicationFactory(submitted_at=yesterday, full_name="Priya Shah")
    ApplicationFactory(submitted_at=timezone.now() - timedelta(days=3))
    from network.tasks import send_application_digest

    assert send_application_digest.delay().get() == 1
    assert send_application_digest.delay().get() == 1
    digests = OutboundEmail.objects.filter(idempotency_key__startswith="application-digest:")
    assert sorted(digests.values_list("to", flat=True)) == sorted(a.email for a in admins)
    assert "Priya Shah" in digests.first().text_body


def test_no_digest_on_a_day_without_applications():
    group, _ = Group.objects.get_or_create(name=services.NETWORK_ADMINS_GROUP)
    group.user_set.add(StaffFactory())
    assert services.send_daily_digest() == 0
    assert not OutboundEmail.objects.exists()


def test_retention_deletes_old_unsuccessful_applications_with_their_equality_answers(settings):
    settings.APPLICATION_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    recent = timezone.now() - timedelta(days=29)
    declined_old = ApplicationFactory(status=Status.DECLINED, status_changed_at=old)
    withdrawn_old = ApplicationFactory(status=Status.WITHDRAWN, status_changed_at=old)
    kept = [
        ApplicationFactory(status=Status.DECLINED, status_changed_at=recent),
        ApplicationFactory(status=Status.ACCEPTED, status_changed_at=old),
        ApplicationFactory(status=Status.WAITLISTED, status_changed_at=old),
    ]
    from edi_portal.tasks import delete_expired_records

    def delete_expired_applications():
        return delete_expired_records.delay().get()[
            "Declined and withdrawn applications, with their equality answers"
        ]

    assert delete_expired_applications() == 2
    assert set(Application.objects.all()) == set(kept)
    assert not EqualityMonitoring.objects.filter(
        application_id__in=[declined_old.pk, withdrawn_old.pk]
    ).exists()
    assert EqualityMonitoring.objects.count() == 3
    assert delete_expired_applications() == 0


def test_the_beat_schedule_runs_the_digest_and_the_retention_task(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "network.tasks.send_application_digest",
        "edi_portal.tasks.delete_expired_records",
    } <= tasks
