"""A speaker's consent records are in their data export, and erasing their data withdraws them
from every story they appear in (taken down, files deleted) before the records go."""

import pytest
from django.core.files.storage import default_storage

from accounts.models import ErasureRecord
from accounts.personal_data import Person
from accounts.services import erase_personal_data, export_personal_data
from stories.models import ConsentRecord, Status, Story

from .factories import ConsentFactory, PublishedStoryFactory

pytestmark = pytest.mark.django_db

EMAIL = "amina.yusuf@nhs.net"


def test_the_export_holds_the_speakers_consent_records():
    ConsentFactory(email=EMAIL, name="Dr Amina Yusuf", agreed_to_teaching=False)
    ConsentFactory(email="someone.else@nhs.net")
    records = export_personal_data(person=Person.find(EMAIL))["records"]
    [record] = records["stories.consentrecord"]
    assert record["fields"]["name"] == "Dr Amina Yusuf"
    assert record["fields"]["agreed_to_teaching"] is False


def test_erasure_takes_their_story_down_and_leaves_no_consent_record(
    django_capture_on_commit_callbacks,
):
    story = PublishedStoryFactory(consent__email=EMAIL)
    other = PublishedStoryFactory()
    video = story.video.name
    with django_capture_on_commit_callbacks(execute=True):
        erase_personal_data(person=Person.find(EMAIL), reason=ErasureRecord.Reason.SUBJECT_REQUEST)
    assert not ConsentRecord.objects.filter(email__iexact=EMAIL).exists()
    assert Story.objects.get(pk=story.pk).status == Status.WITHDRAWN
    assert not default_storage.exists(video)
    assert Story.objects.get(pk=other.pk).is_published
