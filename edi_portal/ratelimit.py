"""Rate limits for public forms, counted in the database (no Redis needed).

Each client gets a window of exactly the rate's period from its first counted post, counted with
one atomic upsert (INSERT ... ON CONFLICT DO UPDATE ... RETURNING, which PostgreSQL and SQLite
3.35+ both run), so simultaneous posts each get their own count and none slips over the limit.
A signed-in person is counted per account as well as per address.
"""

import hashlib
import ipaddress
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .models import RateLimitCounter

TOO_MANY_MESSAGE = "You have sent this form too many times. Wait an hour, then try again."
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
RETURNING count
"""


def hit(*, scope, key, rate):
    """Count one use of `scope` by `key`; True while within `rate`, False once over it."""
    if not settings.RATELIMIT_ENABLE:
        return True
    limit, period = parse_rate(rate)
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            UPSERT.format(table=table),  # noqa: S608 (the table name is the model's own)
            [digest, adapt(now + timedelta(seconds=period)), adapt(now), adapt(now)],
        )
        (used,) = cursor.fetchone()
    return used <= limit


def allow(request, *, scope, rate):
    """Count one use of `scope` by this client's address and, when signed in, by their account;
    True while both are within `rate`."""
    keys = [_address_key(client_address(request))]
    if request.user.is_authenticated:
        keys.append(f"account:{request.user.pk}")
    within = [hit(scope=scope, key=key, rate=rate) for key in keys]  # count every key
    return all(within)


def delete_expired_counters():
    return RateLimitCounter.objects.filter(window_ends_at__lte=timezone.now()).delete()[0]


class RateLimitedFormMixin:
    """For a FormView: refuse a valid POST past `rate_limit` per client address (and per account
    when signed in), with a message. The form is shown again with what the person typed and an
    error at the top; nothing is saved."""

    rate_limit = "10/h"

    def over_rate_limit(self):
        scope = f"{type(self).__module__}.{type(self).__name__}"
        return not allow(self.request, scope=scope, rate=self.rate_limit)

    def too_many_response(self, form):
        form.add_error(None, TOO_MANY_MESSAGE)
        response = self.form_invalid(form)
        response.status_code = 429
        return response

    def form_valid(self, form):
        if self.over_rate_limit():
            return self.too_many_response(form)
        return super().form_valid(form)
