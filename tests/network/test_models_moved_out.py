"""Concerns and erasure records left the network app for apps of their own: a database filled
before the move holds the same rows after it, and everything that points at the models' content
types (permissions held by groups and people, admin history, the audit log, the outbox's emails
about a concern) still points at them."""

from datetime import date

import pytest
from auditlog.models import LogEntry as AuditLogEntry
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.models import ErasureRecord
from concerns.models import Concern, ConcernEscalation, ConcernEvent, ConcernMessage, YouSaidWeDid
from edi_portal.models import OutboundEmail
from network.models import User

pytestmark = pytest.mark.django_db

BEFORE_THE_MOVE = [
    ("network", "0009_account_address_message"),
    ("concerns", None),
    ("accounts", None),
]
AFTER_THE_MOVE = [
    ("network", "0010_concerns_and_erasure_records_move_out"),
    ("concerns", "0001_initial"),
    ("accounts", "0001_initial"),
]
MOVED = {
    Concern: "concern",
    ConcernMessage: "concernmessage",
    ConcernEscalation: "concernescalation",
    ConcernEvent: "concernevent",
    YouSaidWeDid: "yousaidwedid",
    ErasureRecord: "erasurerecord",
}


def migrate(targets):
    """Migrate the test database to `targets`; the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    # Every other app as it is now, with these apps at their targets.
    moved_apps = {app for app, _name in targets}
    nodes = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in moved_apps]
    nodes += [(app, name) for app, name in targets if name]
    return executor.loader.project_state(nodes).apps


def rows(model):
    return list(model._default_manager.order_by("pk").values())


def fill_as_before_the_move(old):
    """One row of each moved model, written through the models as they were in network."""
    network = lambda name: old.get_model("network", name)  # noqa: E731
    content_type = old.get_model("contenttypes", "ContentType").objects
    permission = old.get_model("auth", "Permission").objects
    handler = network("User").objects.create(email="handler@nhs.net", is_staff=True)
    officer = network("User").objects.create(email="officer@nhs.net", is_staff=True)
    readers = old.get_model("auth", "Group").objects.create(name="Concern readers")
    readers.permissions.add(
        permission.get(content_type__app_label="network", codename="view_concern")
    )
    handler.groups.add(readers)
    officer.user_permissions.add(
        permission.get(content_type__app_label="network", codename="answer_subject_access_request")
    )
    concern = network("Concern").objects.create(
        reference="C-MOVED001",
        recorded_as="discrimination",
        characteristic="race",
        setting="placement",
        details="Comments about my accent at handover.",
        email="raiser@nhs.net",
        follow_up_token_hash="a" * 64,
        status="in-progress",
        handler=handler,
        acknowledge_by=date(2026, 6, 3),
        respond_by=date(2026, 6, 29),
        acknowledged_at=timezone.now(),
    )
    network("ConcernMessage").objects.create(
        concern=concern, kind="to-raiser", text="Thank you for telling us.", author=handler
    )
    network("ConcernEscalation").objects.create(
        concern=concern,
        route="employer",
        escalated_on=date(2026, 6, 5),
        consent="given",
        recorded_by=handler,
    )
    network("ConcernEvent").objects.create(
        concern=concern, by=handler, description="Status changed", to_status="in-progress"
    )
    network("YouSaidWeDid").objects.create(
        theme="Rota swaps", you_said="Swaps were refused.", we_did="We asked the trusts."
    )
    network("ErasureRecord").objects.create(
        reason="subject_request", performed_by=officer, rows={"network.application": 1}
    )
    concern_type = content_type.get(app_label="network", model="concern")
    old.get_model("admin", "LogEntry").objects.create(
        user=handler,
        content_type=concern_type,
        object_id=str(concern.pk),
        object_repr="Concern C-MOVED001",
        action_flag=2,
    )
    old.get_model("auditlog", "LogEntry").objects.create(
        content_type=concern_type,
        object_pk=str(concern.pk),
        object_id=concern.pk,
        object_repr="Concern C-MOVED001",
        action=3,  # accessed
        actor=handler,
    )
    old.get_model("edi_portal", "OutboundEmail").objects.create(
        to="raiser@nhs.net",
        template="concern_acknowledgement",
        subject="Your concern C-MOVED001",
        text_body="We have your concern.",
        idempotency_key="moved-concern-ack",
        about_type=concern_type,
        about_id=concern.pk,
        requeue_at=timezone.now(),
    )
    return {
        name: rows(network(name))
        for name in [
            "Concern",
            "ConcernMessage",
            "ConcernEscalation",
            "ConcernEvent",
            "YouSaidWeDid",
            "ErasureRecord",
        ]
    }, {model: content_type.get(app_label="network", model=model).pk for model in MOVED.values()}


def test_a_database_filled_before_the_move_keeps_every_row_and_permission():
    before, content_type_ids = fill_as_before_the_move(migrate(BEFORE_THE_MOVE))

    migrate(AFTER_THE_MOVE)
    # Then on to today's models (later migrations add fields, and keep every row). The page
    # cache's deferred triggers run first: a table with pending trigger events cannot be altered.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    for model in MOVED:
        kept = [
            {name: row[name] for name in old}
            for row, old in zip(rows(model), before[model.__name__], strict=True)
        ]
        assert kept == before[model.__name__], model.__name__
    # The same content type rows, relabelled: nothing points at a type that no longer exists.
    for model, name in MOVED.items():
        assert ContentType.objects.get_for_model(model).pk == content_type_ids[name]
    assert not ContentType.objects.filter(app_label="network", model__in=MOVED.values()).exists()

    concern = Concern.objects.get(reference="C-MOVED001")
    handler = User.objects.get(email="handler@nhs.net")
    assert concern.handler == handler
    assert [message.text for message in concern.messages.all()] == ["Thank you for telling us."]
    # The group still gives the concern-reading permission; the officer keeps subject access.
    assert handler.groups.get().permissions.filter(codename="view_concern").exists()
    assert handler.has_perm("concerns.view_concern")
    assert User.objects.get(email="officer@nhs.net").has_perm(
        "accounts.answer_subject_access_request"
    )
    assert AdminLogEntry.objects.get().get_edited_object() == concern
    assert AuditLogEntry.objects.get(object_pk=str(concern.pk)).content_type.model_class() is (
        Concern
    )
    assert OutboundEmail.objects.get(idempotency_key="moved-concern-ack").about == concern
    assert list(concern.emails.values_list("idempotency_key", flat=True)) == ["moved-concern-ack"]
