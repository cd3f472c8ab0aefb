from django.conf import settings

from edi_portal.celery import app


def test_every_training_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    training = {
        name: entry
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
        if entry["task"].startswith("training.")
    }
    assert set(training) == {
        "training-booking-reminders",
        "training-feedback-requests",
        "training-promote-waiting-lists",
    }
    for entry in training.values():
        assert entry["task"] in app.tasks
