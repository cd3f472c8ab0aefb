from itertools import groupby
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core import signing
from django.db.models import BigIntegerField, CharField, F, Sum
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from edi_portal.page_cache import CachedPageMixin
from edi_portal.prepared import Param, Prepared
from edi_portal.uploads import pdf_download_response

from . import related, search, services
from .filters import GoodPracticeFilter, ResourceFilter
from .models import (
    GOOD_PRACTICE_LIST_ORDER,
    RESOURCE_LIST_ORDER,
    GoodPractice,
    Helpline,
    Page,
    Resource,
    SearchRecord,
    Workstream,
    WorkstreamLead,
    in_choice_order,
)


class SectionPageView(TemplateView):
    """A content page of one section (/about/..., /support/domestic-abuse/...).

    The section's main page (empty slug) also lists the section's other pages. Before any content
    is written the main page still answers, with `default_title` and no body.
    """

    section = None
    default_title = ""
    template_name = "workstreams/page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slug = self.kwargs.get("slug", "")
        pages = {page.slug: page for page in Page.objects.filter(section=self.section)}
        if slug and slug not in pages:
            raise Http404("No such page.")
        page = pages.get(slug) or Page(section=self.section, title=self.default_title, body="")
        breadcrumbs = [("Home", "/")]
        if slug:
            breadcrumbs.append((self.default_title, Page.SECTION_PATHS[self.section]))
        context.update(
            page=page,
            # The section's other pages, in order, so each page leads to the rest.
            other_pages=[other for other in pages.values() if other.slug not in {"", slug}],
            breadcrumbs=breadcrumbs,
        )
        return context


class AboutView(SectionPageView):
    section = Page.Section.ABOUT
    default_title = "About the network"


class NoReferrerMixin:
    """No Referer leaves these pages, so the exit site cannot see where someone came from."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response


class DomesticAbuseSupportView(NoReferrerMixin, SectionPageView):
    section = Page.Section.DOMESTIC_ABUSE
    default_title = "Support for people experiencing domestic abuse"
    template_name = "workstreams/domestic_abuse.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quick_exit_url"] = settings.QUICK_EXIT_URL
        if not self.kwargs.get("slug"):
            helplines = Helpline.objects.order_by(
                in_choice_order("area", Helpline.Area), "order", "name"
            )
            context["helplines_by_area"] = [
                (Helpline.Area(area).label, list(rows))
                for area, rows in groupby(helplines, key=lambda helpline: helpline.area)
            ]
        return context


class WorkstreamListView(CachedPageMixin, ListView):
    template_name = "workstreams/workstream_list.html"
    context_object_name = "workstreams"

    def get_queryset(self):
        return Workstream.objects.filter(is_active=True).prefetch_related("leads")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Home", "/")]
        return context


# A workstream's page: the workstream, and who leads it.
WORKSTREAM_PAGE = Prepared(
    lambda: Workstream.objects.filter(is_active=True, slug=Param("slug", CharField()))
)
WORKSTREAM_LEADS = Prepared(
    lambda: WorkstreamLead.objects.filter(workstream=Param("workstream", BigIntegerField()))
)


class WorkstreamDetailView(CachedPageMixin, DetailView):
    template_name = "workstreams/workstream_detail.html"
    context_object_name = "workstream"

    def get_object(self, queryset=None):
        return WORKSTREAM_PAGE.first_or_404(slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["leads"] = WORKSTREAM_LEADS.run(workstream=self.object.pk)
        context["related_sections"] = related.related_to(self.object)
        context["breadcrumbs"] = [("Home", "/"), ("Workstreams", "/workstreams/")]
        return context


class FilteredListView(FilterView):
    """A public list with django-filter: an unknown filter value shows a message and no rows."""

    paginate_by = 50
    strict = True

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.filterset.form
        context["breadcrumbs"] = [("Home", "/")]
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


# What a list's row shows: not the long texts and search documents of the rest.
RESOURCE_LIST_FIELDS = (
    "pk",
    "title",
    "category",
    "description",
    "file",
    "url",
    "workstream__name",
    "workstream__slug",
)
GOOD_PRACTICE_LIST_FIELDS = (
    "title",
    "slug",
    "theme",
    "region",
    "second_region",
    "organisation",
    "summary",
)


class ResourceListView(CachedPageMixin, FilteredListView):
    filterset_class = ResourceFilter
    template_name = "workstreams/resource_list.html"

    def get_queryset(self):
        # Rows as dicts: a Resource instance costs more to make (its file field, django-cleanup's
        # note of the file's name) than the row costs to show.
        return (
            Resource.objects.filter(is_published=True)
            .order_by(*RESOURCE_LIST_ORDER)
            .values(*RESOURCE_LIST_FIELDS)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["resources_by_category"] = [
            (Resource.Category(category).label, list(rows))
            for category, rows in groupby(
                context["object_list"], key=lambda resource: resource["category"]
            )
        ]
        # Each row's addresses from patterns reversed once a page.
        resource_address = Resource.address_of_each()
        workstream_address = Workstream.address_of_each()
        for resource in context["object_list"]:
            resource["is_file"] = bool(resource["file"])
            resource["address"] = resource_address(
                resource["pk"], resource["file"], resource["url"]
            )
            if resource["workstream__slug"]:
                resource["workstream_address"] = workstream_address(resource["workstream__slug"])
        return context


def resource_download(request, pk):
    resource = get_object_or_404(Resource, pk=pk, is_published=True)
    if not resource.file:
        raise Http404("This resource is a link, not a file.")
    return pdf_download_response(resource.file, filename=resource.download_name)


class GoodPracticeListView(CachedPageMixin, FilteredListView):
    filterset_class = GoodPracticeFilter
    template_name = "workstreams/good_practice_list.html"

    def get_queryset(self):
        return (
            GoodPractice.objects.filter(is_published=True)
            .only(*GOOD_PRACTICE_LIST_FIELDS)
            .order_by(*GOOD_PRACTICE_LIST_ORDER)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items_by_theme"] = [
            (GoodPractice.Theme(theme).label, list(rows))
            for theme, rows in groupby(context["object_list"], key=lambda item: item.theme)
        ]
        item_address = GoodPractice.address_of_each()  # reversed once a page, not once a row
        for item in context["object_list"]:
            item.address = item_address(item.slug)
        return context


class GoodPracticeDetailView(CachedPageMixin, DetailView):
    template_name = "workstreams/good_practice_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return GoodPractice.objects.filter(is_published=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Home", "/"), ("Good practice", "/good-practice/")]
        return context


# Marks the "no results" heading: a kept page is served without running the view, so whether a
# search found anything is read from the page itself.
NO_RESULTS_ID = "no-results"
FOLLOW_SALT = "workstreams.search-result"
FOLLOW_TO = "to"  # the query parameter of a result's address


def follow_urls(words):
    """(url) -> a result's link, which counts the result as followed for these words and then
    goes to `url` (an address on this website). The words are signed once for the page's 30
    results, not with each address."""
    address = reverse(
        "workstreams:search_follow",
        kwargs={"token": signing.Signer(salt=FOLLOW_SALT).sign_object(words)},
    )
    return lambda url: f"{address}?{urlencode({FOLLOW_TO: url})}"


class SearchView(CachedPageMixin, TemplateView):
    template_name = "workstreams/search.html"
    page_parameters = ("q",)

    def dispatch(self, request, *args, **kwargs):
        query = request.GET.get("q", "")
        searched = bool(query.strip())
        # Staff trying searches out (from the page of searches to improve) are not counted;
        # the page without a query does not ask who the visitor is.
        counted = searched and request.method == "GET" and not request.user.is_staff
        if searched:
            # Before the page cache reads its tokens: writing the entries changes some of them,
            # and a page rendered now must be kept with the tokens of what it read.
            services.start_search(query=query, counted=counted)
        response = super().dispatch(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()  # a page that was not kept
        answered = counted and response.status_code == 200
        if answered and f'id="{NO_RESULTS_ID}"'.encode() in response.content:
            services.record_found_nothing(query=query)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        follow_url = follow_urls(services.recorded_words(query))
        results = [
            {**result, "follow_url": follow_url(result["url"])}
            for result in search.search(query, refreshed=True)
        ]
        context.update(
            query=query[: search.MAX_QUERY_LENGTH],
            query_too_long=len(query) > search.MAX_QUERY_LENGTH,
            results=results,
            more=len(results) == search.MAX_RESULTS,
            result_count=len(results),
            no_results_id=NO_RESULTS_ID,
            breadcrumbs=[("Home", "/")],
        )
        return context


def follow_result(request, token):
    """Where a search result leads (an address on this website), counted for the search's words
    on the way."""
    to = request.GET.get(FOLLOW_TO, "")
    try:
        words = signing.Signer(salt=FOLLOW_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise Http404("No such search result.") from error
    here = url_has_allowed_host_and_scheme(to, allowed_hosts=None)
    if not (isinstance(words, str) and to.startswith("/") and here):
        raise Http404("No such search result.")
    services.record_follow(words=words)
    return HttpResponseRedirect(to)


class SearchesToImproveView(PermissionRequiredMixin, TemplateView):
    """For editors: what people searched for in the last SEARCH_RECORD_RETENTION_DAYS that found
    nothing, or found results nobody followed, so synonyms can be added where search fails."""

    template_name = "workstreams/searches_to_improve.html"
    permission_required = "workstreams.view_searchrecord"
    LIMIT = 100

    def has_permission(self):
        return self.request.user.is_staff and super().has_permission()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        totals = SearchRecord.objects.values("words").annotate(
            total=Sum("searches"),
            found_nothing_total=Sum("found_nothing"),
            followed_total=Sum("followed"),
        )
        context.update(
            found_nothing=totals.filter(found_nothing_total__gt=0).order_by(
                "-found_nothing_total", "words"
            )[: self.LIMIT],
            not_followed=totals.filter(
                followed_total=0, total__gt=F("found_nothing_total")
            ).order_by("-total", "words")[: self.LIMIT],
            days=settings.SEARCH_RECORD_RETENTION_DAYS,
            limit=self.LIMIT,
            breadcrumbs=[("Home", "/"), ("Admin", "/admin/")],
        )
        return context
