"""The concern models and erasure records now belong to the concerns and accounts apps, which
took them over on the same tables: the network app lets go of them without touching the
database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0009_account_address_message"),
        ("concerns", "0001_initial"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="concern",
                    name="handler",
                ),
                migrations.RemoveField(
                    model_name="concernevent",
                    name="concern",
                ),
                migrations.RemoveField(
                    model_name="concernescalation",
                    name="concern",
                ),
                migrations.RemoveField(
                    model_name="concernmessage",
                    name="concern",
                ),
                migrations.RemoveField(
                    model_name="concernescalation",
                    name="recorded_by",
                ),
                migrations.RemoveField(
                    model_name="concernevent",
                    name="by",
                ),
                migrations.RemoveField(
                    model_name="concernmessage",
                    name="author",
                ),
                migrations.RemoveField(
                    model_name="erasurerecord",
                    name="performed_by",
                ),
                migrations.DeleteModel(
                    name="YouSaidWeDid",
                ),
                migrations.DeleteModel(
                    name="Concern",
                ),
                migrations.DeleteModel(
                    name="ConcernEscalation",
                ),
                migrations.DeleteModel(
                    name="ConcernEvent",
                ),
                migrations.DeleteModel(
                    name="ConcernMessage",
                ),
                migrations.DeleteModel(
                    name="ErasureRecord",
                ),
            ],
        ),
    ]
