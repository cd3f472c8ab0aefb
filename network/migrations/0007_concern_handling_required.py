from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("network", "0006_concern_handling_data")]

    operations = [
        migrations.RemoveField(model_name="concern", name="notes"),
        migrations.AlterField(
            model_name="concern",
            name="follow_up_token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.AlterField(
            model_name="concern",
            name="acknowledge_by",
            field=models.DateField(editable=False, verbose_name="acknowledgement due"),
        ),
        migrations.AlterField(
            model_name="concern",
            name="respond_by",
            field=models.DateField(editable=False, verbose_name="response due"),
        ),
    ]
