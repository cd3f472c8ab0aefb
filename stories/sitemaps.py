from django.contrib.sitemaps import Sitemap

from .models import Story


class StorySitemap(Sitemap):
    """Every published story (withdrawn ones leave it)."""

    def items(self):
        return Story.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, story):
        return story.updated_at
