"""Faults degrade kindly: when the object store cannot be reached, a form with a file comes back
with the person's answers and a clear message, and nothing is saved (never a 500 that loses
what they typed)."""

import pytest
from django.forms import FileField
from django.utils.module_loading import import_string
from django.views.generic.edit import ModelFormMixin

from edi_portal.storage import ReportsUnavailableStore
from edi_portal.uploads import StoreFailureFormMixin
from qi_projects.models import QIProject
from tests.browser_client import BrowserClient
from tests.errors import site
from tests.factories import UserFactory
from tests.fixtures.object_store import OBJECT_STORE_ENVIRONMENT, settings_read_with
from tests.qi_projects.factories import QIProjectFactory, pdf_upload
from tests.qi_projects.helpers import project_form_data

pytestmark = pytest.mark.django_db

STORE_DOWN_MESSAGE = "Your file could not be saved because of a problem on our side"


def signed_in_browser():
    author = UserFactory()
    browser = BrowserClient()
    browser.force_login(author)
    return browser, author


@pytest.fixture(params=["object-store-unreachable", "disk-refusing"])
def store_down(request, settings, tmp_path):
    """The uploads' store failing: a bucket nobody answers for, or a disk that will not write."""
    if request.param == "object-store-unreachable":
        request.getfixturevalue("object_store_unreachable")
    else:
        settings.MEDIA_ROOT = tmp_path / "not-a-folder"
        settings.MEDIA_ROOT.write_text("A file where the uploads' folder should be.")


def test_a_new_project_with_a_poster_comes_back_with_its_answers(store_down):
    browser, _ = signed_in_browser()
    answers = project_form_data(
        title="Welcome packs for new trainees", aim="Help new graduates settle in."
    )

    response = browser.post("/qi-projects/submit/", {**answers, "poster": pdf_upload()})

    page = response.content.decode()
    assert response.status_code == 503
    assert STORE_DOWN_MESSAGE in page
    assert 'value="Welcome packs for new trainees"' in page
    assert "Help new graduates settle in." in page
    assert "<h1>Submit a QI project</h1>" in page
    assert not QIProject.objects.exists()


def test_a_changed_project_with_a_new_poster_comes_back_and_stays_as_it_was(
    object_store_unreachable,
):
    browser, author = signed_in_browser()
    project = QIProjectFactory(author=author, title="Buddy scheme for new starters")
    answers = project_form_data(title="Buddy scheme for every new starter")

    response = browser.post(
        f"/qi-projects/{project.slug}/edit/", {**answers, "poster": pdf_upload()}
    )

    page = response.content.decode()
    assert response.status_code == 503
    assert STORE_DOWN_MESSAGE in page
    assert 'value="Buddy scheme for every new starter"' in page
    project.refresh_from_db()
    assert project.title == "Buddy scheme for new starters"
    assert not project.poster


def test_without_a_file_the_form_still_saves_while_the_store_is_down(object_store_unreachable):
    browser, _ = signed_in_browser()
    response = browser.post("/qi-projects/submit/", project_form_data())
    assert response.status_code == 302
    assert QIProject.objects.get().poster.name == ""


@pytest.mark.parametrize(
    "environment",
    [{"AWS_STORAGE_BUCKET_NAME": ""}, OBJECT_STORE_ENVIRONMENT],
    ids=["disk", "object-store"],
)
def test_the_uploads_storages_say_when_the_store_is_unavailable(environment):
    storages = settings_read_with(environment).STORAGES
    for alias in ("default", "uploads_probe"):
        assert issubclass(import_string(storages[alias]["BACKEND"]), ReportsUnavailableStore)


def views_storing_a_file():
    """{route: view class} for every view of the URLconf that saves a form with a file field
    (the widget demo's form has one, but saves nothing)."""
    views = {}
    for route, pattern in site.url_routes().items():
        view_class = getattr(pattern.callback, "view_class", None)
        form_class = getattr(view_class, "form_class", None)
        if form_class and issubclass(view_class, ModelFormMixin):
            fields = getattr(form_class, "base_fields", {}).values()
            if any(isinstance(field, FileField) for field in fields):
                views[route] = view_class
    return views


def test_every_view_saving_a_file_gives_the_form_back_when_the_store_fails():
    """Guard: a new form with a file goes through the same mechanism, or this fails."""
    views = views_storing_a_file()
    assert {"qi-projects/submit/", "qi-projects/<slug:slug>/edit/"} <= set(views)
    forgetting = sorted(
        route for route, view in views.items() if not issubclass(view, StoreFailureFormMixin)
    )
    assert not forgetting, f"Views with a file field but no StoreFailureFormMixin: {forgetting}"
