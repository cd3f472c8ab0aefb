"""Site search finds every kind of content by a word from its body, in a constant number of
queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workstreams.models import GoodPractice, Page, Resource, Workstream

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("word", "kind", "title"),
    [
        ("starring", "Workstreams", "Content Creation"),  # from how to get involved
        ("incognito", "Pages", "Browsing safely"),  # from the page body
        ("non-native", "Resources", "Healthy English"),
        ("reassignment", "Good practice", "Enhanced EDI case-based training"),
    ],
)
def test_search_finds_a_seeded_item_of_each_kind_by_a_word_from_its_body(
    client, seeded, word, kind, title
):
    response = client.get("/search/", {"q": word.upper()})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h3>{kind}</h3>" in html
    assert title in html


def test_every_word_must_match(client, seeded):
    html = client.get("/search/", {"q": "incognito starring"}).content.decode()
    assert "No results for" in html


def test_hidden_content_is_not_found(client, seeded):
    Workstream.objects.update(is_active=False)
    Resource.objects.update(is_published=False)
    GoodPractice.objects.update(is_published=False)
    for word in ["starring", "non-native", "reassignment"]:
        assert "No results for" in client.get("/search/", {"q": word}).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "<script>alert(1)</script>",
        "x" * 5000,
        "%",
        "_",
        "' OR 1=1 --",
        "\\",
        "nul\x00byte",
    ],
)
def test_odd_searches_answer_without_error(client, seeded, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_long_search_says_it_was_shortened(client):
    html = client.get("/search/", {"q": "x" * 300}).content.decode()
    assert "Only the first 200 characters" in html


def make_content(count, start=0):
    Workstream.objects.bulk_create(
        Workstream(name=f"Allyship {n}", slug=f"allyship-{n}", summary="Allyship work")
        for n in range(start, start + count)
    )
    Page.objects.bulk_create(
        Page(section=Page.Section.ABOUT, slug=f"allyship-{n}", title="Allyship", body="allyship")
        for n in range(start, start + count)
    )
    Resource.objects.bulk_create(
        Resource(
            title=f"Allyship {n}", category=Resource.Category.EDI, url=f"https://example.org/{n}"
        )
        for n in range(start, start + count)
    )
    GoodPractice.objects.bulk_create(
        GoodPractice(
            title=f"Allyship {n}",
            slug=f"allyship-{n}",
            theme=GoodPractice.Theme.FORUMS,
            region="north-west",
            organisation="Trust",
            summary="Allyship",
            what_was_done="x",
            benefits="x",
            lessons_learned="x",
            contact_name="x",
        )
        for n in range(start, start + count)
    )


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "allyship"})
    assert response.status_code == 200
    return len(queries)


def test_search_makes_the_same_number_of_queries_for_5_and_300_items(client):
    make_content(5)
    few = count_queries(client)
    make_content(295, start=5)
    many = count_queries(client)
    assert few == many, (few, many)
    assert "Only the first results are shown" in client.get("/search/?q=allyship").content.decode()
