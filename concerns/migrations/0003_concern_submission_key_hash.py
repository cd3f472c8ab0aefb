from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("concerns", "0002_words_for_the_raiser"),
    ]

    operations = [
        migrations.AddField(
            model_name="concern",
            name="submission_key_hash",
            field=models.CharField(editable=False, max_length=64, null=True, unique=True),
        ),
    ]
