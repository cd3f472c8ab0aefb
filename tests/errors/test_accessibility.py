"""Every error page passes axe-core with zero violations, answering with its own status."""

import pytest

from tests.accessibility.pages import ERROR_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.errors.urls"


@pytest.mark.parametrize(
    ("name", "path", "status"), ERROR_PAGES, ids=[n for n, _, _ in ERROR_PAGES]
)
def test_error_page_has_no_axe_violations(page, axe, name, path, status):
    response = page.goto(path)
    assert response.status == status, f"{name}: {path} answered {response.status}"
    assert page.locator("h1").count() == 1
    axe(page)


def test_csrf_failure_page_has_no_axe_violations(page, axe):
    page.goto("/concerns/")
    page.context.clear_cookies()
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Send your concern").click()
    assert navigation.value.status == 403
    assert page.locator("h1").inner_text() == "Sorry, we could not send your form"
    axe(page)
