from __future__ import annotations

import pytest

from tests.e2e.stack import Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory):
    """The real product on free ports, with its own SQLite database."""
    running = Stack(workdir=tmp_path_factory.mktemp("stack")).start()
    yield running
    running.stop()
