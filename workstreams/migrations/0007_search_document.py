import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

from edi_portal.fulltext import AddSearchIndex, KeepSearchDocument, RemoveSearchIndex

FIELD = django.contrib.postgres.search.SearchVectorField(editable=False, null=True, serialize=False)


class Migration(migrations.Migration):
    dependencies = [
        ("workstreams", "0006_merge_0003_search_index_0005_search_synonyms"),
    ]

    operations = [
        migrations.AddField(model_name="goodpractice", name="search_document", field=FIELD),
        migrations.AddField(model_name="resource", name="search_document", field=FIELD),
        RemoveSearchIndex(model_name="goodpractice", name="goodpractice_search"),
        RemoveSearchIndex(model_name="resource", name="resource_search"),
        KeepSearchDocument(
            model_name="goodpractice",
            fields=(
                "title",
                "summary",
                "organisation",
                "what_was_done",
                "benefits",
                "lessons_learned",
            ),
        ),
        KeepSearchDocument(model_name="resource", fields=("title", "description")),
        AddSearchIndex(
            model_name="goodpractice",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="goodpractice_search"
            ),
        ),
        AddSearchIndex(
            model_name="resource",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="resource_search"
            ),
        ),
    ]
