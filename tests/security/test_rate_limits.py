"""The portal's rate limits: an exact window, an atomic count, the right client address behind a
proxy (and never a forged one), per account for signed-in people, and allauth on the same address.

The concern form is the example: five an hour (concerns/views.py)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import time_machine
from allauth.account.adapter import get_adapter
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import timezone

from concerns.models import Concern
from concerns.views import RaiseConcernView
from edi_portal import ratelimit
from edi_portal.models import RateLimitCounter
from edi_portal.tasks import delete_expired_rate_limit_counters
from tests.concerns.factories import CONCERN_CHOICES
from tests.factories import UserFactory

LIMIT = ratelimit.parse_rate(RaiseConcernView.rate_limit)[0]
HOUR = ratelimit.parse_rate(RaiseConcernView.rate_limit)[1]
PROXY = "10.0.0.2"


def post_concern(client, number=0, **headers):
    return client.post(
        "/concerns/",
        {**CONCERN_CHOICES, "details": f"Concern number {number}"},
        **headers,
    )


def fill_the_limit(client, **headers):
    for number in range(LIMIT):
        assert post_concern(client, number, **headers).status_code == 302


@pytest.mark.django_db
def test_the_window_is_exactly_the_period_from_the_first_post(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        fill_the_limit(client)
        assert post_concern(client).status_code == 429
        # The database cache renewed a counter's expiry on every post: 5 minutes of quiet
        # reopened the form. The window now ends an hour after the first post, whatever follows.
        traveller.move_to(start + timedelta(seconds=305))
        assert post_concern(client).status_code == 429
        traveller.move_to(start + timedelta(seconds=HOUR - 1))
        assert post_concern(client).status_code == 429
        traveller.move_to(start + timedelta(seconds=HOUR))
        assert post_concern(client, 99).status_code == 302
    assert Concern.objects.count() == LIMIT + 1


SIMULTANEOUS = 20


def post_at_once(barrier, number):
    try:
        barrier.wait()
        return post_concern(Client(), number).status_code
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_posts_each_count():
    barrier = threading.Barrier(SIMULTANEOUS)
    with ThreadPoolExecutor(max_workers=SIMULTANEOUS) as pool:
        statuses = list(pool.map(lambda n: post_at_once(barrier, n), range(SIMULTANEOUS)))
    assert sorted(statuses) == [302] * LIMIT + [429] * (SIMULTANEOUS - LIMIT)
    assert Concern.objects.count() == LIMIT
    assert RateLimitCounter.objects.get().count == SIMULTANEOUS


@pytest.mark.django_db
def test_a_forwarded_for_header_is_ignored_without_trusted_proxies(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(LIMIT):
        forged = {"HTTP_X_FORWARDED_FOR": f"198.51.100.{number}"}
        assert post_concern(client, number, **forged).status_code == 302
    forged = {"HTTP_X_FORWARDED_FOR": "198.51.100.200"}
    assert post_concern(client, **forged).status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_visitor_has_their_own_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    visitor = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    fill_the_limit(client, **visitor)
    assert post_concern(client, **visitor).status_code == 429
    # What the visitor sends first is theirs to forge; the proxy's own entry comes last.
    forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7, 203.0.113.5"}
    assert post_concern(client, **forged).status_code == 429
    someone_else = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.6"}
    assert post_concern(Client(), 42, **someone_else).status_code == 302


@pytest.mark.django_db
def test_behind_two_trusted_proxies_the_outer_one_names_the_visitor(client, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.5, 10.0.0.1"
    )
    assert ratelimit.client_address(request) == "203.0.113.5"


@pytest.mark.parametrize(
    "forwarded",
    ["", "not-an-address", "10.0.0.1", "unknown, 10.0.0.1"],
)
def test_a_header_the_proxies_did_not_write_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert ratelimit.client_address(request) == PROXY


@pytest.mark.django_db
def test_an_ipv6_visitor_is_counted_by_their_64_network(client):
    for number in range(LIMIT):
        address = {"REMOTE_ADDR": f"2001:db8:1:2::{number + 1:x}"}
        assert post_concern(client, number, **address).status_code == 302
    assert post_concern(client, **{"REMOTE_ADDR": "2001:db8:1:2:ffff::1"}).status_code == 429
    assert post_concern(Client(), **{"REMOTE_ADDR": "2001:db8:1:3::1"}).status_code == 302


@pytest.mark.django_db
def test_a_signed_in_person_is_counted_per_account_from_any_address(client):
    client.force_login(UserFactory())
    for number in range(LIMIT):
        assert post_concern(client, number, REMOTE_ADDR=f"192.0.2.{number}").status_code == 302
    assert post_concern(client, REMOTE_ADDR="192.0.2.200").status_code == 429
    # Someone else at an address the account used is still counted on that address alone.
    other = Client()
    other.force_login(UserFactory())
    assert post_concern(other, REMOTE_ADDR="192.0.2.200").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(("proxies", "other_visitor_status"), [(1, 200), (0, 429)])
def test_allauth_counts_the_same_client_address(settings, proxies, other_visitor_status):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip"}
    visitor = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    request = RequestFactory().get("/", **visitor)
    assert get_adapter(request).get_client_ip(request) == ratelimit.client_address(request)
    credentials = {"login": "someone@nhs.net", "password": "wrong"}
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", credentials, **visitor)
    assert client.post("/accounts/login/", credentials, **visitor).status_code == 429
    someone_else = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.6"}
    response = Client().post("/accounts/login/", credentials, **someone_else)
    assert response.status_code == other_visitor_status


@pytest.mark.django_db
def test_counters_are_deleted_once_their_window_ends(client, settings):
    post_concern(client)
    assert RateLimitCounter.objects.count() == 1
    delete_expired_rate_limit_counters()
    assert RateLimitCounter.objects.count() == 1
    with time_machine.travel(timezone.now() + timedelta(seconds=HOUR)):
        assert delete_expired_rate_limit_counters() == 1
    assert not RateLimitCounter.objects.exists()
    schedule = settings.CELERY_BEAT_SCHEDULE["delete-expired-rate-limit-counters"]
    assert schedule["task"] == "edi_portal.tasks.delete_expired_rate_limit_counters"
