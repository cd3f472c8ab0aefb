from django.conf import settings
from django.db.models import BigIntegerField, CharField
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.generic import DetailView, TemplateView

from edi_portal.links import address_of_each
from edi_portal.page_cache import CachedPageMixin
from edi_portal.pagination import OneQueryPaginator
from edi_portal.prepared import Param, Prepared
from edi_portal.uploads import media_response
from workstreams.views import FilteredListView

from . import services
from .filters import StoryFilter
from .models import ConsentRecord, Status, Story, Topic, may_preview_drafts

STORIES_CRUMB = ("Stories", "/stories/")
# Long enough to watch a story and seek through it, short enough that a copied link soon stops
# working (and a withdrawn story's link with it).
VIDEO_LINK_SECONDS = 60 * 60
IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png"}
# What the list shows of a story: not its transcript or search document, the longest columns.
LIST_FIELDS = [
    "title",
    "slug",
    "summary",
    "content_warning",
    "published_at",
    "workstream__name",
    "workstream__slug",
]
# What a story's page shows (or its withdrawn page): not the video's file name or search document.
DETAIL_FIELDS = [
    *LIST_FIELDS,
    "captions",
    "poster",
    "transcript",
    "video_format",
    "status",
    "withdrawn_at",
]


class StoryListView(CachedPageMixin, FilteredListView):
    filterset_class = StoryFilter
    template_name = "stories/story_list.html"
    paginate_by = 20
    # A few hundred stories at most: the page and how many in all, in one query.
    paginator_class = OneQueryPaginator

    def get_queryset(self):
        return (
            Story.objects.published()
            .select_related("workstream")
            .only(*LIST_FIELDS)
            .order_by("-published_at", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stories = list(context["object_list"])
        topic_names = Story.topic_names_by_story(stories)
        story_url = address_of_each("stories:detail", "slug")
        # A page of 20 stories names a few workstreams: each one's address is worked out once.
        workstream_urls = {}
        for story in stories:
            story.url = story_url(story.slug)
            story.topic_names = topic_names.get(story.pk, [])
            if story.workstream_id is not None:
                if story.workstream_id not in workstream_urls:
                    workstream_urls[story.workstream_id] = story.workstream.get_absolute_url()
                story.workstream_url = workstream_urls[story.workstream_id]
        context["object_list"] = stories
        return context


# A story's page, as the public or its editors (drafts too) see it; and its topics.
STORY_PAGE = {
    editor: Prepared(
        lambda editor=editor: (
            Story.objects.shown_to(editor=editor)
            .select_related("workstream")
            .only(*DETAIL_FIELDS)
            .filter(slug=Param("slug", CharField()))
        )
    )
    for editor in (False, True)
}
STORY_TOPICS = Prepared(lambda: Topic.objects.filter(stories=Param("story", BigIntegerField())))


class StoryDetailView(CachedPageMixin, DetailView):
    """A published story with its player, captions and transcript; a withdrawn one's page says
    only that it was withdrawn (410); drafts are previews for their editors."""

    template_name = "stories/story_detail.html"
    context_object_name = "story"

    def get_object(self, queryset=None):
        return STORY_PAGE[may_preview_drafts(self.request.user)].first_or_404(
            slug=self.kwargs["slug"]
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_withdrawn:
            return TemplateResponse(
                request,
                "stories/withdrawn.html",
                {"story": self.object, "breadcrumbs": [("Home", "/")]},
                status=410,
            )
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["topics"] = STORY_TOPICS.run(story=self.object.pk)
        context["breadcrumbs"] = [("Home", "/"), STORIES_CRUMB]
        return context


def _story_with(request, slug, field):
    """A story that may be seen, not withdrawn, with a file in `field`; else 404."""
    stories = Story.objects.visible_to(request.user).exclude(status=Status.WITHDRAWN)
    return get_object_or_404(stories.exclude(**{field: ""}), slug=slug)


def _inline(field_file, content_type):
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def video(request, slug):
    story = _story_with(request, slug, "video")
    return media_response(
        request,
        story.video,
        content_type=story.content_type,
        signed_link_seconds=VIDEO_LINK_SECONDS,
    )


def captions(request, slug):
    story = _story_with(request, slug, "captions")
    return _inline(story.captions, "text/vtt; charset=utf-8")


def poster(request, slug):
    story = _story_with(request, slug, "poster")
    extension = story.poster.name.rsplit(".", 1)[-1]
    return _inline(story.poster, IMAGE_TYPES.get(extension, "application/octet-stream"))


class WithdrawConsentView(TemplateView):
    """The speaker's signed link: what withdrawing means, then (POST) withdrawal at once."""

    template_name = "stories/withdraw_consent.html"

    def dispatch(self, request, *args, **kwargs):
        self.consent = ConsentRecord.for_token(kwargs["token"])
        if self.consent is None:
            raise Http404("No such consent record")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consent=self.consent,
            story=self.consent.story,
            deletion_hours=settings.STORY_WITHDRAWN_FILES_HOURS,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        services.withdraw_consent(consent=self.consent, by=ConsentRecord.Withdrawal.SPEAKER)
        return redirect(request.path)
