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
            # Every published project has a date (qi_published_has_date); saying so lets the
            # newest-first index skip the undated, unpublished ones, which it lists first.
            lambda: QIProject.objects.published().filter(published_at__isnull=False),
            links=related.page_links("title", "qi_projects:detail", "slug"),
            only_for=QI_WORKSTREAM_SLUG,
        )
        search.register(
            search.SearchSource(
                label="QI project",
                queryset=lambda: QIProject.objects.published(),
                fields=SEARCH_FIELDS,
                summary=lambda project: Truncator(project.aim).words(30),
            )
        )
