"""Site search finds every kind of content by a word from its body, in a constant number of
queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concerns.models import YouSaidWeDid
from mentoring.models import Kind, Programme
from peer_support.models import Topic
from tests.content.factories import ResourceFactory
from tests.mentoring.factories import ProgrammeFactory
from tests.training.factories import CourseFactory, SessionFactory
from training.models import Course, Session
from workstreams import search
from workstreams.models import (
    RESOURCE_SEARCH_FIELDS,
    GoodPractice,
    Page,
    Resource,
    SearchSynonym,
    SearchWord,
    Workstream,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("word", "kind", "title"),
    [
        ("starring", "Workstream", "Content Creation"),  # from how to get involved
        ("incognito", "Page", "Browsing safely"),  # from the page body
        ("non-native", "Resource", "Healthy English"),
        ("reassignment", "Good practice", "Enhanced EDI case-based training"),
    ],
)
def test_search_finds_a_seeded_item_of_each_kind_by_a_word_from_its_body(
    client, seeded, word, kind, title
):
    response = client.get("/search/", {"q": word.upper()})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"({kind})" in html
    assert title in html


# What people type, and the page that must be among the first three results.
RELEVANCE = [
    ("raise a concern", "/concerns/"),
    ("complaint", "/concerns/"),
    ("speak up", "/concerns/"),
    ("whistleblowing", "/concerns/"),
    ("escalate", "/concerns/guidance/"),
    ("helpline", "/support/domestic-abuse/"),
    ("domestic abuse", "/support/domestic-abuse/"),
    ("IMG", "/workstreams/international-medical-graduate-support/"),
    ("international doctors", "/workstreams/international-medical-graduate-support/"),
    ("bystander", "/workstreams/active-bystander-training/"),
    ("upstander", "/workstreams/active-bystander-training/"),
    ("Healthy English", "https://consultationskills.com/"),
    ("consultation skills", "https://consultationskills.com/"),
    ("join", "/join/"),
    ("apply", "/join/"),
    ("vision", "/about/vision-mission-values/"),
    ("anti-racist", "/about/vision-mission-values/"),
    ("oversight group", "/about/structure/"),
    ("quality improvement", "/workstreams/qi-delivery-group/"),
    ("peer support", "/peer-support/"),
    ("privacy", "/privacy/"),
    ("browsing safely", "/support/domestic-abuse/browsing-safely/"),
]


def result_urls(client, query):
    return [result["url"] for result in client.get("/search/", {"q": query}).context["results"]]


@pytest.mark.parametrize(("query", "url"), RELEVANCE)
def test_people_find_each_page_by_their_own_words(client, seeded, query, url):
    assert url in result_urls(client, query)[:3], result_urls(client, query)[:5]


def test_ltft_and_arcp_mean_the_same_as_their_long_forms(client, seeded):
    Page.objects.create(
        section=Page.Section.ABOUT,
        slug="less-than-full-time",
        title="Training less than full time",
        body="Annual review of competence progression for trainees working part time.",
    )
    for query in ["LTFT", "ltft training", "ARCP"]:
        assert "/about/less-than-full-time/" in result_urls(client, query)[:3], query


def test_admins_can_add_words_that_mean_the_same(client, seeded):
    assert "/workstreams/content-creation/" not in result_urls(client, "vlog")
    SearchSynonym.objects.create(terms="vlog, videos")
    assert "/workstreams/content-creation/" in result_urls(client, "vlog")[:3]


def test_a_phrase_of_a_synonym_list_that_uses_a_word_the_list_has_alone_is_not_matched_twice():
    """Whatever matches "active bystander" matches "bystander": the phrase is left out of the
    query, which finds the same pages for less (phrases cost most to match)."""
    SearchSynonym.objects.create(terms="bystander, active bystander, upstander")
    (group,) = search.analyse(search.parse("bystander", SearchSynonym.term_lists()))
    assert "<->" not in group.query()
    assert "'bystand'" in group.query() and "'upstand'" in group.query()
    SearchSynonym.objects.create(terms="racism, racial abuse")
    (group,) = search.analyse(search.parse("racial abuse", SearchSynonym.term_lists()))
    assert "<->" in group.query()  # no word of the phrase stands alone in the list


def test_a_sentence_finds_pages_with_some_of_its_words_and_those_with_more_first(client, seeded):
    Page.objects.create(
        section=Page.Section.ABOUT,
        slug="rotas",
        title="Rotas",
        body="Rotas for trainees working less than full time.",
    )
    Page.objects.create(
        section=Page.Section.ABOUT,
        slug="rota-gaps",
        title="Rota gaps and incognito locums",
        body="When a rota has gaps, trainees cover them.",
    )
    urls = result_urls(client, "who covers rota gaps for trainees")
    assert urls.index("/about/rota-gaps/") < urls.index("/about/rotas/")


def test_a_word_in_a_title_counts_for_more_than_in_the_text(client, db):
    Page.objects.create(
        section=Page.Section.ABOUT, slug="text", title="Belonging", body="Allotments and rotas."
    )
    Page.objects.create(
        section=Page.Section.ABOUT, slug="title", title="Allotments", body="Belonging and rotas."
    )
    assert result_urls(client, "allotments")[:2] == ["/about/title/", "/about/text/"]


def test_words_are_found_by_their_other_forms_misspellings_and_in_quoted_phrases(client, seeded):
    search.refresh_words()

    def finds_the_healthy_english_website(query):
        return "https://consultationskills.com/" in result_urls(client, query)[:3]

    assert finds_the_healthy_english_website("non-native speaker")  # English stemming
    assert finds_the_healthy_english_website("comunication skils")  # misspelt
    assert finds_the_healthy_english_website("communicational")  # "communication" begins it
    assert finds_the_healthy_english_website('"non-native speakers"')
    # A quoted phrase is found only with its words together and in order.
    assert not finds_the_healthy_english_website('"speakers non-native"')


def test_a_word_finds_the_longer_words_it_begins_after_those_it_is(client, db):
    Page.objects.create(section=Page.Section.ABOUT, slug="long", title="Interpreters", body="x")
    Page.objects.create(section=Page.Section.ABOUT, slug="exact", title="Interp", body="x")
    assert result_urls(client, "interp")[:2] == ["/about/exact/", "/about/long/"]


def test_misspellings_are_corrected_to_words_pages_use_once_the_words_are_refreshed(client, db):
    ResourceFactory(title="Rota templates for phlebotomists", url="https://example.org/rota")
    assert "https://example.org/rota" not in result_urls(client, "phlebotomsts")
    search.refresh_words()  # every few minutes, by a periodic task
    assert result_urls(client, "phlebotomsts")[:1] == ["https://example.org/rota"]
    Resource.objects.all().delete()
    search.refresh_words()
    assert not SearchWord.objects.filter(word="phlebotomist").exists()


def test_the_words_of_built_in_pages_and_their_forms_are_found(client, db):
    # From the escalation guidance's template, and from the concern form's answers.
    assert "/concerns/guidance/" in result_urls(client, "dignity at work")[:3]
    assert "/concerns/" in result_urls(client, "pregnancy and maternity")[:3]


def test_hidden_content_is_not_found(client, seeded):
    ProgrammeFactory(name="Allotment buddies", is_published=False)
    CourseFactory(name="Allotment course", is_active=False)
    cancelled = SessionFactory(venue="Allotment hall", status=Session.Status.CANCELLED)
    YouSaidWeDid.objects.create(theme="Allotment themes", you_said="x", we_did="x")  # unpublished
    Workstream.objects.update(is_active=False)
    Resource.objects.update(is_published=False)
    GoodPractice.objects.update(is_published=False)
    hidden = {
        "starring": "Content Creation",
        "non-native": "The 'Healthy English' website",
        "reassignment": "Enhanced EDI case-based training in the North East",
        "allotment": "Allotment",
    }
    for query, title in hidden.items():
        titles = [result["title"] for result in search.search(query)]
        assert not [found for found in titles if found.startswith(title)], query
    assert cancelled.get_absolute_url() not in result_urls(client, "allotment hall")


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
    workstream = Workstream.objects.get(slug=f"allyship-{start}")
    courses = Course.objects.bulk_create(
        Course(
            name=f"Allyship {n}",
            slug=f"allyship-{n}",
            workstream=workstream,
            summary="Allyship",
            description="Allyship",
        )
        for n in range(start, start + count)
    )
    starts = timezone.now() + timedelta(days=7)
    Session.objects.bulk_create(
        Session(
            course=course,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            venue="Allyship hall",
            capacity=10,
        )
        for course in courses
    )
    Topic.objects.bulk_create(
        Topic(name=f"Allyship {n}", slug=f"allyship-{n}") for n in range(start, start + count)
    )
    Programme.objects.bulk_create(
        Programme(
            name=f"Allyship {n}",
            slug=f"allyship-{n}",
            kind=Kind.BUDDY,
            summary="Allyship",
            description="Allyship",
            who_may_mentor="x",
            who_may_be_mentored="x",
        )
        for n in range(start, start + count)
    )
    YouSaidWeDid.objects.bulk_create(
        YouSaidWeDid(
            theme=f"Allyship {n}", you_said="x", we_did="x", published_on=timezone.localdate()
        )
        for n in range(start, start + count)
    )


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "allyship"})
    assert response.status_code == 200
    return len(queries)


def test_search_makes_the_same_number_of_queries_for_5_and_300_items_of_each_kind(client):
    make_content(5)
    search.refresh_words()
    few = count_queries(client)
    make_content(295, start=5)
    search.refresh_words()
    many = count_queries(client)
    # The synonyms, the words' stems and corrections, the entries' state, the ranking and the
    # rows shown; the page cache's version, and the search's count.
    assert few == many, (few, many)
    html = client.get("/search/?q=allyship").content.decode()
    assert "Only the best 30 results are shown" in html


def test_a_fresh_search_makes_the_same_few_queries_whatever_the_kinds_and_rows(client, monkeypatch):
    """One statement ranks every kind and one round trip loads the rows shown, so neither more
    rows nor the kinds other apps register add queries."""
    monkeypatch.setattr(search, "_sources", list(search._sources))
    make_content(5)
    search.refresh_words()
    few = count_queries(client)
    assert len({result["label"] for result in search.search("allyship")}) > 5  # loaded at once
    for n in range(10):
        search.register(
            search.SearchSource(
                label=f"Allyship resource {n}",
                queryset=lambda: Resource.objects.filter(is_published=True),
                fields=RESOURCE_SEARCH_FIELDS,
                summary=lambda resource: resource.description,
                url=lambda resource, n=n: f"/allyship/{n}/{resource.pk}/",
            )
        )
    make_content(295, start=5)
    search.refresh_words()
    many = count_queries(client)
    # The count, sent with the check of whether any kind's entries changed; the page cache's
    # version; the synonyms, the words' stems and corrections, the ranking, the rows shown
    # (pages, resources and mentoring programmes: the page cache has no expiry for them) and
    # keeping them as shown.
    assert few == many == 7, (few, many)


def test_a_page_is_listed_once_even_when_found_twice(client, seeded):
    urls = result_urls(client, "helpline")
    assert len(urls) == len(set(urls))
