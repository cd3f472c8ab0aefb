"""Every page in the accessibility list passes axe-core with zero violations in Chromium."""

import pytest

from .pages import ALL_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("name", "target"), ALL_PAGES, ids=[name for name, _ in ALL_PAGES])
def test_page_has_no_axe_violations(page, axe, name, target):
    path = target() if callable(target) else target
    response = page.goto(path)
    assert response.status == 200, f"{name}: {path} answered {response.status}"
    assert page.locator("h1").count() == 1, f"{name}: a page has exactly one h1"
    axe(page)
