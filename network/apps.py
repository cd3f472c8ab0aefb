from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = "Network membership"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the signal receivers)
        from .audit import special_category_reads

        special_category_reads.register(self.get_model("EqualityMonitoring"))
        special_category_reads.register(self.get_model("Concern"))
