# The public lookup's read model (portal.public_view); backfilled by
# ``manage.py portal_public_view_rebuild`` (the lookup falls back to the dossiers'
# tables for a dossier without a row, so the migration itself writes none).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0008_dossier_citizen"),
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublicDossierView",
            fields=[
                (
                    "dossier",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="dossiers.dossier",
                        verbose_name="dossier",
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        max_length=60, unique=True, verbose_name="dossier code"
                    ),
                ),
                (
                    "row_version",
                    models.PositiveIntegerField(verbose_name="dossier version"),
                ),
                (
                    "rendering",
                    models.PositiveSmallIntegerField(verbose_name="rendering"),
                ),
                ("language", models.CharField(max_length=8, verbose_name="language")),
                ("due_at", models.DateTimeField(null=True, verbose_name="appointment")),
                (
                    "original_due_at",
                    models.DateTimeField(null=True, verbose_name="first appointment"),
                ),
                (
                    "finished_at",
                    models.DateTimeField(null=True, verbose_name="end of processing"),
                ),
                ("supplement_count", models.PositiveSmallIntegerField(default=0)),
                ("page", models.TextField(verbose_name="page fragment")),
                ("body", models.TextField(verbose_name="API body")),
                ("built_at", models.DateTimeField(verbose_name="built at")),
            ],
            options={
                "verbose_name": "public dossier view",
                "verbose_name_plural": "public dossier views",
            },
        ),
    ]
