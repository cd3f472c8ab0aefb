import io

import pytest

from qi_projects import seed
from qi_projects.models import QIConference, QIProject

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_fills_the_gallery_and_conference(client):
    seed.run(io.StringIO())
    seed.run(io.StringIO())
    assert QIProject.objects.published().count() == 5
    assert QIConference.objects.count() == 1
    content = client.get("/qi-projects/").content.decode()
    for title in ["Webpages for the EDI group", "Support for deaf trainees"]:
        assert title in content
    conference = client.get("/qi-projects/conference/").content.decode()
    assert "QI Project Conference" in conference
