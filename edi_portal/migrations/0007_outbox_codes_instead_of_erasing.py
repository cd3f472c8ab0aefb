"""Every sent email keeps no link (not only those marked to be erased once sent): the emails
already sent lose theirs now, as every email sent from now on does."""

from django.db import migrations, models

from edi_portal.models import remove_secrets


def remove_links_from_sent_emails(apps, schema_editor):
    OutboundEmail = apps.get_model("edi_portal", "OutboundEmail")
    for email in OutboundEmail.objects.filter(status="sent").iterator():
        remove_secrets(email)
        email.save(update_fields=["subject", "text_body", "html_body", "attachments", "codes"])


class Migration(migrations.Migration):
    dependencies = [
        ("edi_portal", "0006_content_version"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="outboundemail",
            name="erase_once_sent",
        ),
        migrations.AddField(
            model_name="outboundemail",
            name="codes",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(remove_links_from_sent_emails, migrations.RunPython.noop),
    ]
