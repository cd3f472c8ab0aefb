"""What the home page shows from the rest of the portal.

Each app with something for the home page registers it from its AppConfig.ready() (see
workstreams/apps.py), so the portal's core depends on no app. The home page template reads each
registered name as a context variable.
"""

from collections.abc import Callable

_sources: dict[str, Callable] = {}


def register(name, value):
    """Give the home page template `name`: `value()`, called on each render (a queryset, a list)."""
    _sources[name] = value


def context():
    return {name: value() for name, value in _sources.items()}
