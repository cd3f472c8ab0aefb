"""Erasure records leave the network app: the model is taken over as it is, on the same table
(Meta.db_table), so this changes only Django's record of the model, and its content type (with
the subject access permission granted on it) moves with it. network/0010 lets go of it."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from edi_portal.content_types import move_content_types


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        # The table was made by the network app's migrations, up to this one.
        ("network", "0009_account_address_message"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ErasureRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "reason",
                            models.CharField(
                                choices=[
                                    ("account_deleted", "The person deleted their account"),
                                    ("subject_request", "Staff erased it on the person's request"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("performed_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "rows",
                            models.JSONField(
                                help_text="How many rows of each kind were erased or anonymised, by kind of record."
                            ),
                        ),
                        (
                            "performed_by",
                            models.ForeignKey(
                                blank=True,
                                help_text="The staff member; empty when the person deleted their own account.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "network_erasurerecord",
                        "ordering": ["-performed_at"],
                        "permissions": [
                            (
                                "answer_subject_access_request",
                                "Can find, export and erase everything about an email address",
                            )
                        ],
                        "default_permissions": ("view",),
                    },
                ),
            ],
        ),
        move_content_types(models=["erasurerecord"], from_app="network", to_app="accounts"),
    ]
