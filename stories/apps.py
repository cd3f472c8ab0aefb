from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Trainees' stories"

    def ready(self):
        from edi_portal import page_cache, sitemaps
        from workstreams import related, search

        from .models import SEARCH_FIELDS, Story, Topic
        from .sitemaps import StorySitemap

        page_cache.watch(Story, Topic)
        related.register(
            "Trainees' stories",
            lambda: Story.objects.published().filter(workstream=related.WORKSTREAM),
            links=related.page_links("title", "stories:detail", "slug"),
        )
        search.register(
            search.SearchSource(
                label="Story",
                queryset=lambda: Story.objects.published(),
                fields=SEARCH_FIELDS,
                summary=lambda story: story.summary,
            )
        )

        sitemaps.register("stories-list", sitemaps.NamedPages("stories:list"))
        sitemaps.register("stories", StorySitemap())
