"""Concerns leave the network app: the models are taken over as they are, on the same tables
(Meta.db_table), so this changes only Django's record of the models, and their content types
(and so the permissions granted on them) move with them. network/0010 lets go of them."""

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
        # The tables were made by the network app's migrations, up to this one.
        ("network", "0009_account_address_message"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="YouSaidWeDid",
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
                        ("theme", models.CharField(max_length=120)),
                        (
                            "you_said",
                            models.TextField(
                                help_text="The theme in general terms. Never identify anyone."
                            ),
                        ),
                        (
                            "we_did",
                            models.TextField(help_text="What the network did about it. Markdown."),
                        ),
                        (
                            "published_on",
                            models.DateField(
                                blank=True,
                                help_text="Leave empty to keep it unpublished.",
                                null=True,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "you said, we did item",
                        "verbose_name_plural": "you said, we did items",
                        "db_table": "network_yousaidwedid",
                        "ordering": ["-published_on", "theme"],
                    },
                ),
                migrations.CreateModel(
                    name="Concern",
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
                        ("reference", models.CharField(editable=False, max_length=12, unique=True)),
                        (
                            "recorded_as",
                            models.CharField(
                                choices=[
                                    ("discrimination", "Discrimination"),
                                    ("bullying-harassment", "Bullying or harassment"),
                                    ("undermining", "Undermining"),
                                    ("not-sure", "I'm not sure"),
                                ],
                                max_length=30,
                                verbose_name="how they want it recorded",
                            ),
                        ),
                        (
                            "characteristic",
                            models.CharField(
                                choices=[
                                    ("age", "Age"),
                                    ("disability", "Disability"),
                                    ("gender-reassignment", "Gender reassignment"),
                                    (
                                        "marriage-civil-partnership",
                                        "Marriage and civil partnership",
                                    ),
                                    ("pregnancy-maternity", "Pregnancy and maternity"),
                                    ("race", "Race"),
                                    ("religion-belief", "Religion or belief"),
                                    ("sex", "Sex"),
                                    ("sexual-orientation", "Sexual orientation"),
                                    ("other", "Something else"),
                                ],
                                max_length=30,
                            ),
                        ),
                        (
                            "characteristic_other",
                            models.CharField(
                                blank=True,
                                max_length=200,
                                verbose_name="something else (described)",
                            ),
                        ),
                        (
                            "setting",
                            models.CharField(
                                choices=[
                                    ("placement", "A placement"),
                                    ("teaching", "Teaching"),
                                    ("exam-arcp", "An exam or ARCP"),
                                    ("recruitment", "Recruitment"),
                                    ("visa-ltft", "Visa or less-than-full-time arrangements"),
                                    ("other", "Somewhere else"),
                                ],
                                max_length=20,
                                verbose_name="where it happened",
                            ),
                        ),
                        (
                            "details",
                            models.TextField(max_length=5000, verbose_name="what happened"),
                        ),
                        (
                            "email",
                            models.EmailField(
                                blank=True,
                                help_text="Empty when the person chose to stay anonymous.",
                                max_length=254,
                            ),
                        ),
                        (
                            "follow_up_token_hash",
                            models.CharField(editable=False, max_length=64, unique=True),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("new", "Received"),
                                    ("acknowledged", "Acknowledged"),
                                    ("in-progress", "In progress"),
                                    ("closed", "Closed"),
                                ],
                                default="new",
                                max_length=12,
                            ),
                        ),
                        (
                            "outcome",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("resolved", "Resolved with the network's help"),
                                    ("escalated", "Escalated and taken on by another body"),
                                    ("signposted", "Signposted to another route"),
                                    ("theme", "Recorded as a theme for the network to act on"),
                                    ("withdrawn", "Withdrawn by the person who raised it"),
                                    (
                                        "no-response",
                                        "No further contact from the person who raised it",
                                    ),
                                ],
                                max_length=20,
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                db_index=True, default=django.utils.timezone.now, editable=False
                            ),
                        ),
                        (
                            "acknowledge_by",
                            models.DateField(editable=False, verbose_name="acknowledgement due"),
                        ),
                        (
                            "respond_by",
                            models.DateField(editable=False, verbose_name="response due"),
                        ),
                        (
                            "acknowledged_at",
                            models.DateTimeField(blank=True, editable=False, null=True),
                        ),
                        ("closed_at", models.DateTimeField(blank=True, editable=False, null=True)),
                        (
                            "handler",
                            models.ForeignKey(
                                blank=True,
                                help_text="The member of staff who looks after this concern.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="concerns_handled",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "network_concern",
                        "ordering": ["-created_at"],
                        "default_permissions": ("view", "change"),
                    },
                ),
                migrations.CreateModel(
                    name="ConcernEscalation",
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
                            "route",
                            models.CharField(
                                choices=[
                                    ("employer", "The employer"),
                                    (
                                        "local-office",
                                        "NHS England local office (Postgraduate Dean's team)",
                                    ),
                                    ("ftsu", "A Freedom to Speak Up guardian"),
                                    ("gmc", "The General Medical Council (GMC)"),
                                    ("other", "Someone else"),
                                ],
                                max_length=20,
                                verbose_name="escalated to",
                            ),
                        ),
                        (
                            "route_detail",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="who exactly"
                            ),
                        ),
                        ("escalated_on", models.DateField()),
                        (
                            "consent",
                            models.CharField(
                                choices=[
                                    ("given", "The person who raised it agreed"),
                                    (
                                        "anonymous",
                                        "Not asked: raised anonymously, escalated without identifying them",
                                    ),
                                ],
                                max_length=12,
                            ),
                        ),
                        (
                            "concern",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="escalations",
                                to="concerns.concern",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "network_concernescalation",
                        "ordering": ["escalated_on", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="ConcernEvent",
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
                        ("at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("description", models.CharField(max_length=300)),
                        (
                            "to_status",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("new", "Received"),
                                    ("acknowledged", "Acknowledged"),
                                    ("in-progress", "In progress"),
                                    ("closed", "Closed"),
                                ],
                                max_length=12,
                            ),
                        ),
                        (
                            "by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "concern",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="events",
                                to="concerns.concern",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "network_concernevent",
                        "ordering": ["at", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="ConcernMessage",
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
                            "kind",
                            models.CharField(
                                choices=[
                                    ("to-raiser", "Reply to the person who raised it"),
                                    ("from-raiser", "From the person who raised it"),
                                    ("note", "Internal note"),
                                ],
                                max_length=12,
                            ),
                        ),
                        ("text", models.TextField(max_length=5000)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "author",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "concern",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="messages",
                                to="concerns.concern",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "network_concernmessage",
                        "ordering": ["created_at", "pk"],
                    },
                ),
            ],
        ),
        move_content_types(
            models=[
                "concern",
                "concernmessage",
                "concernescalation",
                "concernevent",
                "yousaidwedid",
            ],
            from_app="network",
            to_app="concerns",
        ),
    ]
