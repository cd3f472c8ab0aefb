from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and data rights"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the signal receivers)
