"""Every kind of email the portal sends, sent as the portal sends it: through the services and
allauth's pages, so each carries its real links and codes.

EMAIL_KINDS is found by walking the templates (the portal's own under templates/emails/, and
allauth's that the portal's settings let it send), so a test that checks every kind fails when
a new kind is added and not sent here yet (tests/outbox/test_no_secret_at_rest.py does).
"""

from datetime import timedelta
from io import StringIO
from pathlib import Path

from allauth.account import app_settings as account_settings
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from concerns import services as concerns
from mentoring import services as mentoring
from network import services as network
from network.models import Membership, OversightGroupOutcome
from opportunities import services as opportunities
from opportunities.models import Interest
from peer_support import services as peer_support
from peer_support.models import ContactRequest, VolunteerProfile
from qi_projects import services as qi_projects
from stories import services as stories
from stories.models import ConsentRecord
from tests.accounts.helpers import PASSWORD
from tests.concerns.test_concerns import view_concern_permission
from tests.factories import StaffFactory, UserFactory, WorkstreamFactory
from tests.mentoring.factories import MentorFactory, ProgrammeFactory, SignUpFactory
from tests.network.factories import ApplicationFactory, CohortFactory
from tests.opportunities.factories import OpportunityFactory
from tests.outbox.test_plain_text import TEMPLATES
from tests.peer_support.factories import MemberFactory, VolunteerProfileFactory
from tests.qi_projects.factories import QIProjectFactory
from tests.stories.factories import ConsentFactory, StoryFactory
from tests.training.factories import BookingFactory, FacilitatorOfferFactory, SessionFactory
from training import services as training
from training.models import Booking


def allauth_kinds():
    """allauth's email templates for its installed apps, less those the settings never send."""
    never_sent = {
        # An old template allauth no longer sends.
        "account/email/email_confirm",
    }
    if not account_settings.EMAIL_NOTIFICATIONS:
        never_sent |= {
            "account/email/email_changed",
            "account/email/email_deleted",
            "account/email/password_changed",
            "account/email/password_reset",
            "account/email/password_set",
            "mfa/email/recovery_codes_generated",
            "mfa/email/totp_activated",
            "mfa/email/totp_deactivated",
            "mfa/email/webauthn_added",
            "mfa/email/webauthn_removed",
        }
    if not account_settings.PASSWORD_RESET_BY_CODE_ENABLED:
        never_sent.add("account/email/password_reset_code")
    templates = Path(apps.get_app_config("allauth").path, "templates")
    kinds = set()
    for app in apps.get_app_configs():
        if app.name.startswith("allauth."):  # allauth.account, allauth.mfa ...
            part = app.name.removeprefix("allauth.")
            for subject in (templates / part / "email").glob("*_subject.txt"):
                kinds.add(f"{part}/email/{subject.name.removesuffix('_subject.txt')}")
    return kinds - never_sent


EMAIL_KINDS = set(TEMPLATES) | allauth_kinds()

TRAINEE = "amara.okafor@nhs.net"  # has an account: the trainee whose own export is read
ANSWERS = {
    "full_name": "Amara Okafor",
    "pronouns": "she/her",
    "email": TRAINEE,
    "phone": "",
    "profession": "medicine",
    "grade": "registrar",
    "specialty": "Paediatrics",
    "employing_trust": "Alder Hey Children's NHS Foundation Trust",
    "area": "cheshire_merseyside",
    "oversight_group_statement": "I chaired the trainee forum.",
    "motivation": "I want to help.",
}


def send_every_email(trainee, signed_in):
    """Send at least one email of each kind in EMAIL_KINDS (run it with on-commit callbacks
    executed, so each is delivered). `trainee` is the account of TRAINEE, and `signed_in` a
    client signed in as them."""
    staff = StaffFactory(email="staff.member@nhs.net")
    _allauth_emails(signed_in)
    _network_emails(staff)
    _concern_emails(staff)
    _training_emails()
    _mentoring_emails(trainee)
    _peer_support_emails(trainee)
    _qi_project_emails(trainee, staff)
    _story_emails()
    _facilitator_emails(trainee)
    _opportunity_emails(trainee)
    call_command("send_test_email", TRAINEE, stdout=StringIO())


def _allauth_emails(signed_in):
    def post(path, data, client=None):
        response = (client or Client()).post(path, data)
        assert response.status_code == 302, (path, response.content.decode()[:2000])

    post("/accounts/email/", {"email": "amara.second@nhs.net", "action_add": ""}, signed_in)
    signup = {"password1": PASSWORD, "password2": PASSWORD}
    post("/accounts/signup/", {"email": "new.trainee@nhs.net", **signup})
    post("/accounts/signup/", {"email": TRAINEE, **signup})  # account_already_exists
    post("/accounts/password/reset/", {"email": TRAINEE})
    post("/accounts/password/reset/", {"email": "nobody.here@nhs.net"})  # unknown_account
    post("/accounts/login/code/", {"email": TRAINEE})


def _network_emails(staff):
    Group.objects.get_or_create(name=network.NETWORK_ADMINS_GROUP)[0].user_set.add(staff)
    cohort = CohortFactory()
    workstreams = [WorkstreamFactory()]
    yesterday = timezone.now() - timedelta(days=1)
    application, _ = network.submit_application(
        cohort=cohort, answers=ANSWERS, workstreams=workstreams, at=yesterday
    )
    network.submit_application(cohort=cohort, answers=ANSWERS, workstreams=workstreams)
    network.send_daily_digest()
    network.accept(application=application, by=staff)
    for outcome in (
        OversightGroupOutcome.SHORTLISTED,
        OversightGroupOutcome.APPOINTED,
        OversightGroupOutcome.NOT_APPOINTED,
    ):
        network.decide_oversight_group(application=application, outcome=outcome, by=staff)
    network.waitlist(
        application=ApplicationFactory(email=TRAINEE, cohort=CohortFactory(name="A")), by=staff
    )
    network.decline(
        application=ApplicationFactory(email=TRAINEE, cohort=CohortFactory(name="B")), by=staff
    )
    network.withdraw(application=ApplicationFactory(email=TRAINEE, cohort=CohortFactory(name="C")))


# Links the people were sent that a later email replaced: they must no longer open anything.
REPLACED_LINKS = set()


def _concern_emails(staff):
    staff.user_permissions.add(view_concern_permission())
    concern, _token = concerns.raise_concern(
        characteristic="race",
        details="Something happened on the ward.",
        recorded_as="discrimination",
        setting="placement",
        email=TRAINEE,
    )
    concerns.reply_to_raiser(concern=concern, text="We are looking into it.", by=staff)
    concerns.raiser_reply(concern=concern, text="Thank you.")
    concerns.send_overdue_digest(today=timezone.localdate() + timedelta(days=60))
    # A lost link replaced: the link in the acknowledgement stops working.
    concerns.send_new_links(reference_or_email=concern.reference)
    REPLACED_LINKS.add(concerns.follow_up_path(_token))


def _story_emails():
    stories.record_consent(consent=ConsentFactory.build(story=StoryFactory(), email=TRAINEE))
    withdrawn = ConsentFactory(email="speaker.withdrawn@nhs.net")
    stories.withdraw_consent(consent=withdrawn, by=ConsentRecord.Withdrawal.SPEAKER)


def _training_emails():
    now = timezone.now()
    session = SessionFactory(capacity=1, starts_at=now + timedelta(days=20))
    booked = {
        "name": "Amara Okafor",
        "role": "trainee",
        "organisation": "Alder Hey",
        "consent": True,
    }
    place = training.book_place(session_id=session.pk, email=TRAINEE, **booked)
    waiting = training.book_place(session_id=session.pk, email="waiting.one@nhs.net", **booked)
    training.book_place(session_id=session.pk, email="waiting.two@nhs.net", **booked)
    training.tell_attendees_details_changed(session_id=session.pk)
    training.cancel_booking(booking_id=place.pk)  # booking_cancelled; the first waiting: promoted
    training.cancel_booking(
        booking_id=Booking.objects.get(session=session, email="waiting.two@nhs.net").pk
    )  # waiting_list_left
    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.CONFIRMED
    training.cancel_session(session_id=session.pk)
    # The training record's link: to an address without an account (a signed link) and to one
    # an account holds (sign in to see it).
    training.send_training_record_link(email="waiting.one@nhs.net")
    training.send_training_record_link(email=TRAINEE)

    soon = SessionFactory(starts_at=now + timedelta(hours=12))
    next_week = SessionFactory(starts_at=now + timedelta(days=5))
    for upcoming in (soon, next_week):
        BookingFactory(session=upcoming, email=TRAINEE, confirmed_at=now - timedelta(days=30))
    training.send_reminders(now=now)
    ended = SessionFactory(starts_at=now - timedelta(hours=4), ends_at=now - timedelta(hours=1))
    BookingFactory(session=ended, email=TRAINEE)
    training.send_feedback_requests(now=now)

    Group.objects.get_or_create(name=training.TRAINING_LEADS_GROUP)[0].user_set.add(
        StaffFactory(email="training.lead@nhs.net")
    )
    training.request_session(
        contact_name="Amara Okafor",
        contact_email=TRAINEE,
        organisation="Alder Hey",
        department="Paediatrics",
        audience="Registrars",
        group_size=12,
        preferred_dates="Any Wednesday",
    )


def _facilitator_emails(trainee):
    """Offer, approval, a decline, an assignment and both reminders."""
    if not trainee.memberships.exists():
        Membership.objects.create(
            cohort=CohortFactory(name="F"), email=TRAINEE, user=trainee, full_name="Amara Okafor"
        )
    now = timezone.now()
    session = SessionFactory(starts_at=now + timedelta(days=20), online=True)
    offer = training.offer_to_facilitate(
        user=trainee,
        course_id=session.course_id,
        role="co_facilitate",
        name="Amara Okafor",
        statement="I have run workshops.",
        may_be_named=True,
    )
    training.decide_facilitator_offers(offer_ids=[offer.pk], approve=True)
    declined = FacilitatorOfferFactory(user=trainee, status="offered")
    training.decide_facilitator_offers(offer_ids=[declined.pk], approve=False)
    training.assign_facilitator(offer_id=offer.pk, session_id=session.pk)
    soon = SessionFactory(course=session.course, starts_at=now + timedelta(hours=12))
    next_week = SessionFactory(course=session.course, starts_at=now + timedelta(days=5))
    for upcoming in (soon, next_week):
        training.assign_facilitator(offer_id=offer.pk, session_id=upcoming.pk)
    offer.assignments.update(assigned_at=now - timedelta(days=30))
    training.send_reminders(now=now)


def _opportunity_emails(trainee):
    opportunity = OpportunityFactory()
    interest = opportunities.express_interest(
        user=trainee, opportunity_id=opportunity.pk, name="Amara Okafor", statement="I would."
    )
    opportunities.reply_to_interests(
        interest_ids=[interest.pk], status=Interest.Status.SHORTLISTED, message="Interview soon."
    )
    opportunities.reply_to_interests(
        interest_ids=[interest.pk], status=Interest.Status.NOT_TAKEN_FORWARD, message="Sorry."
    )


def _mentoring_emails(trainee):
    programme = ProgrammeFactory(check_in_every_days=30)
    mentee = mentoring.sign_up(
        programme=programme,
        user=trainee,
        answers={
            "full_name": "Amara Okafor",
            "role": "mentee",
            "grade": "registrar",
            "specialty": "medicine",
            "area": "greater_manchester",
            "topics": ["leadership"],
        },
    )
    mentor = MentorFactory(programme=programme, user=UserFactory(email="mentor.person@nhs.net"))
    match = mentoring.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)
    for sign_up in (mentor, mentee):
        mentoring.accept_match(match_id=match.pk, sign_up_id=sign_up.pk)
    mentoring.send_check_in_reminders(today=timezone.localdate() + timedelta(days=31))
    match.refresh_from_db()
    mentoring.report_not_working(match=match, sign_up=mentee, details="We never meet.")
    mentoring.end_matches(match_ids=[match.pk])
    # A suggested match declined: both are told it will not go ahead.
    second = ProgrammeFactory()
    declined = mentoring.confirm_match(
        programme=second,
        mentor_id=MentorFactory(programme=second).pk,
        mentee_id=SignUpFactory(programme=second).pk,
    )
    mentoring.decline_match(match_id=declined.pk, sign_up_id=declined.mentee_id, reason="")
    # Staff write to everyone taking part.
    mentoring.message_participants(
        programme_ids=[second.pk], subject="Next session", message="See you on **3 March**."
    )


def _peer_support_emails(trainee):
    volunteer = VolunteerProfileFactory(
        user=MemberFactory(email="volunteer.person@nhs.net"),
        status=VolunteerProfile.Status.PENDING,
        approved_at=None,
    )
    peer_support.approve_profiles(profiles=[volunteer])
    peer_support.send_contact_request(
        profile_id=volunteer.pk,
        requester=trainee,
        message="Could we talk about returning to training?",
        contact_method=ContactRequest.ContactMethod.EMAIL,
    )
    VolunteerProfile.objects.filter(pk=volunteer.pk).update(
        listed_until=timezone.localdate() + timedelta(days=7)
    )
    peer_support.send_renewal_reminders()


def _qi_project_emails(trainee, staff):
    for then in (
        [qi_projects.publish_project],
        [qi_projects.reject_project],
        [lambda project, by: qi_projects.request_changes(project=project, by=by, message="More.")],
        [qi_projects.withdraw_project],
    ):
        project = QIProjectFactory(author=trainee)
        qi_projects.submit_project(project=project, by=trainee)
        for step in then:
            step(project=project, by=staff)
