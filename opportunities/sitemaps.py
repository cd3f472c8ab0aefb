from django.contrib.sitemaps import Sitemap

from .models import Opportunity


class OpportunitySitemap(Sitemap):
    """Every open opportunity (closed ones leave it on their closing date)."""

    def items(self):
        return Opportunity.objects.open().only("slug", "updated_at").order_by("pk")

    def lastmod(self, opportunity):
        return opportunity.updated_at
