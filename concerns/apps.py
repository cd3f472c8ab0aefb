from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "concerns"
    verbose_name = "Concerns"

    def ready(self):
        from network.audit import special_category_reads

        special_category_reads.register(self.get_model("Concern"))
