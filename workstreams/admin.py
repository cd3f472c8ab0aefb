from django.contrib import admin
from django.db import models

from edi_portal.admin import QuickChangelistMixin

from .models import (
    GoodPractice,
    Helpline,
    Page,
    Resource,
    SearchSynonym,
    Workstream,
    WorkstreamLead,
)

# Links typed without a scheme are taken as https (Django 6's default).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class WorkstreamLeadInline(admin.TabularInline):
    model = WorkstreamLead
    extra = 1


@admin.register(Workstream)
class WorkstreamAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "summary", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [WorkstreamLeadInline]
    fields = [
        "name",
        "slug",
        "summary",
        "description",
        "how_to_get_involved",
        "contact_email",
        "order",
        "is_active",
    ]


@admin.register(Page)
class PageAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["title", "section", "address", "order", "updated_at"]
    list_filter = ["section"]
    list_editable = ["order"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["section", "title", "slug", "summary", "body", "order"]

    @admin.display(description="address")
    def address(self, page):
        return page.get_absolute_url()


@admin.register(Resource)
class ResourceAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["title", "category", "workstream", "kind", "is_published", "updated_at"]
    list_filter = ["category", "workstream", "is_published"]
    list_select_related = ["workstream"]
    search_fields = ["title", "description"]
    fields = ["title", "category", "workstream", "description", "file", "url", "is_published"]
    formfield_overrides = HTTPS_URLS

    @admin.display(description="type")
    def kind(self, resource):
        return "PDF" if resource.file else "Link"


@admin.register(GoodPractice)
class GoodPracticeAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["title", "theme", "region", "organisation", "is_published"]
    list_filter = ["theme", "region", "is_published"]
    search_fields = ["title", "organisation", "summary"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Helpline)
class HelplineAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "area", "phone", "hours", "order"]
    formfield_overrides = HTTPS_URLS
    list_filter = ["area"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(SearchSynonym)
class SearchSynonymAdmin(QuickChangelistMixin, admin.ModelAdmin):
    list_display = ["terms"]
    search_fields = ["terms"]
