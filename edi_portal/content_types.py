"""Moving models from one app to another without losing what hangs off their content types."""

from functools import partial

from django.db import migrations


def move_content_types(*, models, from_app, to_app):
    """A migration step: the content types of `models` (model names in lower case) move from
    `from_app` to `to_app`, the same rows relabelled, so that permissions granted on the models
    (to users and groups), admin history, the audit log and generic relations (the outbox's
    `about`) stay attached. Reversible. A database made from scratch has no content types yet
    while it migrates (they are made after), so there is nothing to move there."""
    return migrations.RunPython(
        partial(_relabel, models=models, from_app=from_app, to_app=to_app),
        partial(_relabel, models=models, from_app=to_app, to_app=from_app),
    )


def _relabel(apps, schema_editor, *, models, from_app, to_app):
    content_types = apps.get_model("contenttypes", "ContentType").objects
    content_types.filter(app_label=from_app, model__in=models).update(app_label=to_app)
    content_types.clear_cache()
