from django.apps import AppConfig


class QiProjectsConfig(AppConfig):
    name = "qi_projects"
    verbose_name = "QI projects"
