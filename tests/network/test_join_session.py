"""An unfinished application's answers leave the session table within a few stated hours, and
the pages say truthfully who can see equality answers."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.sessions.models import Session
from django.utils import timezone

from edi_portal.tasks import clear_expired_sessions
from network.admin import EqualityMonitoringInline
from network.models import Application
from tests.factories import StaffFactory

from .factories import CohortFactory
from .journey import ABOUT_YOU, EQUALITY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cohort():
    return CohortFactory()


def the_session(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_an_abandoned_applications_answers_are_deleted_within_the_stated_hours(client, settings):
    settings.JOIN_ANSWERS_HOURS = 3
    client.post("/join/about-you/", ABOUT_YOU)
    client.post("/join/equality/", EQUALITY)
    expires = the_session(client).expire_date
    assert timezone.now() + timedelta(hours=2, minutes=59) < expires
    assert expires <= timezone.now() + timedelta(hours=3)
    assert ABOUT_YOU["full_name"] in client.get("/join/about-you/").content.decode()

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))  # 3 hours pass
    clear_expired_sessions.delay().get()

    assert not Session.objects.exists()
    assert ABOUT_YOU["full_name"] not in client.get("/join/about-you/").content.decode()


def test_the_clear_expired_sessions_task_runs_every_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]
    assert entry["task"] == "edi_portal.tasks.clear_expired_sessions"
    assert entry["schedule"].minute == {15} and len(entry["schedule"].hour) == 24


def test_the_privacy_notice_says_when_unfinished_answers_are_deleted(client, settings):
    settings.JOIN_ANSWERS_HOURS = 3
    page = client.get("/privacy/").content.decode()
    assert (
        "If you start an application to join the network but do not send it, we delete your "
        "answers so far, including any equality monitoring answers, within 4 hours"
    ) in page


def test_the_equality_page_says_administrators_can_see_the_answers_as_they_can(client, rf):
    request = rf.get("/")
    request.user = StaffFactory(is_superuser=True)
    assert EqualityMonitoringInline(Application, admin.site).has_view_permission(request)

    page = client.get("/join/equality/").content.decode()

    assert "cannot see them" not in page
    assert "and the website's administrators, can see them" in page
