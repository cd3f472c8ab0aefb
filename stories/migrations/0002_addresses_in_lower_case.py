from django.db import migrations

import edi_portal.addresses


def lower_case_addresses(apps, schema_editor):
    """Rows written before the field stored its addresses in lower case."""
    lower_case = edi_portal.addresses.lower_case_stored_addresses
    lower_case(apps.get_model("stories", "ConsentRecord"), "email")


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(lower_case_addresses, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="consentrecord",
            name="email",
            field=edi_portal.addresses.LowercaseEmailField(
                help_text="Where we send the consent email and its withdrawal link.",
                max_length=254,
            ),
        ),
    ]
