"""Name fields across the portal refuse web addresses and markup with a plain message.

Names are repeated in the network's emails, often to someone else (a volunteer, the training
leads), so a name must never be able to carry a link. The guard walks every form class in the
project's forms modules, so a new form with a name field that forgets NameValidator fails here.
"""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings

from edi_portal.models import OutboundEmail
from edi_portal.validators import NameValidator
from mentoring.forms import RoleForm
from mentoring.models import Kind, Programme
from network.forms import AboutYouForm, TrainingForm
from peer_support.forms import VolunteerProfileForm
from qi_projects.forms import ProjectForm
from tests.browser_client import BrowserClient
from tests.mentoring.factories import ProgrammeFactory
from tests.training.factories import SessionFactory
from tests.training.test_pages import BOOKING
from training.forms import BookingForm, SessionRequestForm
from training.models import Booking

pytestmark = pytest.mark.django_db

NAME_FIELDS = [
    (AboutYouForm, "full_name", "Full name"),
    (TrainingForm, "employing_trust", "Employing trust or lead employer"),
    (BookingForm, "name", "Full name"),
    (BookingForm, "organisation", "Organisation"),
    (BookingForm, "department", "Department"),
    (SessionRequestForm, "contact_name", "Full name"),
    (SessionRequestForm, "organisation", "Organisation"),
    (SessionRequestForm, "department", "Department"),
    (VolunteerProfileForm, "display_name", "Display name"),
    (ProjectForm, "team_members", "Team members"),
    (ProjectForm, "trust", "Trust or organisation"),
]
NOT_NAMES = [
    "[Verify your NHS account now](https://evil.example/login)",
    '<img src="https://evil.example/t.gif">',
    "Jo https://evil.example",
    "Jo WWW.evil.example",
    "Jo <b>",
    "Jo [1]",
]
NAMES = ["Siobhán O'Neill-Ó Briain", "Dr. J. Smith (née Jones)", "Team: Amara, Li & Sam"]


@pytest.mark.parametrize(("form_class", "field", "name"), NAME_FIELDS)
@pytest.mark.parametrize("value", NOT_NAMES)
def test_a_name_with_a_web_address_or_markup_is_refused_plainly(form_class, field, name, value):
    form = form_class(data={field: value})

    assert form.errors[field] == [
        f"{name} must not include a web address or any of these characters: < > [ ]"
    ]


@pytest.mark.parametrize(("form_class", "field", "name"), NAME_FIELDS)
@pytest.mark.parametrize("value", NAMES)
def test_real_names_are_accepted(form_class, field, name, value):
    form = form_class(data={field: value})
    form.is_valid()

    assert field not in form.errors


def test_a_booking_in_a_name_that_is_a_link_is_not_made_and_nothing_is_sent():
    session = SessionFactory()

    response = BrowserClient().post(
        f"/training/sessions/{session.pk}/", {**BOOKING, "name": NOT_NAMES[0]}, follow=True
    )

    assert response.status_code == 200
    assert "Full name must not include a web address" in response.content.decode()
    assert not Booking.objects.exists()
    assert not OutboundEmail.objects.exists()


NAME_LIKE = re.compile(r"(^|_)(names?|organisation|organization|employer|trust|department)(_|$)")
# Fields that name people without the word.
ALSO_NAMES = {"team_members"}
# What a form's constructor needs beyond its data, by keyword.
CONSTRUCTOR_ARGUMENTS = {
    "programme": lambda: Programme(name="Buddy scheme", kind=Kind.BUDDY),
    "years": lambda: ["2025/26"],
    "choices": lambda: [(1, "A mentor")],
}


def project_forms_modules():
    """Each app of the project's own (not installed packages): its forms*.py modules, but not
    the admin's forms, which only staff use."""
    for app in apps.get_app_configs():
        path = Path(app.path)
        if "site-packages" in path.parts or not path.is_relative_to(settings.BASE_DIR):
            continue
        for module in pkgutil.iter_modules([str(path)]):
            if module.name.startswith("forms"):
                yield importlib.import_module(f"{app.name}.{module.name}")


def subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from subclasses(subclass)


def public_form_classes():
    modules = {module.__name__ for module in project_forms_modules()}
    return sorted(
        {form for form in subclasses(forms.BaseForm) if form.__module__ in modules},
        key=lambda form: f"{form.__module__}.{form.__qualname__}",
    )


def build(form_class):
    """An unbound form; its keyword-only arguments (of its own __init__ or an ancestor's) are
    taken from CONSTRUCTOR_ARGUMENTS."""
    needed = {
        parameter.name: CONSTRUCTOR_ARGUMENTS[parameter.name]()
        for cls in form_class.__mro__
        if "__init__" in vars(cls)
        for parameter in inspect.signature(cls.__init__).parameters.values()
        if parameter.kind == parameter.KEYWORD_ONLY and parameter.default is parameter.empty
    }
    return form_class(**needed)


def name_fields(form):
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and (NAME_LIKE.search(name) or name in ALSO_NAMES)
    ]


def test_the_walk_finds_the_forms_it_should():
    found = {form.__name__ for form in public_form_classes()}
    assert {"AboutYouForm", "RoleForm", "BookingForm", "ProjectForm", "ConcernForm"} <= found
    assert not {form for form in found if "Admin" in form}


def test_every_name_field_of_every_public_form_refuses_links_and_markup():
    forgotten = []
    checked = 0
    for form_class in public_form_classes():
        form = build(form_class)
        for name in name_fields(form):
            checked += 1
            if not any(isinstance(v, NameValidator) for v in form.fields[name].validators):
                forgotten.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert checked >= 10
    assert not forgotten, f"Name fields without NameValidator: {forgotten}"


@pytest.mark.parametrize(("field", "name"), [("full_name", "Full name"), ("employer", "Employer")])
@pytest.mark.parametrize("value", NOT_NAMES)
def test_a_mentoring_sign_up_refuses_a_link_as_a_name_or_employer(field, name, value):
    form = RoleForm(data={field: value}, programme=ProgrammeFactory())

    assert form.errors[field] == [
        f"{name} must not include a web address or any of these characters: < > [ ]"
    ]


@pytest.mark.parametrize("value", NAMES)
def test_a_mentoring_sign_up_takes_real_names_and_employers(value):
    form = RoleForm(data={"full_name": value, "employer": value}, programme=ProgrammeFactory())
    form.is_valid()

    assert not {"full_name", "employer"} & set(form.errors)
