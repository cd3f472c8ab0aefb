"""Rate limits for public forms, counted in the database cache (no Redis needed).

A fixed window per client address and form. The database cache's increment is not atomic, so a
burst of simultaneous posts may slip a few over the limit; limits that must hold exactly (the
peer-support contact limit) count their own rows under a lock instead.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

TOO_MANY_MESSAGE = "You have sent this form too many times. Wait an hour, then try again."


def parse_rate(rate):
    """'10/h' -> (10, 3600). Periods: s, m, h, d."""
    count, _, period = rate.partition("/")
    return int(count), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period]


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


def hit(*, scope, key, rate):
    """Count one use of `scope` by `key`; True while within `rate`, False once over it."""
    if not settings.RATELIMIT_ENABLE:
        return True
    limit, period = parse_rate(rate)
    window = int(time.time() // period)
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{digest}:{window}"
    cache.add(cache_key, 0, timeout=period)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period)
        used = 1
    return used <= limit


class RateLimitedFormMixin:
    """For a FormView: refuse a valid POST past `rate_limit` per client address, with a message.

    The form is shown again with what the person typed and an error at the top; nothing is saved.
    """

    rate_limit = "10/h"

    def form_valid(self, form):
        scope = f"{type(self).__module__}.{type(self).__name__}"
        if not hit(scope=scope, key=client_address(self.request), rate=self.rate_limit):
            form.add_error(None, TOO_MANY_MESSAGE)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
