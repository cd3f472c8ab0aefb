from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("concerns", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="concern",
            name="outcome_for_raiser",
            field=models.TextField(
                blank=True,
                help_text="Shown on their private follow-up page when the concern is closed. "
                "Plain text.",
                max_length=5000,
                verbose_name="what we tell the person about the outcome",
            ),
        ),
        migrations.AddField(
            model_name="concernescalation",
            name="for_raiser",
            # Escalations recorded before the person was told of them have no words for them.
            field=models.TextField(
                default="",
                help_text="Shown on their private follow-up page. Plain text.",
                max_length=5000,
                verbose_name="what we tell the person about this escalation",
            ),
            preserve_default=False,
        ),
    ]
