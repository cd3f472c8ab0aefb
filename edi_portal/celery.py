"""The portal's Celery app: every email and every scheduled job runs here."""

import os

from celery import Celery
from celery.signals import before_task_publish, task_postrun, task_prerun

from . import observability

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edi_portal.settings")

app = Celery("edi_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each task's log lines carry its name and id, and the id of the request that queued it.
before_task_publish.connect(observability.add_request_id_to_task_headers, weak=False)
task_prerun.connect(observability.bind_task_context, weak=False)
task_postrun.connect(observability.clear_task_context, weak=False)
