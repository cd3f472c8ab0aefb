"""Rate limits, counted in the database (no Redis needed), in two kinds of view:

- a form (RateLimitedFormMixin): each valid submission counts, which stops a script flooding it;
- a page reached by a secret in its address, a link's token or a code (SecretLinkMixin): only
  failures count, a wrong or expired secret. A right one is always served, whatever the count,
  so people who share one hospital's address never lock each other out of their own links.

Each client gets a window of exactly the rate's period from its first counted use, counted with
one atomic upsert (INSERT ... ON CONFLICT DO UPDATE ... RETURNING, which PostgreSQL and SQLite
3.35+ both run), so simultaneous requests each get their own count and none slips over the
limit. A signed-in person is counted per account as well as per address. Once over the limit,
the person is told how long they must really wait: the rest of that window.
"""

import hashlib
import ipaddress
import math
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from .models import RateLimitCounter

# IPv6 gives one person a whole /64: count the network, or each address would get its own limit.
IPV6_PREFIX = 64


def parse_rate(rate):
    """'10/h' -> (10, 3600). Periods: s, m, h, d."""
    count, _, period = rate.partition("/")
    return int(count), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period]


def client_address(request):
    """The visitor's address. Behind TRUSTED_PROXY_COUNT proxies it is the entry in
    X-Forwarded-For that the outermost of them added (each proxy appends the address it was
    reached from); without trusted proxies the header is ignored, since any client can send it.
    allauth's rate limits use this too (edi_portal.adapters)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= proxies:
            try:
                return str(ipaddress.ip_address(forwarded[-proxies].strip()))
            except ValueError:
                pass  # not an address: the proxies are not the ones configured
    return request.META.get("REMOTE_ADDR", "")


def _address_key(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return f"address:{address}"
    if ip.version == 6:
        return f"address:{ipaddress.ip_network(f'{ip}/{IPV6_PREFIX}', strict=False)}"
    return f"address:{ip}"


UPSERT = """
INSERT INTO {table} (digest, count, window_ends_at) VALUES (%s, 1, %s)
ON CONFLICT (digest) DO UPDATE SET
    count = CASE WHEN {table}.window_ends_at <= %s THEN 1 ELSE {table}.count + 1 END,
    window_ends_at = CASE WHEN {table}.window_ends_at <= %s
        THEN excluded.window_ends_at ELSE {table}.window_ends_at END
RETURNING count, window_ends_at
"""


def _hit(*, scope, key, rate, now):
    """Count one use of `scope` by `key`: the time left in its window once over `rate`, or None
    while within it."""
    limit, period = parse_rate(rate)
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()
    adapt = connection.ops.adapt_datetimefield_value
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            UPSERT.format(table=table),  # noqa: S608 (the table name is the model's own)
            [digest, adapt(now + timedelta(seconds=period)), adapt(now), adapt(now)],
        )
        used, window_ends_at = cursor.fetchone()
    if used <= limit:
        return None
    return _as_datetime(window_ends_at) - now


def _as_datetime(value):
    # PostgreSQL returns an aware datetime; SQLite the text Django wrote (UTC, no offset).
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


def count(request, *, scope, rate):
    """Count one use of `scope` (a submission, or a failure) by this client's address and, when
    signed in, by their account. Returns None while both are within `rate`; once either is over
    it, how long until the client may try again (a timedelta)."""
    if not settings.RATELIMIT_ENABLE:
        return None
    keys = [_address_key(client_address(request))]
    if request.user.is_authenticated:
        keys.append(f"account:{request.user.pk}")
    now = timezone.now()
    waits = [_hit(scope=scope, key=key, rate=rate, now=now) for key in keys]  # count every key
    over = [wait for wait in waits if wait is not None]
    return max(over) if over else None


def wait_in_words(wait):
    """'43 minutes', '1 hour and 5 minutes': the wait rounded up to a whole minute."""
    minutes = max(math.ceil(wait.total_seconds() / 60), 1)
    hours, minutes = divmod(minutes, 60)
    parts = [
        f"{n} {unit}{'s' if n != 1 else ''}"
        for n, unit in [(hours, "hour"), (minutes, "minute")]
        if n
    ]
    return " and ".join(parts)


def too_many_message(wait):
    return f"You have sent this form too many times. Try again in {wait_in_words(wait)}."


def retry_after(response, wait):
    response["Retry-After"] = str(math.ceil(wait.total_seconds()))
    return response


def _scope(view):
    return f"{type(view).__module__}.{type(view).__name__}"


def delete_expired_counters():
    return RateLimitCounter.objects.filter(window_ends_at__lte=timezone.now()).delete()[0]


class RateLimitedFormMixin:
    """For a FormView: refuse a valid POST past `rate_limit` per client address (and per account
    when signed in), with a message that says how long to wait. The form is shown again with
    what the person typed and the message at the top; nothing is saved."""

    rate_limit = "10/h"

    def rate_limit_wait(self):
        """Count this submission: how long the client must wait when it is one too many, else
        None."""
        return count(self.request, scope=_scope(self), rate=self.rate_limit)

    def too_many_response(self, form, wait):
        form.add_error(None, too_many_message(wait))
        response = self.form_invalid(form)
        response.status_code = 429
        return retry_after(response, wait)

    def form_valid(self, form):
        wait = self.rate_limit_wait()
        if wait is not None:
            return self.too_many_response(form, wait)
        return super().form_valid(form)


class SecretLinkMixin:
    """For a view whose address carries a secret (a link's token or a code): only failures count
    against `rate_limit`, per client address (and per account when signed in).

    A view sets `rate_limit` and defines find_by_secret(**url_kwargs), which returns what the
    secret opens or None; the view reads it as self.found. A right secret is always served. A
    wrong one is a plain 404 until the client has failed `rate_limit` times, then the 429 page,
    which says how long is left of the window. The secrets are long random tokens, so the limit
    is there to make a guessing script stand out and slow, not to make guessing hopeless.
    """

    rate_limit = "30/h"

    def find_by_secret(self, **kwargs):
        raise NotImplementedError

    def not_found_response(self, **kwargs):
        """A page for a secret that opens nothing now but once did (a deleted record's link),
        not counted as a failure; None for a secret never seen."""
        return None

    def dispatch(self, request, *args, **kwargs):
        self.found = self.find_by_secret(**kwargs)
        if self.found is None:
            if (response := self.not_found_response(**kwargs)) is not None:
                return response
            wait = count(request, scope=_scope(self), rate=self.rate_limit)
            if wait is not None:
                response = render(request, "429.html", {"wait": wait_in_words(wait)}, status=429)
                return retry_after(response, wait)
            raise Http404("Nothing is found at this address")
        return super().dispatch(request, *args, **kwargs)
