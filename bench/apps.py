from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's own parts: `manage.py seed_national` and the list of pages it measures."""

    name = "bench"
    verbose_name = "Benchmark"
