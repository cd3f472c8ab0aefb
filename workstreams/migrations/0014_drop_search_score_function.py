"""The ranking scores each group in its own statement (workstreams.search.SCORE): the database
function it called before is dropped."""

from importlib import import_module

from django.db import migrations

score_function = import_module("workstreams.migrations.0009_search_words_pages_records")


class Migration(migrations.Migration):
    dependencies = [
        ("workstreams", "0013_search_entries"),
    ]

    operations = [
        migrations.RunPython(
            score_function.drop_score_function, score_function.create_score_function
        ),
    ]
