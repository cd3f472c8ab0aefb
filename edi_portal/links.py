"""Addresses for many rows of one page, reversed once.

reverse() costs about 25 µs a call (the URL resolver, the language and the script prefix, each
looked up again), so a list of 50 rows each asking for its get_absolute_url() spends more on
addresses than on the rest of the row. `address_of_each(view_name, kwarg)` reverses the address
once, with a placeholder for the row's value, and returns a function that puts each row's value
in its place, quoted as reverse() quotes it.

The reversed address is kept per process, for each URLconf and script prefix: a row's
get_absolute_url() can use it too and costs a string join.

Only for values the URL's converter takes as they are (slugs, integer keys: the model's own
values for its own page): unlike reverse(), the function does not check them against the
pattern.
"""

import functools
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS

# Digits, which every converter used for row addresses (int, slug, str) accepts.
PLACEHOLDER = "7391739173917391"
SAFE = RFC3986_SUBDELIMS + "/~:@"


def address_of_each(view_name, kwarg, **other_kwargs):
    """(value) -> reverse(view_name, kwargs={kwarg: value, **other_kwargs})."""
    return _address_of_each(
        view_name,
        kwarg,
        tuple(sorted(other_kwargs.items())),
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
    )


@functools.lru_cache(maxsize=256)
def _address_of_each(view_name, kwarg, other_kwargs, urlconf, _script_prefix):
    before, _, after = reverse(
        view_name, urlconf=urlconf, kwargs={kwarg: PLACEHOLDER, **dict(other_kwargs)}
    ).rpartition(PLACEHOLDER)
    return lambda value: f"{before}{quote(str(value), safe=SAFE)}{after}"
