"""Celery's configuration: JSON only, late acks, and a beat schedule of tasks that exist."""

from edi_portal.celery import app


def test_tasks_travel_as_json_and_are_acknowledged_after_they_run():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    # A worker that dies mid-task leaves the message for another worker; tasks are idempotent.
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    schedule = app.conf.beat_schedule

    assert schedule["requeue-unsent-emails"]["task"] == "edi_portal.tasks.requeue_unsent_emails"
    for name, entry in schedule.items():
        assert entry["task"] in app.tasks, f"beat entry {name!r} names an unknown task"
