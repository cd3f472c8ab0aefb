"""The opportunities pages anyone can open, for the accessibility list. The form to express
interest needs a signed-in trainee: tests/opportunities/test_browser.py runs axe on it."""

from datetime import timedelta

from django.utils import timezone


def _list():
    from .factories import OpportunityFactory

    OpportunityFactory(title="Widening participation: careers fair at a sixth form college")
    OpportunityFactory(
        title="Conference abstract: the network's QI work", kind="conference_abstract"
    )
    return "/opportunities/"


def _detail():
    from .factories import OpportunityFactory

    return OpportunityFactory().get_absolute_url()


def _closed():
    from .factories import OpportunityFactory

    return OpportunityFactory(closes_on=timezone.localdate() - timedelta(days=1)).get_absolute_url()


PAGES = [
    ("opportunities list", _list),
    ("opportunities: empty list", "/opportunities/"),
    ("an opportunity", _detail),
    ("an opportunity that has closed", _closed),
]
