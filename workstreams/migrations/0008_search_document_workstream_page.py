import django.contrib.postgres.search
from django.db import migrations

from edi_portal.fulltext import KeepSearchDocument

FIELD = django.contrib.postgres.search.SearchVectorField(editable=False, null=True, serialize=False)


class Migration(migrations.Migration):
    dependencies = [
        ("workstreams", "0007_search_document"),
    ]

    operations = [
        migrations.AddField(model_name="workstream", name="search_document", field=FIELD),
        migrations.AddField(model_name="page", name="search_document", field=FIELD),
        KeepSearchDocument(
            model_name="workstream",
            fields=("name", "summary", "description", "how_to_get_involved"),
        ),
        KeepSearchDocument(model_name="page", fields=("title", "summary", "body")),
    ]
