"""The stored search vector is what search would build from each model's own search fields: the
migration's trigger holds its own copy of the field list, so the two must not drift apart."""

import dataclasses
import re

import pytest
from django.utils import timezone

from concerns.models import YouSaidWeDid
from tests.content.factories import GoodPracticeFactory, PageFactory, ResourceFactory
from tests.factories import WorkstreamFactory
from tests.mentoring.factories import ProgrammeFactory
from tests.opportunities.factories import OpportunityFactory
from tests.peer_support.factories import TopicFactory
from tests.qi_projects.factories import PublishedProjectFactory
from tests.stories.factories import PublishedStoryFactory
from tests.training.factories import CourseFactory, SessionFactory
from workstreams import search
from workstreams.models import BuiltInPage

pytestmark = pytest.mark.django_db


def you_said_we_did():
    return YouSaidWeDid.objects.create(
        theme="Rotas",
        you_said="Rotas came late.",
        we_did="We asked.",
        published_on=timezone.localdate(),
    )


FACTORIES = {
    "Page": PageFactory,
    "Workstream": WorkstreamFactory,
    "Resource": ResourceFactory,
    "Good practice": GoodPracticeFactory,
    "QI project": PublishedProjectFactory,
    "Training course": CourseFactory,
    "Training session": SessionFactory,
    "Peer support": TopicFactory,
    "Mentoring": ProgrammeFactory,
    "You said, we did": you_said_we_did,
    "Story": PublishedStoryFactory,
    "Opportunity": OpportunityFactory,
}
STORED = [source for source in search._sources if source.stored]


def weights_of(vector):
    """{lexeme: weights} of a tsvector's text: where each word is and how it weighs, leaving out
    its positions (a related row's words, added to a stored vector, come after it)."""
    return {
        lexeme: sorted(re.findall(r"[A-D]", places) or ["D"])
        for lexeme, places in re.findall(r"'((?:[^']|'')*)'(?::([0-9A-D,]+))?", vector)
    }


def stored_and_expected(obj, source):
    """The vector search reads (the stored column, with any related rows' titles) and the one
    it would compute in the query from the source's fields."""
    computed = dataclasses.replace(source, stored=False, related_titles=())
    stored, expected = (
        type(obj)
        .objects.filter(pk=obj.pk)
        .annotate(read=source.document(), expected=computed.document())
        .values_list("read", "expected")
        .get()
    )
    assert stored
    return stored, expected


def test_every_search_source_has_a_factory_here():
    assert {source.label for source in search._sources} == set(FACTORIES)


@pytest.mark.parametrize("source", STORED, ids=lambda source: source.queryset().model.__name__)
def test_the_stored_vector_matches_the_search_fields_when_written_and_after_an_edit(source):
    model = source.queryset().model
    obj = BuiltInPage.objects.first() if model is BuiltInPage else FACTORIES[source.label]()
    assert isinstance(obj, model)
    stored, expected = stored_and_expected(obj, source)
    assert weights_of(stored) == weights_of(expected)

    setattr(obj, source.fields[-1], "Inclusive recruitment panels")  # the least weighted field
    obj.save()
    stored, expected = stored_and_expected(obj, source)
    assert "'recruit'" in stored
    assert weights_of(stored) == weights_of(expected)
    if not source.related_titles:  # its own fields only: the same vector, positions included
        assert stored == expected


@pytest.mark.parametrize("source", search._sources, ids=lambda source: source.label)
def test_each_kind_is_found_by_a_word_of_its_least_weighted_field(source):
    model = source.queryset().model
    obj = BuiltInPage.objects.first() if model is BuiltInPage else FACTORIES[source.label]()
    field = source.fields[-1]
    if "__" in field:  # a field of a related row
        related, field = field.split("__")
        obj = getattr(obj, related)
    setattr(obj, field, "Phlebotomists' rotas")
    obj.save()
    search.refresh_words()
    assert any(result["label"] == source.label for result in search.search("phlebotomists"))
