"""Where the portal keeps a person's data, and how each kind is exported and erased.

One entry per model that holds an email address or a link to an account (a test walks every
model and fails when a new one is missing here). Erasure keeps what the reports count (a
status, a grade, a score) but nothing that says whose it was; see docs/personal-data-export.md.
"""

import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from auditlog.models import LogEntry as AuditLogEntry
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import escape

from concerns.models import Concern, ConcernEscalation, ConcernEvent, ConcernMessage
from edi_portal.models import OutboundEmail, remove_secrets
from mentoring.models import (
    CheckIn,
    Decline,
    EndFeedback,
    Match,
    NotWorkingReport,
    SharedCharacteristics,
    SignUp,
)
from network.models import (
    Application,
    ApplicationStatusChange,
    EqualityMonitoring,
    Membership,
    User,
)
from opportunities.models import Interest
from peer_support.models import ContactRequest, VolunteerProfile, VolunteerTopic
from qi_projects.models import ModerationEvent, QIProject
from qi_projects.models import Status as ProjectStatus
from stories.models import ConsentRecord
from training.models import (
    Booking,
    FacilitatorOffer,
    Feedback,
    SessionFacilitator,
    SessionRequest,
)
from workstreams.models import GoodPractice, Workstream

from .models import ErasureRecord

ERASED = "Erased"


def erased_address():
    """A placeholder unique to one anonymised row (unique constraints apply to addresses)."""
    return f"erased-{secrets.token_hex(8)}@erased.invalid"


def _anonymise(**values):
    """Erase by overwriting these fields (a callable value is called per row)."""

    def erase(rows):
        for row in rows:
            for name, value in values.items():
                setattr(row, name, value() if callable(value) else value)
            row.save(update_fields=list(values))

    return erase


def _delete(rows):
    rows.delete()


def _kept(rows):
    """Kept: nothing in these rows identifies the person once the rows above are erased."""


def _cancel_upcoming_bookings(rows):
    """Upcoming places are cancelled (and offered to the waiting list) before anonymising."""
    from training.services import promote_from_waiting_list

    now = timezone.now()
    upcoming = rows.exclude(status=Booking.Status.CANCELLED).filter(session__starts_at__gt=now)
    sessions = set(upcoming.values_list("session_id", flat=True))
    upcoming.update(status=Booking.Status.CANCELLED, cancelled_at=now)
    for session_id in sessions:
        promote_from_waiting_list(session_id=session_id)
    _anonymise(
        name=ERASED,
        email=erased_address,
        user=None,
        department="",
        access_requirements="",
        educator_role="",
        leadership_organisation_type="",
        leadership_organisation="",
    )(rows)


def _erase_projects(rows):
    """Published projects stay in the gallery without their author (unless unpublished first);
    the others keep only what the reports count."""
    rows.filter(status=ProjectStatus.PUBLISHED).update(author=None)
    for project in rows.exclude(status=ProjectStatus.PUBLISHED):
        if project.poster:
            project.poster.delete(save=False)
        for name in ("team_members", "trust", "aim", "change_ideas", "measures", "results"):
            setattr(project, name, "")
        project.title = ERASED
        project.author = None
        project.save()


def _withdraw_and_delete_consents(rows):
    """Someone erased is withdrawn from every story they appear in (it leaves the portal and its
    files are deleted), then their consent records go."""
    from stories.services import withdraw_consent

    for consent in rows.filter(withdrawn_at__isnull=True):
        withdraw_consent(consent=consent, by=ConsentRecord.Withdrawal.SPEAKER)
    rows.delete()


@dataclass(frozen=True)
class Kind:
    """One model that holds personal data: how to find a person's rows, export and erase them."""

    model: type
    rows: Callable  # edi_portal.identity.Person -> Q
    erase: Callable  # QuerySet -> None
    secret_fields: tuple = field(default=())  # never exported (a password hash, a TOTP key)
    name_fields: tuple = field(default=())  # what the person is called, in emails to others too
    exported: Callable = field(default=lambda row: row)  # the row as exported (never saved)

    @property
    def label(self):
        return self.model._meta.label_lower

    def queryset(self, person):
        manager = self.model._default_manager
        # By primary key: the rows condition may join (and so repeat rows).
        return manager.filter(pk__in=manager.filter(self.rows(person)).values("pk"))


def _email_or_account(person):
    """Rows linked to the person's account, or under their address and linked to no account."""
    return person.records("email", "user")


def _concerns(person):
    return person.address_in("email")


_applications = _bookings = _sign_ups = _email_or_account


def _of_sign_ups(person, field="sign_up"):
    """Rows hanging off the person's mentoring sign-ups."""
    return Q(**{f"{field}__in": SignUp.objects.filter(_sign_ups(person))})


# In erasure order: rows that hang off others come before them, and the account goes last.
KINDS = [
    Kind(
        EqualityMonitoring,
        lambda p: Q(application__in=Application.objects.filter(_applications(p))),
        _kept,  # anonymous once the application is: the reports' equality aggregates stay right
    ),
    Kind(
        ApplicationStatusChange,
        lambda p: (
            Q(application__in=Application.objects.filter(_applications(p)))
            | p.user_is("changed_by")
        ),
        _anonymise(changed_by=None),
    ),
    Kind(
        Application,
        _applications,
        _anonymise(
            full_name=ERASED,
            pronouns="",
            email=erased_address,
            phone="",
            user=None,
            motivation="",
            oversight_group_statement="",
            internal_notes="",
        ),
        name_fields=("full_name",),
    ),
    Kind(
        Membership,
        _email_or_account,
        _anonymise(full_name=ERASED, email=erased_address, user=None),
        name_fields=("full_name",),
    ),
    # What the team and the person wrote about a concern stays with it, anonymous, like the
    # concern itself; staff who erase their account are no longer named on it.
    *(
        Kind(
            model,
            lambda p, staff=staff: (
                Q(concern__in=Concern.objects.filter(_concerns(p))) | p.user_is(staff)
            ),
            _anonymise(**{staff: None}),
        )
        for model, staff in [
            (ConcernMessage, "author"),
            (ConcernEscalation, "recorded_by"),
            (ConcernEvent, "by"),
        ]
    ),
    # A concern's handler is unassigned when their account goes (SET_NULL).
    Kind(Concern, _concerns, _anonymise(email="")),
    Kind(
        Feedback,
        lambda p: Q(booking__in=Booking.objects.filter(_bookings(p))),
        _anonymise(comments=""),
    ),
    Kind(Booking, _bookings, _cancel_upcoming_bookings, name_fields=("name",)),
    Kind(
        SessionRequest,
        lambda p: p.address_in("contact_email"),
        _anonymise(contact_name=ERASED, contact_email=erased_address, contact_phone=""),
        name_fields=("contact_name",),
    ),
    # A trainee facilitator's assignments go with their offers; both are deleted.
    Kind(SessionFacilitator, lambda p: p.user_is("offer__user"), _delete),
    Kind(FacilitatorOffer, lambda p: p.user_is("user"), _delete, name_fields=("name",)),
    Kind(Interest, lambda p: p.user_is("user"), _delete, name_fields=("name",)),
    Kind(
        SharedCharacteristics,
        _of_sign_ups,
        _delete,
    ),
    Kind(
        CheckIn,
        _of_sign_ups,
        _anonymise(note=""),
    ),
    Kind(
        NotWorkingReport,
        _of_sign_ups,
        _delete,
    ),
    # The decliner's reason is theirs (exported to them, never to the other person); erased,
    # the decline itself stays so the pair is still never suggested again.
    Kind(
        Decline,
        _of_sign_ups,
        _anonymise(reason=""),
    ),
    Kind(
        EndFeedback,
        _of_sign_ups,
        _anonymise(comments=""),
    ),
    Kind(
        Match,
        lambda p: _of_sign_ups(p, "mentor") | _of_sign_ups(p, "mentee") | p.user_is("confirmed_by"),
        _anonymise(confirmed_by=None),
    ),
    Kind(
        SignUp,
        _sign_ups,
        _anonymise(full_name=ERASED, email=erased_address, user=None, employer="", hopes=""),
        name_fields=("full_name",),
    ),
    Kind(QIProject, lambda p: p.user_is("author"), _erase_projects),
    Kind(ModerationEvent, lambda p: p.user_is("actor"), _anonymise(actor=None)),
    Kind(
        ContactRequest,
        lambda p: p.user_is("requester") | p.user_is("profile__user"),
        _delete,
    ),
    Kind(VolunteerTopic, lambda p: p.user_is("profile__user"), _delete),
    Kind(VolunteerProfile, lambda p: p.user_is("user"), _delete, name_fields=("display_name",)),
    Kind(ConsentRecord, lambda p: p.address_in("email"), _withdraw_and_delete_consents),
    # Not even an unsent email's links leave: they could open a password reset or a booking.
    Kind(OutboundEmail, lambda p: p.address_in("to"), _delete, exported=remove_secrets),
    Kind(Workstream, lambda p: p.address_in("contact_email"), _anonymise(contact_email="")),
    Kind(
        GoodPractice,
        lambda p: p.address_in("contact_email"),
        _anonymise(contact_name=ERASED, contact_email=""),
        name_fields=("contact_name",),
    ),
    Kind(
        AuditLogEntry,
        lambda p: p.records("actor_email", "actor"),
        _anonymise(actor=None, actor_email=None),
    ),
    Kind(AdminLogEntry, lambda p: p.user_is("user"), _delete),
    Kind(ErasureRecord, lambda p: p.user_is("performed_by"), _anonymise(performed_by=None)),
    Kind(Authenticator, lambda p: p.user_is("user"), _delete, secret_fields=("data",)),
    # Only the account's own rows: another account may have added the address unverified.
    Kind(EmailAddress, _email_or_account, _delete),
    Kind(User, lambda p: p.user_is("pk"), _delete, secret_fields=("password",)),
]


def export(person):
    """{model label: [{"id", "fields"}, ...]} for every kind, empty lists included."""
    records = {}
    for kind in KINDS:
        rows = serializers.serialize("python", map(kind.exported, kind.queryset(person)))
        records[kind.label] = [
            {
                "id": row["pk"],
                "fields": {
                    name: value
                    for name, value in row["fields"].items()
                    if name not in kind.secret_fields
                },
            }
            for row in rows
        ]
    return records


def _erase_history_names(kind, rows):
    """Admin history and the audit log name each row as it was ("EDI-7KQ2MX4P Asha Patel")."""
    content_type = ContentType.objects.get_for_model(kind.model)
    pks = [str(pk) for pk in rows.values_list("pk", flat=True)]
    for history, object_field in ((AdminLogEntry, "object_id"), (AuditLogEntry, "object_pk")):
        history.objects.filter(content_type=content_type, **{f"{object_field}__in": pks}).update(
            object_repr=ERASED
        )


def _names(person):
    """What the portal's records call the person (read before erasure overwrites them)."""
    names = {person.user.get_full_name()} if person.user else set()
    for kind in KINDS:
        for name_field in kind.name_fields:
            names.update(kind.queryset(person).values_list(name_field, flat=True))
    return {name.strip() for name in names if len(name.strip()) > 1} - {ERASED}


def _redact_emails_naming(person, names):
    """Emails to others that name the person (a mentor's introduction gives the mentee's name
    and address) stay in the outbox with the name and address replaced. Returns how many."""
    terms = {*person.addresses, *names}
    terms |= {escape(term) for term in terms}  # as written in the HTML part
    if not terms:
        return 0
    pattern = re.compile(
        "|".join(
            rf"(?<![\w.+-]){re.escape(term)}(?![\w@-])"
            for term in sorted(terms, key=len, reverse=True)
        ),
        re.IGNORECASE,
    )
    mentions = Q()
    for term in terms:
        for text_field in ("subject", "text_body", "html_body", "attachments_text"):
            mentions |= Q(**{f"{text_field}__icontains": term})
    emails = OutboundEmail.objects.annotate(
        attachments_text=Cast("attachments", output_field=TextField())
    ).filter(mentions)
    redacted = 0
    for email in emails:
        before = (email.subject, email.text_body, email.html_body, email.attachments)
        email.subject = pattern.sub(ERASED, email.subject)
        email.text_body = pattern.sub(ERASED, email.text_body)
        email.html_body = pattern.sub(ERASED, email.html_body)
        email.attachments = [
            {**attachment, "content": pattern.sub(ERASED, attachment["content"])}
            for attachment in email.attachments
        ]
        if (email.subject, email.text_body, email.html_body, email.attachments) != before:
            email.save(update_fields=["subject", "text_body", "html_body", "attachments"])
            redacted += 1
    return redacted


def _end_sessions(person):
    """Delete the sessions signed in to the account, and those holding one of the person's
    addresses (answers kept between the pages of a form). Returns how many."""
    user_id = str(person.user.pk) if person.user else None
    ended = []
    for session in Session.objects.iterator():
        data = session.get_decoded()
        text = json.dumps(data, cls=DjangoJSONEncoder).lower()
        if (user_id and data.get(SESSION_KEY) == user_id) or any(
            address in text for address in person.addresses
        ):
            ended.append(session.pk)
    return Session.objects.filter(pk__in=ended).delete()[0]


def erase(person):
    """Erase or anonymise every kind of row, in order, then what names the person elsewhere:
    emails to others, and sessions. Returns {model label: rows} (non-zero)."""
    names = _names(person)
    counts = {}
    for kind in KINDS:
        rows = kind.queryset(person)
        count = rows.count()
        if count:
            _erase_history_names(kind, rows)
            kind.erase(rows)
            counts[kind.label] = count
    if redacted := _redact_emails_naming(person, names):
        label = OutboundEmail._meta.label_lower
        counts[label] = counts.get(label, 0) + redacted
    if ended := _end_sessions(person):
        counts[Session._meta.label_lower] = ended
    return counts
