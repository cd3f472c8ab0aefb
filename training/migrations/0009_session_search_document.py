import django.contrib.postgres.search
from django.db import migrations

from edi_portal.fulltext import KeepSearchDocument


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0008_booking_educational_leader_role"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        KeepSearchDocument(model_name="session", fields=("venue", "address"), weights=("A", "C")),
    ]
