"""Stories pages for the shared accessibility list (tests/accessibility/pages.py)."""


def _published(title, **kwargs):
    from stories.models import Story

    from .factories import PublishedStoryFactory, StoryTopicFactory

    return Story.objects.filter(title=title).first() or PublishedStoryFactory(
        title=title, topics=[StoryTopicFactory(name="Racism", slug="racism")], **kwargs
    )


def story_list():
    _published("Refused by a patient")
    _published("Names on the rota")
    return "/stories/"


def story_page():
    from .media_files import poster_upload

    story = _published(
        "My consultant spoke up", poster=poster_upload(), poster_alt="A hospital corridor at night"
    )
    return story.get_absolute_url()


def withdraw_consent_page():
    return _published("Refused by a patient").consents.get().withdrawal_url


PAGES = [
    ("stories", story_list),
    ("stories empty", "/stories/"),
    ("stories filtered", lambda: story_list() + "?topic=racism"),
    ("story", story_page),
    ("withdraw consent to a story", withdraw_consent_page),
]
