from io import StringIO

import pytest

from workstreams import seed


@pytest.fixture
def seeded(db):
    """The demo content of workstreams/seed.py."""
    seed.run(StringIO())


@pytest.fixture
def seeded_transactional(transactional_db):
    """The demo content, for browser tests (which need committed data)."""
    seed.run(StringIO())
