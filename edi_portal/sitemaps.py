"""The sitemap (/sitemap.xml) for search engines: public pages only.

Each app adds its pages by calling `register` from its AppConfig.ready() (see stories/apps.py),
so this module depends on no app: a Django Sitemap for rows with get_absolute_url(), or
NamedPages for fixed pages by URL name.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

sitemaps = {}


class NamedPages(Sitemap):
    """Fixed pages, by the names of their URL patterns."""

    def __init__(self, *url_names):
        self.url_names = url_names

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)


def register(section, sitemap):
    """Add a section to the sitemap (its name appears only in /sitemap-<section>.xml)."""
    sitemaps[section] = sitemap


register("portal", NamedPages("home", "accessibility", "privacy"))
