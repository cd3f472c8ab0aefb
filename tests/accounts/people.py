"""A trainee with something in every part of the portal, made the way each part makes it."""

from datetime import timedelta

from django.utils import timezone

from network import services
from network.models import Membership
from opportunities.services import express_interest
from peer_support.models import ContactRequest
from stories.models import ConsentRecord
from stories.services import record_consent
from tests.concerns.factories import ConcernFactory
from tests.factories import UserFactory, WorkstreamFactory
from tests.network.factories import ApplicationFactory, CohortFactory
from tests.opportunities.factories import OpportunityFactory
from tests.peer_support.factories import TopicFactory, VolunteerProfileFactory
from tests.qi_projects.factories import PublishedProjectFactory, QIProjectFactory
from tests.stories.factories import PublishedStoryFactory
from tests.training.factories import BookingFactory, FeedbackFactory, SessionFactory
from training.models import Booking
from training.services import (
    assign_facilitator,
    book_place,
    decide_facilitator_offers,
    offer_to_facilitate,
    request_session,
)


def trainee_with_everything(email="amara.okafor@nhs.net", *, items=1, suffix=""):
    """A verified trainee whose address has `items` of each kind of record.

    Records made before the account (an application, a past booking) join it when it is
    verified, as they do for a real trainee.
    """
    workstream = WorkstreamFactory(name=f"Peer Support Network{suffix}", slug=f"peer{suffix}")
    application = ApplicationFactory(
        email=email,
        full_name="Amara Okafor",
        cohort=CohortFactory(),
        workstreams=[workstream],
        equality={"ethnic_group": "black_african", "sex": "female"},
    )
    services.accept(application=application, by=None)
    past = SessionFactory(
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=10, hours=-3),
    )
    attended = BookingFactory(
        session=past, email=email, name="Amara Okafor", attendance=Booking.Attendance.ATTENDED
    )
    FeedbackFactory(booking=attended, comments="Really useful.")
    user = UserFactory(email=email, first_name="Amara", last_name="Okafor")
    for n in range(items):
        book_place(
            session_id=SessionFactory().pk,
            name="Amara Okafor",
            email=email,
            role="trainee",
            organisation="Alder Hey",
            access_requirements="Step-free access",
            consent=True,
        )
        QIProjectFactory(author=user, title=f"Welcoming new trainees {n}{suffix}")
        matched_mentee(user)
        other_volunteer = VolunteerProfileFactory(display_name=f"Sam {n}{suffix}")
        ContactRequest.objects.create(
            profile=other_volunteer,
            requester=user,
            message="Could we talk about returning to training?",
            contact_method=ContactRequest.ContactMethod.EMAIL,
        )
    PublishedProjectFactory(author=user, title=f"Inclusive rotas{suffix}")
    VolunteerProfileFactory(
        user=user,
        display_name="Amara",
        topics=[TopicFactory(name=f"Returning to training{suffix}")],
    )
    ConcernFactory(email=email, details="Something happened on the ward.")
    record_consent(
        consent=ConsentRecord(
            story=PublishedStoryFactory(title=f"Spoken up for{suffix}"),
            name="Amara Okafor",
            email=email,
            agreed_to_portal=True,
        )
    )
    request_session(
        contact_name="Amara Okafor",
        contact_email=email,
        organisation="Alder Hey",
        department="Paediatrics",
        audience="Registrars",
        group_size=12,
        preferred_dates="Any Wednesday",
    )
    assert Membership.objects.get(application=application).user == user
    for _n in range(items):
        session = SessionFactory()
        offer = offer_to_facilitate(
            user=user,
            course_id=session.course_id,
            role="co_facilitate",
            name="Amara Okafor",
            statement="I have run bystander workshops.",
            may_be_named=True,
        )
        decide_facilitator_offers(offer_ids=[offer.pk], approve=True)
        assign_facilitator(offer_id=offer.pk, session_id=session.pk)
        express_interest(
            user=user,
            opportunity_id=OpportunityFactory().pk,
            name="Amara Okafor",
            statement="I would like to lead.",
        )
    return user


def matched_mentee(user):
    """A sign-up (with something shared for matching) in a new programme, matched, accepted by
    both, with a check-in due: every kind of mentoring record."""
    from mentoring import services as mentoring
    from mentoring.models import SharedCharacteristics
    from tests.mentoring.factories import MentorFactory, ProgrammeFactory, SignUpFactory

    programme = ProgrammeFactory()
    mentee = SignUpFactory(programme=programme, user=user, full_name="Amara Okafor")
    SharedCharacteristics.objects.create(sign_up=mentee, characteristics=["img"])
    mentor = MentorFactory(programme=programme)
    match = mentoring.confirm_match(programme=programme, mentor_id=mentor.pk, mentee_id=mentee.pk)
    for sign_up in (mentor, mentee):
        mentoring.accept_match(match_id=match.pk, sign_up_id=sign_up.pk)
    return mentee
