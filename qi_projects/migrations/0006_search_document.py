import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

from edi_portal.fulltext import AddSearchIndex, KeepSearchDocument, RemoveSearchIndex

FIELD = django.contrib.postgres.search.SearchVectorField(editable=False, null=True, serialize=False)


class Migration(migrations.Migration):
    dependencies = [
        ("qi_projects", "0005_merge_0003_constraint_messages_0004_search_index"),
    ]

    operations = [
        migrations.AddField(model_name="qiproject", name="search_document", field=FIELD),
        RemoveSearchIndex(model_name="qiproject", name="qi_search"),
        KeepSearchDocument(
            model_name="qiproject",
            fields=("title", "aim", "results", "change_ideas", "measures", "trust", "team_members"),
        ),
        AddSearchIndex(
            model_name="qiproject",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="qi_search"
            ),
        ),
    ]
