"""Load realistic demo content for every part of the portal. Safe to run again."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo content has a `seed.py` with `run(stdout)`; order matters where one
# app's content refers to another's (workstreams first).
SEEDED_APPS = ["workstreams", "network", "training", "qi_projects", "peer_support", "mentoring"]


class Command(BaseCommand):
    help = "Load demo content for every part of the portal (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        for app in SEEDED_APPS:
            try:
                seed = import_module(f"{app}.seed")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.seed":
                    raise
                continue
            seed.run(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
