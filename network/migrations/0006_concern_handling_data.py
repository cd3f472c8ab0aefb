"""Existing concerns get a follow-up token hash nobody holds, their targets and a first timeline
entry; their internal notes become internal notes in the conversation. Then the new fields
become required and the old notes field goes."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def fill_existing(apps, schema_editor):
    from edi_portal.working_days import add_working_days

    Concern = apps.get_model("network", "Concern")
    ConcernMessage = apps.get_model("network", "ConcernMessage")
    ConcernEvent = apps.get_model("network", "ConcernEvent")
    for concern in Concern.objects.all():
        day = timezone.localdate(concern.created_at)
        concern.follow_up_token_hash = hashlib.sha256(secrets.token_bytes(32)).hexdigest()
        concern.acknowledge_by = add_working_days(day, settings.CONCERN_ACKNOWLEDGE_WORKING_DAYS)
        concern.respond_by = add_working_days(day, settings.CONCERN_RESPOND_WORKING_DAYS)
        if concern.status != "new":
            concern.acknowledged_at = concern.created_at + timedelta(seconds=1)
        concern.save()
        ConcernEvent.objects.create(
            concern=concern, at=concern.created_at, description="Concern raised", to_status="new"
        )
        if concern.notes.strip():
            ConcernMessage.objects.create(concern=concern, kind="note", text=concern.notes)


class Migration(migrations.Migration):
    dependencies = [("network", "0005_concern_handling")]

    operations = [migrations.RunPython(fill_existing, migrations.RunPython.noop)]
