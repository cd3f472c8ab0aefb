"""Search ranks one table of entries (SearchEntry): what the public may see of every kind. The
entries must never lag behind the content, however it changes: a form, admin, `update()`, raw
SQL, a deletion, or the time passing for a kind that changes with it."""

import os
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.content.factories import GoodPracticeFactory, ResourceFactory
from tests.training.factories import SessionFactory
from workstreams import search
from workstreams.models import Resource, SearchChange, SearchEntry, SearchShown

pytestmark = pytest.mark.django_db


def titles(query):
    return [result["title"] for result in search.search(query)]


def test_every_table_a_kind_reads_tells_search_when_it_changes():
    """The guard for a new kind of result: every table its query reads (its own, and any it
    joins or filters by) has the trigger that marks a change, installed after migrate."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s", [search.CHANGED]
        )
        marked = {table for (table,) in cursor.fetchall()}
    for kind, (_source, entries) in search._entries().items():
        assert entries.tables, kind
        assert entries.tables <= marked, (kind, entries.tables - marked)


@pytest.mark.parametrize(
    "hide",
    [
        lambda resource: Resource.objects.filter(pk=resource.pk).update(is_published=False),
        lambda resource: resource.delete(),
        lambda resource: _sql("UPDATE workstreams_resource SET is_published = false"),
        lambda resource: _sql("DELETE FROM workstreams_resource"),
    ],
    ids=["update()", "delete()", "SQL update", "SQL delete"],
)
def test_a_result_hidden_by_any_means_is_not_found_by_the_next_search(hide):
    resource = ResourceFactory(title="Zebra crossings toolkit", is_published=True)
    assert titles("zebra") == ["Zebra crossings toolkit"]
    hide(resource)
    assert titles("zebra") == []


def _sql(statement):
    with connection.cursor() as cursor:
        cursor.execute(statement)


def test_a_result_is_shown_as_its_row_is_now_after_any_change():
    item = GoodPracticeFactory(title="Quokka buddy scheme", is_published=True)
    assert titles("quokka") == ["Quokka buddy scheme"]
    # The result shown is kept with its entry...
    entry = SearchEntry.objects.get(key=item.pk, kind__startswith="workstreams.goodpractice")
    assert SearchShown.objects.get(entry=entry.pk).title == "Quokka buddy scheme"
    # ... until the row changes, even where no signal is sent.
    _sql("UPDATE workstreams_goodpractice SET title = 'Quokka mentoring scheme'")
    assert titles("quokka") == ["Quokka mentoring scheme"]
    assert not any("Quokka" in title for title in titles("buddy"))


def test_a_new_result_is_found_by_the_first_search_after_it():
    assert titles("wombat") == []
    ResourceFactory.create_batch(3, title="Wombat welfare guide", is_published=True)
    assert titles("wombat") == ["Wombat welfare guide"] * 3
    assert not SearchChange.objects.exists()  # the changes seen are cleared


def test_a_session_leaves_search_when_it_starts_with_no_write():
    session = SessionFactory(venue="Aardvark House")
    assert [result["url"] for result in search.search("aardvark")] == [session.get_absolute_url()]
    with time_machine.travel(session.starts_at + timedelta(minutes=1)):
        assert search.search("aardvark") == []
    with time_machine.travel(session.starts_at - timedelta(days=1)):
        assert len(search.search("aardvark")) == 1


def test_writing_entries_again_takes_the_same_queries_however_many_kinds_changed():
    def queries_after(*changes):
        for change in changes:
            change()
        with CaptureQueriesContext(connection) as queries:
            search.refresh_entries()
        return len(queries)

    search.refresh_entries()
    one = queries_after(lambda: ResourceFactory(is_published=True))
    many = queries_after(
        lambda: ResourceFactory(is_published=True),
        lambda: GoodPracticeFactory(is_published=True),
        lambda: SessionFactory(),
    )
    assert one == many
    assert queries_after() == 1  # nothing changed: one look


def test_no_two_sources_share_a_kind():
    resources = next(source for source in search._sources if source.label == "Resource")
    with pytest.raises(ValueError, match="registered already"):
        search.register(resources)


def test_a_kind_whose_query_holds_the_time_is_written_again_only_when_its_rows_change():
    """A kind whose query holds the time (upcoming sessions) is looked at again when that time
    moves on, not on every search, and its entries are written again only when its rows
    differ: when a session starts, not every minute."""
    soon = SessionFactory()
    later = SessionFactory(
        starts_at=soon.starts_at + timedelta(days=1), ends_at=soon.ends_at + timedelta(days=1)
    )
    search.refresh_entries()
    with CaptureQueriesContext(connection) as queries:
        search.refresh_entries()
    assert len(queries) == 1

    def entry_ids():
        return set(SearchEntry.objects.values_list("id", flat=True))

    written = entry_ids()
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        with CaptureQueriesContext(connection) as queries:
            search.refresh_entries()
        assert len(queries) > 1  # the sessions' rows compared with their entries
        assert entry_ids() == written
        with CaptureQueriesContext(connection) as queries:
            search.refresh_entries()
        assert len(queries) == 1
    with time_machine.travel(soon.starts_at + timedelta(minutes=1)):
        search.refresh_entries()
        assert entry_ids() != written
        keys = SearchEntry.objects.filter(kind__startswith="training.session")
        assert list(keys.values_list("key", flat=True)) == [later.pk]


def test_entries_written_in_bulk_get_fresh_statistics():
    """With a count of entries the planner believes far from the truth (as after a migrate, or
    content loaded in bulk), PostgreSQL would rank by reading every entry."""
    search.refresh_entries()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE workstreams_searchentry")
    ResourceFactory.create_batch(300, is_published=True)
    search.refresh_entries()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = 'workstreams_searchentry'::regclass"
        )
        assert cursor.fetchone()[0] >= SearchEntry.objects.count() * 0.8


def pending_pages(index):
    """Pages of the GIN index's pending list, merged into its body by asking."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        return cursor.fetchone()[0]


def test_entries_and_words_written_in_bulk_are_merged_into_their_search_indexes():
    """Rows written in bulk wait in a GIN index's pending list, which every search through the
    index reads in full, until (auto)vacuum merges them: search merges them itself."""
    search.refresh_entries()
    ResourceFactory.create_batch(300, is_published=True)
    search.refresh_entries()
    assert pending_pages("search_entry_document") == 0
    search.refresh_words()
    assert pending_pages("searchword_trigram") == 0


def test_a_database_user_that_does_not_own_the_indexes_still_writes_entries():
    """Only an index's owner may merge its pending list: another user leaves it to vacuum."""
    role = f"search_writer_{os.getpid()}"  # roles are the server's, not one database's
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role}")
        cursor.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
        cursor.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}")
        ResourceFactory(title="Allyship toolkit", is_published=True)
        cursor.execute(f"SET ROLE {role}")
        try:
            assert titles("toolkit") == ["Allyship toolkit"]
        finally:
            cursor.execute("RESET ROLE")
    assert pending_pages("search_entry_document") > 0


@pytest.mark.parametrize("query", ["allyship toolkit", "toolkit", "bystander training"])
def test_a_common_word_finds_the_same_results_as_a_rare_one_would(monkeypatch, query):
    """Each kind's first entries are found by walking the kind's order for a common word and by
    the search index for a rare one: the results are the same either way."""
    ResourceFactory.create_batch(45, title="Allyship toolkit", is_published=True)
    GoodPracticeFactory.create_batch(45, title="Bystander training toolkit", is_published=True)
    monkeypatch.setattr(search, "CANDIDATES", 20)
    monkeypatch.setattr(search, "COMMON", 10**9)
    rare = search.search(query)
    monkeypatch.setattr(search, "COMMON", 0)
    assert search.search(query) == rare
    assert len(rare) == search.MAX_RESULTS
