from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edi_portal", "0002_outbox_requeue_at")]

    operations = [
        migrations.AddField(
            model_name="outboundemail",
            name="erase_once_sent",
            field=models.BooleanField(default=False),
        ),
    ]
