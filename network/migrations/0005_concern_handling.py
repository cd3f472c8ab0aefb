"""Concerns gain how they are recorded, where it happened, a hashed follow-up token, a handler,
working-day targets, an outcome, messages, escalations and a timeline."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_concern"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="concern",
            name="recorded_as",
            field=models.CharField(
                choices=[
                    ("discrimination", "Discrimination"),
                    ("bullying-harassment", "Bullying or harassment"),
                    ("undermining", "Undermining"),
                    ("not-sure", "I'm not sure"),
                ],
                default="not-sure",
                max_length=30,
                verbose_name="how they want it recorded",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="concern",
            name="setting",
            field=models.CharField(
                choices=[
                    ("placement", "A placement"),
                    ("teaching", "Teaching"),
                    ("exam-arcp", "An exam or ARCP"),
                    ("recruitment", "Recruitment"),
                    ("visa-ltft", "Visa or less-than-full-time arrangements"),
                    ("other", "Somewhere else"),
                ],
                default="other",
                max_length=20,
                verbose_name="where it happened",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="concern",
            name="follow_up_token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="concern",
            name="acknowledge_by",
            field=models.DateField(editable=False, null=True, verbose_name="acknowledgement due"),
        ),
        migrations.AddField(
            model_name="concern",
            name="respond_by",
            field=models.DateField(editable=False, null=True, verbose_name="response due"),
        ),
        migrations.AddField(
            model_name="concern",
            name="acknowledged_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="concern",
            name="closed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="concern",
            name="handler",
            field=models.ForeignKey(
                blank=True,
                help_text="The member of staff who looks after this concern.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="concerns_handled",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="concern",
            name="outcome",
            field=models.CharField(
                blank=True,
                choices=[
                    ("resolved", "Resolved with the network's help"),
                    ("escalated", "Escalated and taken on by another body"),
                    ("signposted", "Signposted to another route"),
                    ("theme", "Recorded as a theme for the network to act on"),
                    ("withdrawn", "Withdrawn by the person who raised it"),
                    ("no-response", "No further contact from the person who raised it"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="concern",
            name="created_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False
            ),
        ),
        migrations.AlterField(
            model_name="concern",
            name="status",
            field=models.CharField(
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
        migrations.CreateModel(
            name="ConcernMessage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                        to="network.concern",
                    ),
                ),
            ],
            options={"ordering": ["created_at", "pk"]},
        ),
        migrations.CreateModel(
            name="ConcernEscalation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                    models.CharField(blank=True, max_length=200, verbose_name="who exactly"),
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
                        to="network.concern",
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
            options={"ordering": ["escalated_on", "pk"]},
        ),
        migrations.CreateModel(
            name="ConcernEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                        to="network.concern",
                    ),
                ),
            ],
            options={"ordering": ["at", "pk"]},
        ),
        migrations.CreateModel(
            name="YouSaidWeDid",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                        blank=True, help_text="Leave empty to keep it unpublished.", null=True
                    ),
                ),
            ],
            options={
                "verbose_name": "you said, we did item",
                "verbose_name_plural": "you said, we did items",
                "ordering": ["-published_on", "theme"],
            },
        ),
    ]
