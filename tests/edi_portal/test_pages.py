import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/accessibility/", "/privacy/", "/accounts/login/"])
def test_public_pages_answer(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"nhsuk-header" in response.content


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
