import factory
from django.utils import timezone

from stories.models import ConsentRecord, Status, Story, Topic
from tests.factories import WorkstreamFactory

from .media_files import CAPTIONS, captions_upload, video_upload

TRANSCRIPT = (
    "On my first day a patient refused my care.\n\nMy consultant stepped in and spoke up for me."
)


class StoryTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class StoryFactory(factory.django.DjangoModelFactory):
    """A draft with its video, captions and transcript (4 seconds of WebM)."""

    class Meta:
        model = Story
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Story number {n}")
    summary = "A trainee describes a patient refusing their care, and a consultant who spoke up."
    workstream = factory.SubFactory(WorkstreamFactory)
    content_warning = "Describes racist abuse from a patient."
    video = factory.LazyFunction(video_upload)
    video_format = "webm"
    duration = 4.0
    captions = factory.LazyFunction(lambda: captions_upload(CAPTIONS))
    transcript = TRANSCRIPT

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRecord

    story = factory.SubFactory(StoryFactory)
    name = "Dr Amina Yusuf"
    email = factory.Sequence(lambda n: f"speaker{n}@nhs.net")
    agreed_to_portal = True
    agreed_to_teaching = True


class PublishedStoryFactory(StoryFactory):
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    consent = factory.RelatedFactory(ConsentFactory, factory_related_name="story")
