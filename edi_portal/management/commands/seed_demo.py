"""Load realistic demo content for every part of the portal. Safe to run again."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load demo content for every part of the portal (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        # Each app that has demo content has a `seed.py` with `run(stdout)`. They run in the
        # order of INSTALLED_APPS, lowest layer first, so an app's content can refer to the
        # content of the apps it builds on (a cohort's workstreams, a volunteer's membership).
        for app_config in apps.get_app_configs():
            module = f"{app_config.name}.seed"
            try:
                seed = import_module(module)
            except ModuleNotFoundError as error:
                if error.name != module:
                    raise
                continue
            seed.run(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
