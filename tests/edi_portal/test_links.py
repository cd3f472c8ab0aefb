"""An address made by edi_portal.links is the address reverse() gives."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from edi_portal.links import address_of_each

SLUGS = st.from_regex(r"[-a-zA-Z0-9_]+", fullmatch=True)


# No deadline: the first example builds the URL resolver.
@hypothesis_settings(deadline=None)
@given(slug=SLUGS, pk=st.integers(min_value=0, max_value=10**12))
def test_addresses_match_reverse(slug, pk):
    good_practice = address_of_each("workstreams:good_practice_detail", "slug")
    download = address_of_each("workstreams:resource_download", "pk")
    assert good_practice(slug) == reverse("workstreams:good_practice_detail", kwargs={"slug": slug})
    assert download(pk) == reverse("workstreams:resource_download", kwargs={"pk": pk})


@pytest.mark.parametrize("prefix", ["/", "/portal/"])
def test_the_script_prefix_is_kept(prefix):
    from django.urls import get_script_prefix, set_script_prefix

    was = get_script_prefix()
    set_script_prefix(prefix)
    try:
        address = address_of_each("workstreams:good_practice_detail", "slug")
        assert address("a-slug") == reverse(
            "workstreams:good_practice_detail", kwargs={"slug": "a-slug"}
        )
        assert address("a-slug").startswith(prefix)
    finally:
        set_script_prefix(was)
