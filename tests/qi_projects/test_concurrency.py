"""Two moderators acting on the same project at once: one step happens, one email goes."""

import threading

import pytest
from django.db import connection

from edi_portal.models import OutboundEmail
from qi_projects import services
from qi_projects.models import ModerationEvent, QIProject, Status
from tests.factories import StaffFactory

from .factories import QIProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_publish_and_reject_take_effect_once():
    project = QIProjectFactory(status=Status.SUBMITTED)
    moderators = StaffFactory.create_batch(2)
    barrier = threading.Barrier(2)
    outcomes = []

    def act(step, moderator):
        try:
            barrier.wait()
            step(project=QIProject.objects.get(pk=project.pk), by=moderator)
            outcomes.append("done")
        except services.TransitionNotAllowed:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(services.publish_project, moderators[0])),
        threading.Thread(target=act, args=(services.reject_project, moderators[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["done", "refused"]
    assert ModerationEvent.objects.count() == 1
    assert OutboundEmail.objects.count() == 1
    assert QIProject.objects.get(pk=project.pk).status in {Status.PUBLISHED, Status.REJECTED}
