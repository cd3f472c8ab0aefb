"""The stored search vector is what search would build from each model's own search fields: the
migration's trigger holds its own copy of the field list, so the two must not drift apart."""

import operator
from functools import reduce

import pytest
from django.contrib.postgres.search import SearchVector

from edi_portal.fulltext import CONFIG, DOCUMENT, WEIGHTS
from tests.content.factories import GoodPracticeFactory, PageFactory, ResourceFactory
from tests.factories import WorkstreamFactory
from tests.qi_projects.factories import PublishedProjectFactory
from tests.stories.factories import PublishedStoryFactory
from workstreams import search

pytestmark = pytest.mark.django_db

FACTORIES = {
    "Workstream": WorkstreamFactory,
    "Page": PageFactory,
    "Resource": ResourceFactory,
    "Good practice": GoodPracticeFactory,
    "QI project": PublishedProjectFactory,
    "Story": PublishedStoryFactory,
}


def stored_and_expected(obj, fields):
    expected = reduce(
        operator.add,
        (
            SearchVector(field, weight=WEIGHTS[min(index, len(WEIGHTS) - 1)], config=CONFIG)
            for index, field in enumerate(fields)
        ),
    )
    return (
        type(obj)
        .objects.filter(pk=obj.pk)
        .annotate(expected=expected)
        .values_list(DOCUMENT, "expected")
        .get()
    )


def test_every_search_source_has_a_factory_here():
    assert {source.label for source in search._sources} == set(FACTORIES)


@pytest.mark.parametrize("source", search._sources, ids=lambda source: source.label)
def test_the_stored_vector_matches_the_search_fields_when_written_and_after_an_edit(source):
    obj = FACTORIES[source.label]()
    stored, expected = stored_and_expected(obj, source.fields)
    assert stored and stored == expected

    setattr(obj, source.fields[-1], "Inclusive recruitment panels")  # the least weighted field
    obj.save()
    stored, expected = stored_and_expected(obj, source.fields)
    assert "'recruit'" in stored
    assert stored == expected
