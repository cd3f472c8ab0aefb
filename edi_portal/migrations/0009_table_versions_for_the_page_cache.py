from django.db import migrations, models

OLD_FUNCTION = "edi_portal_content_changed"
OLD_TRIGGERS = ("edi_portal_content_changed", "edi_portal_content_truncated")


def drop_old_triggers(apps, schema_editor):
    """The one version row's triggers go before its table does (post_migrate installs the
    per-table ones, edi_portal.page_cache.install_triggers)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE tgname IN (%s, %s)",
            list(OLD_TRIGGERS),
        )
        for table, name in cursor.fetchall():
            cursor.execute(f"DROP TRIGGER {name} ON {table}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {OLD_FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [
        ("edi_portal", "0008_addresses_in_lower_case"),
    ]

    operations = [
        migrations.RunPython(drop_old_triggers, migrations.RunPython.noop),
        migrations.DeleteModel(name="ContentVersion"),
        migrations.CreateModel(
            name="TableVersion",
            fields=[
                ("name", models.CharField(max_length=63, primary_key=True, serialize=False)),
                ("token", models.UUIDField()),
            ],
        ),
    ]
