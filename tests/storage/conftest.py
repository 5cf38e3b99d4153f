"""Storage-test fixtures: see ``tests/fixtures_db.py`` (``store`` runs on SQLite and PostgreSQL)."""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # for fixtures_db

from fixtures_db import *  # noqa: E402,F403
