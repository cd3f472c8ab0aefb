"""No side doors: every way admin changes data goes through the service the public journey uses
(its rules, its timeline, its emails), or is read-only, or is listed below with its reason.

The walk covers every registered ModelAdmin (django.contrib.admin.site._registry), as a
superuser sees it. Its ways in ("doors"):
- "add" and "change": the add and change forms (list_editable too); they save through
  save_model, which must be marked with edi_portal.admin.through_services;
- "delete": the delete page and "delete selected" (delete_model and delete_queryset);
- "inline": an inline that can add, change or delete rows (save_formset);
- each other action: service_action (naming its services) or read_only_action.
A marked method or action must name functions from an app's services module, and call them.

Then every action runs, as staff would run it, on rows in a state it acts on: an action that
emails people shows a confirmation page on its first POST and sends nothing; confirmed, it emails
exactly the number of people the page said.
"""

import re
import types

import pytest
from django.contrib import admin
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from edi_portal.admin import CONFIRMED
from edi_portal.models import OutboundEmail
from mentoring import services as mentoring_services
from network.models import OversightGroupOutcome
from peer_support.models import VolunteerProfile
from qi_projects.models import Status
from tests.concerns.factories import ConcernFactory
from tests.factories import StaffFactory, UserFactory
from tests.mentoring.factories import MentorFactory, ProgrammeFactory, SignUpFactory
from tests.network.factories import ApplicationFactory
from tests.opportunities.factories import InterestFactory
from tests.outbox.factories import OutboundEmailFactory
from tests.peer_support.factories import VolunteerProfileFactory
from tests.qi_projects.factories import QIProjectFactory
from tests.stories.factories import PublishedStoryFactory, StoryFactory
from tests.training.factories import BookingFactory, FacilitatorOfferFactory, SessionFactory

EDITORIAL = "Editorial content staff write for the site: nobody is emailed, no rule spans rows"
# Each model's doors that write directly, with why that is right. Keyed by model label.
WRITES_DIRECTLY = {
    # Pages and settings staff write.
    "workstreams.Workstream": ({"add", "change", "delete", "inline"}, EDITORIAL),
    "workstreams.Page": ({"add", "change", "delete"}, EDITORIAL),
    "workstreams.Resource": ({"add", "change", "delete"}, EDITORIAL),
    "workstreams.GoodPractice": ({"add", "change", "delete"}, EDITORIAL),
    "workstreams.Helpline": ({"add", "change", "delete"}, EDITORIAL),
    "workstreams.SearchSynonym": ({"add", "change", "delete"}, EDITORIAL),
    "peer_support.Topic": ({"add", "change", "delete"}, EDITORIAL),
    "stories.Topic": ({"add", "change", "delete"}, EDITORIAL),
    "stories.Story": (
        {"delete"},
        "Removing a story staff uploaded by mistake: its files go with it, nobody is emailed "
        "(publishing and withdrawal go through stories.services)",
    ),
    "training.Course": ({"add", "change", "delete"}, EDITORIAL),
    "qi_projects.QIConference": ({"add", "change", "delete"}, EDITORIAL),
    "concerns.YouSaidWeDid": ({"add", "change", "delete"}, EDITORIAL),
    "opportunities.Opportunity": (
        {"add", "change", "delete"},
        "Opportunities staff publish, with a closing date: nobody is emailed; deleted only "
        "before anyone expresses interest (OpportunityAdmin.has_delete_permission)",
    ),
    "network.Cohort": (
        {"add", "change", "delete"},
        "A cohort's dates; applications PROTECT it from deletion once anyone applied",
    ),
    "mentoring.Programme": (
        {"add", "change", "delete"},
        "A programme's page and rules, checked by Programme.clean(); deleted only before anyone "
        "signs up (ProgrammeAdmin.has_delete_permission); matches are made on its matching page "
        "through mentoring.services.confirm_match",
    ),
    # Staff access.
    "network.User": (
        {"add", "change", "delete"},
        "Staff accounts and their permissions. Trainees' accounts come from sign-up; erasing a "
        "person's data is the subject access tool's (services_accounts.erase_personal_data)",
    ),
    "auth.Group": ({"add", "change", "delete"}, "Permission groups for staff: no person's record"),
    "account.EmailAddress": (
        {"delete"},
        "Removing an address from an account (a claim on someone else's address, say) gives "
        "nobody anything; adding and verifying one is the person's own step",
    ),
    "mfa.Authenticator": (
        {"delete"},
        "Removing a lost second factor; the person sets up a new one themselves",
    ),
    # Corrections to a record whose state changes only through the actions.
    "network.Application": (
        {"change", "delete"},
        "Only internal notes are editable (all the applicant wrote is read-only); decisions are "
        "the actions. Deleting is for spam and tests: the delete page lists what goes with it",
    ),
    "network.Membership": (
        {"add", "change", "delete"},
        "The register of members, corrected by hand; accepting an application makes its row "
        "through network.services, with the email",
    ),
    "peer_support.VolunteerProfile": (
        {"change", "delete"},
        "Staff correct a profile's wording and its monthly limit; status changes only through "
        "the approve action",
    ),
    "qi_projects.QIProject": (
        {"change", "delete"},
        "Moderators correct a project's text; status changes only through the moderation actions",
    ),
    "qi_projects.SubmittedProject": (
        {"change", "delete"},
        "The same projects as QIProject, the queue of those submitted",
    ),
    "training.Session": (
        {"delete", "inline"},
        "Deleting a booked session is refused (Booking.session PROTECTs it): it is cancelled "
        "instead, through the action. The inline is the register: one attendance field per "
        "booking, nobody emailed",
    ),
    "training.Booking": (
        {"change"},
        "Staff correct a name, address or organisation; the place and its status are read-only",
    ),
    "training.SessionRequest": (
        {"add", "change", "delete"},
        "Triage of requests to run a session: a status and notes, nobody emailed",
    ),
    "mentoring.NotWorkingReport": (
        {"change"},
        "Staff record when they handled the report: one date field",
    ),
    "training.Feedback": ({"delete"}, "Removing an abusive comment; nothing else about it changes"),
    "peer_support.ContactRequest": ({"delete"}, "Removing a record of who contacted whom"),
}
SERVICE_MODULE = re.compile(r"^[a-z_]+\.services(_[a-z]+)?$")


def superuser_request():
    request = RequestFactory().post("/admin/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True)
    return request


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def own(model_admin, name):
    """The method as the ModelAdmin's class defines it, or None when Django's default runs."""
    method = getattr(type(model_admin), name)
    return None if method is getattr(admin.ModelAdmin, name) else method


def editable_inline(inline, request):
    form = inline.get_formset(request).form
    can_write = inline.has_add_permission(request, None) or inline.has_change_permission(request)
    return (can_write and form.base_fields) or (
        inline.can_delete and inline.has_delete_permission(request)
    )


def doors(model_admin, request):
    """{door: the methods that must be marked}: the ways this admin writes to the database."""
    found = {}
    if model_admin.has_add_permission(request):
        found["add"] = ["save_model"]
    if model_admin.has_change_permission(request) and (
        model_admin.get_form(request, None, change=True).base_fields or model_admin.list_editable
    ):
        found["change"] = ["save_model"]
    if model_admin.has_delete_permission(request):
        found["delete"] = ["delete_model", "delete_queryset"]
    if any(
        editable_inline(inline, request) for inline in model_admin.get_inline_instances(request)
    ):
        found["inline"] = ["save_formset"]
    return found


def code_names(code):
    """Every name a function's code (and the code nested in it) loads."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= code_names(constant)
    return names


def problems_with_services(where, function):
    """What is wrong with how `function` declares the services it goes through."""
    services = getattr(function, "services", None)
    if services is None:
        return [f"{where} declares no service (through_services, service_action, read_only_action)"]
    wrapped = function
    while hasattr(wrapped, "__wrapped__"):
        wrapped = wrapped.__wrapped__
    found = []
    for service in services:
        if not SERVICE_MODULE.match(service.__module__):
            found.append(f"{where}: {service.__qualname__} is not from an app's services module")
        elif service.__name__ not in code_names(wrapped.__code__):
            found.append(f"{where} names {service.__name__} but does not call it")
    return found


@pytest.mark.django_db
def test_every_way_admin_writes_goes_through_a_service_or_has_a_reason():
    request = superuser_request()
    problems = []
    for model, model_admin in registered():
        allowed, _reason = WRITES_DIRECTLY.get(model._meta.label, (set(), ""))
        for door, methods in doors(model_admin, request).items():
            if door in allowed:
                continue
            for name in methods:
                method = own(model_admin, name)
                where = f"{model._meta.label} {door} ({name})"
                if method is None:
                    problems.append(f"{where} writes directly: mark it or list it with a reason")
                else:
                    problems += problems_with_services(where, method)
        for name, (action, _name, _description) in model_admin.get_actions(request).items():
            if name != "delete_selected":  # the "delete" door
                problems += problems_with_services(f"{model._meta.label} action {name}", action)
    assert not problems, "\n".join(problems)


def test_every_reason_is_still_needed():
    """A door listed but closed since (made read-only, say) leaves the list."""
    request = superuser_request()
    open_doors = {model._meta.label: set(doors(ma, request)) for model, ma in registered()}
    stale = {
        name: doors_listed - open_doors.get(name, set())
        for name, (doors_listed, _reason) in WRITES_DIRECTLY.items()
        if doors_listed - open_doors.get(name, set())
    }
    assert not stale


# Rows each admin's actions act on (an action that emails must find someone to email here).
def active_match():
    programme = ProgrammeFactory()
    match = mentoring_services.confirm_match(
        programme=programme,
        mentor_id=MentorFactory(programme=programme, employer="Alder Hey").pk,
        mentee_id=SignUpFactory(programme=programme, employer="Salford Royal").pk,
    )
    for sign_up_id in (match.mentor_id, match.mentee_id):
        mentoring_services.accept_match(match_id=match.pk, sign_up_id=sign_up_id)


def booked_session():
    BookingFactory(session=SessionFactory())


ROWS = {
    "edi_portal.OutboundEmail": lambda: OutboundEmailFactory(status=OutboundEmail.Status.FAILED),
    "concerns.Concern": lambda: ConcernFactory(email="trainee@nhs.net"),
    "mentoring.Match": active_match,
    "mentoring.Programme": active_match,
    "network.Application": lambda: ApplicationFactory(
        oversight_group_outcome=OversightGroupOutcome.REQUESTED
    ),
    "peer_support.VolunteerProfile": lambda: VolunteerProfileFactory(
        status=VolunteerProfile.Status.PENDING
    ),
    "qi_projects.QIProject": lambda: QIProjectFactory(status=Status.SUBMITTED),
    "qi_projects.SubmittedProject": lambda: QIProjectFactory(status=Status.SUBMITTED),
    "training.Booking": booked_session,
    "training.Session": booked_session,
    "stories.Story": StoryFactory,
    "training.FacilitatorOffer": lambda: FacilitatorOfferFactory(status="offered"),
    "opportunities.Interest": InterestFactory,
    "stories.ConsentRecord": PublishedStoryFactory,
}
STATED = re.compile(r"(\d+) (?:person|people) will be emailed|Nobody will be emailed")


def actions():
    request = superuser_request()
    return [
        pytest.param(model, name, id=f"{model._meta.label}.{name}")
        for model, model_admin in registered()
        for name in model_admin.get_actions(request)
        if name != "delete_selected"
    ]


def people_emailed():
    return len({address for message in mail.outbox for address in message.to})


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "action"), actions())
def test_an_action_that_emails_people_asks_first_and_says_how_many(
    client, settings, django_capture_on_commit_callbacks, model, action
):
    settings.ADMIN_REQUIRE_2FA = False
    assert model._meta.label in ROWS, f"Add rows for the actions of {model._meta.label} to ROWS"
    ROWS[model._meta.label]()
    model_admin = admin.site._registry[model]
    client.force_login(StaffFactory(is_superuser=True))
    changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    chosen = {
        "action": action,
        "_selected_action": list(
            model_admin.get_queryset(superuser_request()).values_list("pk", flat=True)
        ),
    }
    written = OutboundEmail.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(changelist, chosen)

    assert OutboundEmail.objects.count() == written and not mail.outbox, (
        f"{action} emailed people without asking first: give it people_emailed"
    )
    function = model_admin.get_actions(superuser_request())[action][0]
    if not getattr(function, "confirms_first", False):
        return
    page = " ".join(first.content.decode().split())
    assert first.status_code == 200 and f'name="{CONFIRMED}"' in page
    stated = STATED.search(page)
    assert stated, page[-2000:]
    stated = int(stated.group(1) or 0)
    assert stated, f"ROWS made nobody for {action} to email"

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            changelist, {**chosen, CONFIRMED: "yes", "message": "Please add your measures."}
        )

    assert done.status_code == 302
    assert people_emailed() == stated
