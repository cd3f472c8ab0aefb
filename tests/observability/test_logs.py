"""One JSON log line per request: request id, method, URL pattern, status, duration, user id;
never an email address, a raw path or form content. The 500 page shows the request id."""

import json
import logging

import pytest

from edi_portal import views
from tests.concerns.factories import CONCERN_CHOICES
from tests.concerns.test_concerns import SECRET_TEXT
from tests.factories import UserFactory
from tests.qi_projects.factories import PublishedProjectFactory

pytestmark = pytest.mark.django_db


class JsonLines(logging.Handler):
    """Keeps each record as the portal's console handler writes it, formatted as it is emitted."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        [console] = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
        self.setFormatter(console.formatter)
        self.lines = []

    def emit(self, record):
        self.lines.append(json.loads(self.format(record)))

    def requests(self):
        return [line for line in self.lines if line["event"] == "request"]


@pytest.fixture
def log():
    root = logging.getLogger()
    handler, level = JsonLines(), root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


def test_a_page_view_is_one_line_with_the_url_pattern_and_the_user_id(client, log, settings):
    assert settings.LOG_FORMAT == "json"
    user = UserFactory(email="amara.okafor@nhs.net")
    project = PublishedProjectFactory(title="Welcome packs for new trainees")
    client.force_login(user)

    response = client.get(project.get_absolute_url())

    [line] = log.requests()
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert line["method"] == "GET"
    assert line["path_template"] == "qi-projects/<slug:slug>/"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["user_id"] == user.pk
    assert line["level"] == "info" and "timestamp" in line
    text = json.dumps(line)
    assert project.slug not in text
    assert "amara" not in text


def test_a_form_post_logs_neither_the_email_address_nor_what_was_typed(client, log):
    response = client.post(
        "/concerns/",
        {**CONCERN_CHOICES, "details": SECRET_TEXT, "email": "trainee@nhs.net"},
    )
    assert response.status_code == 302

    lines = log.lines
    [line] = [line for line in lines if line["event"] == "request"]
    assert line["path_template"] == "concerns/" and line["status"] == 302
    assert line["user_id"] is None
    everything = "\n".join(json.dumps(line) for line in lines)
    assert "trainee@nhs.net" not in everything
    assert "accent" not in everything


def test_each_request_gets_its_own_id(client):
    first = client.get("/healthz/live")["X-Request-ID"]
    second = client.get("/healthz/live")["X-Request-ID"]
    assert first != second


def test_the_500_page_shows_the_request_id_to_quote(client, log, monkeypatch):
    def broken(self, **kwargs):
        raise RuntimeError("the home page failed for amara.okafor@nhs.net")

    monkeypatch.setattr(views.HomeView, "get_context_data", broken)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert request_id in html
    [line] = log.requests()
    assert line["status"] == 500 and line["request_id"] == request_id
    [error] = [line for line in log.lines if line["level"] == "error"]
    assert error["request_id"] == request_id
    assert "RuntimeError: the home page failed for [email]" in error["exception"]
    assert "amara" not in json.dumps(log.lines)
