from django.apps import AppConfig
from django.utils.text import Truncator

# Every QI project is the QI Delivery Group's work.
QI_WORKSTREAM_SLUG = "qi-delivery-group"


class QiProjectsConfig(AppConfig):
    name = "qi_projects"
    verbose_name = "QI projects"

    def ready(self):
        from edi_portal import page_cache
        from workstreams import related, search

        from .models import SEARCH_FIELDS, QIConference, QIProject

        page_cache.watch(QIProject, QIConference)
        related.register(
            "QI projects",
            lambda workstream: (
                QIProject.objects.published() if workstream.slug == QI_WORKSTREAM_SLUG else None
            ),
            links=related.page_links("title", "qi_projects:detail", "slug"),
        )
        search.register(
            search.SearchSource(
                label="QI project",
                queryset=lambda: QIProject.objects.published(),
                fields=SEARCH_FIELDS,
                summary=lambda project: Truncator(project.aim).words(30),
            )
        )
