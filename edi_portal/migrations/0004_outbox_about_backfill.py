"""Link the emails already in the outbox to the record they are about, read from their
idempotency keys, so they are deleted with it like every email written from now on."""

import re

from django.db import migrations

# (key pattern with the record's id as its first group, app label, model)
KEYS = [
    (
        r"(?:application-acknowledgement|application-reminder|application-decision|oversight-group):(\d+)",
        "network",
        "application",
    ),
    (r"concern-(?:notification|acknowledgement):(\d+)", "network", "concern"),
    (r"training-session-request-(?:received|lead):(\d+)", "training", "sessionrequest"),
    (r"training-(?!session-request-)[a-z0-9-]+:(\d+)$", "training", "booking"),
    (r"peer-support-request(?:-confirmation)?:(\d+)$", "peer_support", "contactrequest"),
    (r"peer-support-(?:approved|renewal):(\d+)", "peer_support", "volunteerprofile"),
]


def link_emails(apps, schema_editor):
    OutboundEmail = apps.get_model("edi_portal", "OutboundEmail")
    ContentType = apps.get_model("contenttypes", "ContentType")
    emails = OutboundEmail.objects.filter(about_type__isnull=True).only("idempotency_key")
    for email in emails.iterator():
        for pattern, app_label, model in KEYS:
            match = re.match(pattern, email.idempotency_key)
            if match:
                email.about_type, _ = ContentType.objects.get_or_create(
                    app_label=app_label, model=model
                )
                email.about_id = int(match[1])
                email.save(update_fields=["about_type", "about_id"])
                break


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("edi_portal", "0003_outbox_template_about"),
    ]

    operations = [migrations.RunPython(link_emails, migrations.RunPython.noop)]
