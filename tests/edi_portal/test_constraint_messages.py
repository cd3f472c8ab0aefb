"""Database constraints speak to staff in sentences, in admin and wherever a model is validated."""

import pytest
from django.apps import apps
from django.db.models import UniqueConstraint

from tests.factories import StaffFactory

PORTAL_APPS = {"edi_portal", "network", "workstreams", "qi_projects", "peer_support", "training"}


def portal_constraints():
    for model in apps.get_models():
        if model._meta.app_label in PORTAL_APPS:
            for constraint in model._meta.constraints:
                yield model, constraint


def says_which_fields_clash(constraint):
    """A plain unique constraint on fields gets Django's own sentence ("... already exists")."""
    return (
        isinstance(constraint, UniqueConstraint)
        and constraint.fields
        and not constraint.condition
        and not constraint.expressions
    )


def test_every_constraint_has_a_sentence_for_people():
    unexplained = [
        f"{model._meta.label}.{constraint.name}"
        for model, constraint in portal_constraints()
        if not says_which_fields_clash(constraint)
        and constraint.violation_error_message == constraint.default_violation_error_message
    ]
    assert not unexplained, "Give these a violation_error_message: " + ", ".join(unexplained)
    for _model, constraint in portal_constraints():
        message = str(constraint.violation_error_message)
        assert constraint.name not in message
        assert message.endswith(".")


@pytest.mark.django_db
def test_admin_shows_the_sentence_not_the_constraint_name(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client.force_login(StaffFactory(is_superuser=True))
    response = client.post(
        "/admin/workstreams/helpline/add/",
        {"name": "A helpline", "area": "national", "phone": "", "website": "", "order": 0},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Give a phone number or a website, or both." in html
    assert "helpline_has_phone_or_website" not in html
