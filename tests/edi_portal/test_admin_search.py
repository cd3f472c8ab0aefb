"""The admin's searches over the tables that grow to national size: each finds a known row by a
word in each of its search fields (a related table's too), and PostgreSQL can answer each
search field from its trigram index (edi_portal.fulltext.admin_search_index), so a search
reads the rows that match rather than every row (issue 24: the applications search took
287 ms at national scale)."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.postgres.indexes import GinIndex
from django.db import connection, transaction
from django.db.models.functions import Upper
from django.urls import reverse

from network.models import Membership
from tests.factories import StaffFactory, UserFactory, give_authenticator
from tests.network.factories import ApplicationFactory, CohortFactory
from tests.qi_projects.factories import QIProjectFactory
from tests.training.factories import BookingFactory, FeedbackFactory

pytestmark = pytest.mark.django_db


def application(word):
    return ApplicationFactory(full_name=f"Amara {word}", employing_trust="Bolton NHS Trust")


def membership(word):
    return Membership.objects.create(
        cohort=CohortFactory(), full_name=f"Amara {word}", email=f"{word.lower()}@nhs.net"
    )


def user(word):
    return UserFactory(last_name=word)


def booking(word):
    return BookingFactory(organisation=f"{word} Hospital")


def feedback_by_name(word):
    return FeedbackFactory(booking=BookingFactory(name=f"Amara {word}"))


def feedback_by_comment(word):
    return FeedbackFactory(comments=f"The {word} exercise helped.")


def project_by_aim(word):
    return QIProjectFactory(aim=f"Reduce {word} on the ward.")


def project_by_author(word):
    return QIProjectFactory(author=UserFactory(email=f"{word.lower()}.author@nhs.net"))


# (changelist, the row to find, made with the word to search for)
CASES = {
    "application by name": ("network_application", application),
    "application by reference": (
        "network_application",
        lambda word: ApplicationFactory(reference=f"NAT-{word}"),
    ),
    "membership": ("network_membership", membership),
    "user": ("network_user", user),
    "booking": ("training_booking", booking),
    "feedback by the booking's name": ("training_feedback", feedback_by_name),
    "feedback by comment": ("training_feedback", feedback_by_comment),
    "QI project by aim": ("qi_projects_qiproject", project_by_aim),
    "QI project by author's address": ("qi_projects_qiproject", project_by_author),
}


@pytest.fixture
def admin_client(client):
    staff = StaffFactory(is_superuser=True)
    give_authenticator(staff)
    client.force_login(staff)
    return client


@pytest.mark.parametrize("case", CASES)
def test_each_search_finds_a_known_row_and_only_rows_with_the_word(admin_client, case):
    changelist, make = CASES[case]
    found = make("Quillfea")
    other = make("Brightwa")
    url = reverse(f"admin:{changelist}_changelist")
    # Any case, any part of the word; every word of the search must be found.
    for search in ["uillfe", "QUILLFEA", '"quillfea"']:
        response = admin_client.get(url, {"q": search})
        assert response.status_code == 200
        shown = list(response.context["cl"].result_list)
        assert found in shown and other not in shown, search
    response = admin_client.get(url, {"q": "Quillfea Brightwa"})
    assert list(response.context["cl"].result_list) == []


def search_indexes():
    """(model, field, index) for every admin search index of the portal's models."""
    for model in apps.get_models():
        for index in model._meta.indexes:
            if not (isinstance(index, GinIndex) and index.expressions):
                continue
            (upper,) = index.expressions[0].get_source_expressions()
            if isinstance(upper, Upper):  # Django's icontains: UPPER(column) LIKE UPPER(...)
                (field,) = upper.get_source_expressions()
                yield model, field.name, index.name


def test_every_admin_search_field_of_the_large_tables_has_its_index():
    indexed = {(model, field) for model, field, _ in search_indexes()}
    for model in ["network.Application", "network.Membership", "network.User", "training.Booking"]:
        model = apps.get_model(model)
        for field in admin.site._registry[model].search_fields:
            assert (model, field) in indexed, (model, field)


@pytest.mark.parametrize(
    "model, field, index", list(search_indexes()), ids=lambda value: getattr(value, "name", value)
)
def test_postgresql_can_answer_the_admin_search_from_the_index(model, field, index):
    """The index's expression is exactly what Django's search asks (UPPER(column) LIKE ...):
    with sequential scans ruled out, the plan uses the index."""
    query = model._base_manager.filter(**{f"{field}__icontains": "smith"}).values("pk")
    sql, params = query.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # A GIN index is read by a bitmap scan: plain index scans of another index (one that
        # gives the changelist its order) are ruled out too, so the plan shows which index can
        # find the rows.
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan
