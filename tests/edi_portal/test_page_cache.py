"""Pages kept in the web process (edi_portal/page_cache.py): served again from one query, and
never once what they show has changed, by a write or by the clock."""

import logging
import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from edi_portal import page_cache
from edi_portal.models import TableVersion
from qi_projects.models import Status
from qi_projects.views import GalleryView
from tests.accounts.helpers import sign_in
from tests.content.factories import GoodPracticeFactory, ResourceFactory
from tests.edi_portal.test_query_counts import add_content, public_pages
from tests.factories import UserFactory, WorkstreamFactory
from tests.network.factories import CohortFactory
from tests.network.journey import ABOUT_YOU
from tests.peer_support.factories import ContactRequestFactory, VolunteerProfileFactory
from tests.qi_projects.factories import QIProjectFactory
from tests.training.factories import SessionFactory
from tests.training.test_pages import BOOKING
from training import services
from workstreams.models import Resource, SearchSynonym
from workstreams.views import SearchView

pytestmark = pytest.mark.django_db


def cached_views():
    """Every view class in the URLconf that keeps its pages."""
    found = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "view_class", None)
                if view_class and issubclass(view_class, page_cache.CachedPageMixin):
                    found.add(view_class)

    walk(get_resolver().url_patterns)
    return found


def cached_pages():
    """(path, who asks) for every page measured by the query-count tests that is kept."""
    CohortFactory()
    public = [
        (path, None)
        for path in public_pages()
        if resolve(path.split("?")[0]).func.view_class in cached_views()
    ]
    return [*public, ("/peer-support/", UserFactory())]


def visitor(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return queries


def test_a_page_is_kept_then_served_to_the_next_visitor_from_one_query():
    session = SessionFactory()
    first = Client().get("/training/")
    assert session.course.name in first.text
    queries = queries_for(Client(), "/training/")
    assert len(queries) == 1
    assert Client().get("/training/").content == first.content


def test_every_cached_view_is_among_the_pages_measured():
    measured = {resolve(path.split("?")[0]).func.view_class for path, _ in cached_pages()}
    assert cached_views() - measured == set()


def test_every_table_a_cached_page_reads_is_watched():
    add_content(2)
    watched = set(page_cache.watched_tables())
    # What every signed-in request reads, before the version: the session, the user and the
    # access check. The page itself never shows them.
    per_visitor = {"django_session", "network_user", "account_emailaddress"}
    for path, user in cached_pages():
        queries = queries_for(visitor(user), path)
        tables = {
            table
            for query in queries
            for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])
        }
        derived = page_cache.derived_tables()
        assert tables - watched - per_visitor - derived - {TableVersion._meta.db_table} == set(), (
            path
        )


def test_cached_pages_make_the_same_queries_with_a_little_and_more_data():
    # At a fixed moment: search writes upcoming sessions' entries again when a new minute
    # starts, which would add queries to whichever visit came first in it.
    with time_machine.travel(timezone.now(), tick=False):
        add_content(2)
        pages = cached_pages()
        few = {path: len(queries_for(visitor(user), path)) for path, user in pages}
        hits = {path: len(queries_for(visitor(user), path)) for path, user in pages}
        # The version; a signed-in trainee's session, user and verified address come first. A
        # search first checks that the entries it ranks are those of now (SearchKind, SearchChange)
        # and is counted (its words, for editors: SearchRecord), in one round trip, kept or not.
        assert hits == {
            path: (1 if user is None else 4) + path.startswith("/search/") for path, user in pages
        }
        add_content(8)
        # A kept page found out of date costs no more queries than a first render; a page that
        # reads none of the tables written is still served as kept. Search reads the time limits
        # (the page cache's expiries) of the kinds it shows, and with more rows of every kind it
        # shows fewer kinds.
        search = "/search/?q=bystander"
        after = {path: len(queries_for(visitor(user), path)) for path, user in pages}
        assert all(after[path] in (few[path], hits[path]) for path in after if path != search), (
            after
        )
        assert hits[search] < after[search] <= few[search]
        assert after["/resources/"] == few["/resources/"]
        assert {path: len(queries_for(visitor(user), path)) for path, user in pages} == hits
        page_cache.kept_pages.clear()
        again = {path: len(queries_for(visitor(user), path)) for path, user in pages}
        assert again.pop(search) <= few.pop(search)
        assert again == few


def test_each_trainee_sees_the_kept_directory_with_their_own_email_and_token():
    VolunteerProfileFactory(display_name="Dr Chidi Eze")
    first, second = UserFactory(email="first@nhs.net"), UserFactory(email="second@nhs.net")
    assert "first@nhs.net" in visitor(first).get("/peer-support/").text
    trainee = Client(enforce_csrf_checks=True)
    trainee.force_login(second)
    page = trainee.get("/peer-support/").text
    assert "Dr Chidi Eze" in page
    assert "second@nhs.net" in page
    assert "first@nhs.net" not in page
    assert page_cache.ACCOUNT_PLACEHOLDER not in page
    [kept] = page_cache.kept_pages.contents()
    assert "first@nhs.net" not in kept
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    assert trainee.post("/accounts/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert "_auth_user_id" not in trainee.session


def test_a_message_waiting_is_shown_to_its_trainee_and_never_kept():
    VolunteerProfileFactory()
    visitor(UserFactory()).get("/peer-support/")  # kept
    trainee = Client()
    sign_in(trainee, UserFactory())  # "You have signed in", waiting in a cookie
    first = trainee.get("/peer-support/").text
    assert "nhsuk-notification-banner" in first
    # Shown once; the emptied cookie the test client keeps sending counts as no message.
    assert "nhsuk-notification-banner" not in trainee.get("/peer-support/").text
    assert all("nhsuk-notification-banner" not in kept for kept in page_cache.kept_pages.contents())
    with CaptureQueriesContext(connection) as queries:
        trainee.get("/peer-support/")
    assert len(queries) == 4  # session, user, verified address, version: the kept page


def test_the_kept_directory_is_still_refused_to_those_who_may_not_see_it():
    visitor(UserFactory()).get("/peer-support/")
    assert Client().get("/peer-support/").status_code == 302  # to sign in
    assert (
        visitor(UserFactory(email="someone@example.com")).get("/peer-support/").status_code == 403
    )


def test_a_volunteer_at_their_monthly_limit_shows_at_once_as_not_taking_requests():
    profile = VolunteerProfileFactory(monthly_request_limit=1)
    trainee = visitor(UserFactory())
    assert "Not taking new requests" not in trainee.get("/peer-support/").text
    ContactRequestFactory(profile=profile)
    assert "Not taking new requests" in trainee.get("/peer-support/").text


def test_a_process_keeps_at_most_its_number_of_pages(settings):
    settings.PAGE_CACHE_PAGES = 2
    for path in ("/training/", "/resources/", "/good-practice/"):
        Client().get(path)
    assert len(page_cache.kept_pages.contents()) == 2


def test_a_booking_shows_at_once_on_the_kept_session_page_and_list():
    session = SessionFactory(capacity=2)
    assert "2 of 2" in Client().get(session.get_absolute_url()).text
    assert "2 of 2" in Client().get("/training/").text
    services.book_place(session_id=session.pk, **{**BOOKING, "consent": True})
    assert "1 of 2" in Client().get(session.get_absolute_url()).text
    assert "1 of 2" in Client().get("/training/").text


def test_a_kept_page_gives_each_visitor_a_csrf_token_that_works():
    session = SessionFactory()
    Client().get(session.get_absolute_url())  # kept
    [kept] = page_cache.kept_pages.contents()
    assert page_cache.CSRF_PLACEHOLDER in kept
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(session.get_absolute_url())
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    assert token != page_cache.CSRF_PLACEHOLDER
    booked = visitor.post(session.get_absolute_url(), {**BOOKING, "csrfmiddlewaretoken": token})
    assert booked.status_code == 302
    assert session.bookings.get().email == BOOKING["email"]


def test_an_edit_in_admin_a_bulk_update_and_a_new_row_are_each_shown_at_once():
    resource = ResourceFactory(title="Allyship toolkit")
    assert "Allyship toolkit" in Client().get("/resources/").text
    Resource.objects.filter(pk=resource.pk).update(title="Allyship toolkit, second edition")
    assert "second edition" in Client().get("/resources/").text
    GoodPracticeFactory(title="Reverse mentoring in Bolton")
    assert "Reverse mentoring in Bolton" in Client().get("/good-practice/").text
    project = QIProjectFactory(title="Inclusive rota design", status=Status.SUBMITTED)
    assert "Inclusive rota design" not in Client().get("/qi-projects/").text
    project.status = Status.PUBLISHED
    project.published_at = timezone.now()
    project.save()
    assert "Inclusive rota design" in Client().get("/qi-projects/").text


def test_a_lead_added_to_a_workstream_shows_on_its_kept_page():
    workstream = WorkstreamFactory()
    Client().get(workstream.get_absolute_url())
    workstream.leads.create(name="Dr Sam Patel", role="Workstream lead")
    assert "Dr Sam Patel" in Client().get(workstream.get_absolute_url()).text


def test_a_kept_page_changes_when_booking_closes_and_when_the_session_starts():
    now = timezone.now().replace(microsecond=0)
    session = SessionFactory(
        starts_at=now + timedelta(days=2), booking_closes_at=now + timedelta(days=1)
    )
    with time_machine.travel(now, tick=False):
        assert "Book a place" in Client().get(session.get_absolute_url()).text
        assert session.get_absolute_url() in Client().get("/training/").text
    with time_machine.travel(now + timedelta(days=1, seconds=1), tick=False):
        assert "Booking for this session has closed" in (
            Client().get(session.get_absolute_url()).text
        )
        assert "Booking closed" in Client().get("/training/").text
    with time_machine.travel(now + timedelta(days=2, seconds=1), tick=False):
        assert "already taken place" in Client().get(session.get_absolute_url()).text
        assert session.get_absolute_url() not in Client().get("/training/").text


def test_the_join_questions_close_with_the_cohort():
    cohort = CohortFactory()
    with time_machine.travel(timezone.now(), tick=False):
        assert Client().get("/join/about-you/").status_code == 200
    with time_machine.travel(cohort.applications_close + timedelta(seconds=1), tick=False):
        assert Client().get("/join/about-you/").status_code == 302


def test_a_visitor_with_answers_in_progress_sees_their_own_answers_not_the_kept_page():
    CohortFactory()
    Client().get("/join/about-you/")  # kept, empty
    applicant = Client()
    applicant.get("/join/about-you/")
    assert applicant.post("/join/about-you/", ABOUT_YOU).status_code == 302
    again = applicant.get("/join/about-you/")
    assert f'value="{ABOUT_YOU["full_name"]}"' in again.text
    assert ABOUT_YOU["full_name"] not in Client().get("/join/about-you/").text


def test_a_signed_in_visitor_is_never_served_a_kept_page(client):
    SessionFactory()
    Client().get("/training/")
    user = UserFactory()
    client.force_login(user)
    assert "Sign out" in client.get("/training/").text


def test_pages_that_answer_with_an_error_are_not_kept():
    ResourceFactory(title="Allyship toolkit")
    assert Client().get("/resources/?category=nonsense").status_code == 400
    assert Client().get("/qi-projects/?page=9999").status_code == 404
    assert page_cache.kept_pages.contents() == []
    Client().get("/resources/")
    [kept] = page_cache.kept_pages.contents()
    assert "Allyship toolkit" in kept


def test_text_people_typed_that_looks_like_a_placeholder_is_shown_as_typed():
    typed = f"{page_cache.CSRF_PLACEHOLDER} {page_cache.ACCOUNT_PLACEHOLDER}"
    VolunteerProfileFactory(bio=f"Ask me anything {typed}")
    visitor(UserFactory(email="first@nhs.net")).get("/peer-support/")  # kept
    page = visitor(UserFactory(email="second@nhs.net")).get("/peer-support/").text
    assert "Ask me anything &lt;csrf-token&gt; &lt;account-email&gt;" in page
    Client().get(f"/search/?q={typed}")  # kept
    page = Client().get(f"/search/?q={typed}").text
    assert "&lt;csrf-token&gt; &lt;account-email&gt;" in page


def test_a_trainee_asking_for_a_page_past_the_end_gets_the_404_page_with_their_own_address():
    VolunteerProfileFactory()
    response = visitor(UserFactory(email="second@nhs.net")).get("/peer-support/?page=99")
    assert response.status_code == 404
    assert "second@nhs.net" in response.text
    assert page_cache.ACCOUNT_PLACEHOLDER not in response.text


def test_a_table_gets_a_new_token_when_a_transaction_commits_and_on_truncate(transactional_db):
    resources = ResourceFactory.create_batch(3)
    table, synonyms = Resource._meta.db_table, SearchSynonym._meta.db_table
    before = page_cache.versions([table, synonyms])
    with transaction.atomic():
        Resource.objects.filter(pk__in=[r.pk for r in resources]).update(title="Renamed")
        ResourceFactory()
        assert page_cache.versions([table]) == {table: before[table]}  # not until the commit
    after = page_cache.versions([table, synonyms])
    assert after[table] != before[table]
    assert after[synonyms] == before[synonyms]  # only the tables written
    Client().get("/resources/")
    Resource.objects.update(title="Renamed again")
    assert "Renamed again" in Client().get("/resources/").text
    SearchSynonym.objects.create(terms="ally, upstander")
    Client().get("/search/?q=ally")
    changed = page_cache.versions([synonyms])[synonyms]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {synonyms}")
    assert page_cache.versions([synonyms])[synonyms] not in (changed, None)


# Invalidation by what a page read, one render shared through Redis, and what makes a key.


def served(path):
    """ "hit" or "miss": whether the page came from the page cache."""
    response = Client().get(path)
    assert response.status_code == 200, path
    return response[page_cache.HEADER]


def shared_keys():
    """The page cache's keys in Redis."""
    cache = caches[page_cache.CACHE_ALIAS]
    return list(cache._cache.get_client().scan_iter(match=cache.make_key("*")))


def test_a_booking_refreshes_the_training_pages_and_leaves_unrelated_kept_pages_in_place():
    session = SessionFactory(capacity=2, course__name="Active bystander training")
    QIProjectFactory(status=Status.PUBLISHED, published_at=timezone.now())
    ResourceFactory(title="Allyship toolkit")
    GoodPracticeFactory()
    unrelated = ["/qi-projects/", "/resources/", "/good-practice/", "/search/?q=allyship"]
    showing_places = ["/training/", session.get_absolute_url()]
    for path in unrelated + showing_places:
        assert served(path) == "miss"
        assert served(path) == "hit"
    services.book_place(session_id=session.pk, **{**BOOKING, "consent": True})
    assert [served(path) for path in unrelated] == ["hit"] * len(unrelated)
    for path in showing_places:
        response = Client().get(path)
        assert response[page_cache.HEADER] == "miss"
        assert "1 of 2" in response.text


def test_each_kept_page_records_the_tables_it_read():
    session = SessionFactory()
    QIProjectFactory(status=Status.PUBLISHED, published_at=timezone.now())
    served(session.get_absolute_url())
    served("/qi-projects/")
    session_page, gallery = [page for page, _ in page_cache.kept_pages.local._pages.values()]
    assert {"training_session", "training_booking", "training_course"} <= set(session_page.tables)
    assert "qi_projects_qiproject" in gallery.tables
    assert not {"training_session", "training_booking"} & set(gallery.tables)


def test_a_page_rendered_by_one_process_is_served_by_the_others_from_redis():
    session = SessionFactory()
    first = Client().get("/training/")
    assert first[page_cache.HEADER] == "miss"
    assert len(shared_keys()) == 1
    page_cache.kept_pages.local.clear()  # as another worker or node sees it: nothing of its own
    queries = queries_for(Client(), "/training/")
    assert len(queries) == 1  # the tokens of the tables the page read; no render
    again = Client().get("/training/")
    assert again[page_cache.HEADER] == "hit"
    assert again.content == first.content
    # A page kept in Redis from before a change is never served.
    services.book_place(session_id=session.pk, **{**BOOKING, "consent": True})
    page_cache.kept_pages.local.clear()
    assert served("/training/") == "miss"


def test_another_process_serves_the_page_this_one_rendered(transactional_db):
    SessionFactory(course__name="Cultural humility in practice")
    assert served("/training/") == "miss"
    program = (
        "from django.test import Client\n"
        "from django.db import connection\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "with CaptureQueriesContext(connection) as queries:\n"
        "    response = Client().get('/training/')\n"
        'print(response["X-Page-Cache"], len(queries),'
        " 'Cultural humility in practice' in response.text)\n"
    )
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}",
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", program],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split()[-3:] == ["hit", "1", "True"], result.stderr


def test_query_parameters_a_page_does_not_read_are_not_kept(settings):
    settings.PAGE_CACHE_PAGES = 2
    SessionFactory()
    assert served("/training/") == "miss"
    for number in range(50):
        assert served(f"/training/?x={number}") == "miss"
        assert served(f"/training/?format=online&utm_source={number}") == "miss"
    assert served("/training/") == "hit"
    assert len(page_cache.kept_pages.contents()) == 1
    assert len(shared_keys()) == 1


def test_the_parameters_a_page_reads_make_one_key_in_any_order():
    QIProjectFactory(status=Status.PUBLISHED, published_at=timezone.now())
    assert served("/qi-projects/?stage=completed&q=bystander") == "miss"
    assert served("/qi-projects/?q=bystander&stage=completed") == "hit"
    assert served("/search/?q=ally") == "miss"
    assert served("/search/?q=ally") == "hit"
    assert served("/search/?q=ally&page=2") == "miss"  # search has no pages
    assert SearchView.get_page_parameters() == {"q"}
    assert GalleryView.get_page_parameters() == {
        "q",
        "academic_year",
        "theme",
        "edi_focus",
        "specialty",
        "stage",
        "page",
    }


def test_typed_searches_are_kept_in_the_process_only_never_in_redis(settings):
    """A flood of distinct searches stays within each process's bounded copy: the Redis the
    broker may share holds only pages whose addresses the portal itself makes."""
    settings.PAGE_CACHE_PAGES = 5
    QIProjectFactory(status=Status.PUBLISHED, published_at=timezone.now())
    assert served("/qi-projects/?stage=completed") == "miss"
    for number in range(20):
        assert served(f"/search/?q=ally{number}") == "miss"
        assert served(f"/qi-projects/?q=word{number}") == "miss"
    assert served("/search/?q=ally19") == "hit"
    assert served("/qi-projects/?q=word19") == "hit"
    assert len(shared_keys()) == 1  # the gallery's stage filter, a link the portal makes
    assert len(page_cache.kept_pages.contents()) == 5


def test_with_redis_down_pages_are_rendered_afresh_and_a_warning_logged(settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        page_cache.CACHE_ALIAS: {
            **settings.CACHES[page_cache.CACHE_ALIAS],
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
        },
    }
    session = SessionFactory(capacity=2)
    with caplog.at_level(logging.WARNING, logger="edi_portal.page_cache"):
        response = Client().get("/training/")
    assert response.status_code == 200
    assert response[page_cache.HEADER] == "miss"
    assert session.course.name in response.text
    assert "Redis did not answer" in caplog.text
    # The process's own copy still serves, checked against the database.
    assert served("/training/") == "hit"
    services.book_place(session_id=session.pk, **{**BOOKING, "consent": True})
    assert "1 of 2" in Client().get("/training/").text


def test_every_page_is_rendered_every_time_with_no_seconds_to_keep_it(settings):
    settings.PAGE_CACHE_SECONDS = 0
    SessionFactory()
    assert [served("/training/") for _ in range(3)] == ["miss"] * 3
    assert page_cache.kept_pages.contents() == []


def test_a_moment_in_training_expires_the_training_pages_not_the_gallery():
    now = timezone.now().replace(microsecond=0)
    SessionFactory(starts_at=now + timedelta(days=2), booking_closes_at=now + timedelta(minutes=10))
    QIProjectFactory(status=Status.PUBLISHED, published_at=now - timedelta(days=1))
    with time_machine.travel(now, tick=False):
        assert [served("/training/"), served("/qi-projects/")] == ["miss", "miss"]
    with time_machine.travel(now + timedelta(minutes=10, seconds=1), tick=False):
        assert [served("/training/"), served("/qi-projects/")] == ["miss", "hit"]


def test_a_page_that_read_a_table_no_trigger_watches_is_not_kept(monkeypatch, caplog):
    SessionFactory()
    watched = [table for table in page_cache.watched_tables() if table != "training_booking"]
    monkeypatch.setattr(page_cache, "watched_tables", lambda: watched)
    with caplog.at_level(logging.WARNING, logger="edi_portal.page_cache"):
        assert [served("/training/"), served("/training/")] == ["miss", "miss"]
    assert "read tables no trigger watches (training_booking)" in caplog.text
    assert served("/qi-projects/") == "miss"
    assert served("/qi-projects/") == "hit"
