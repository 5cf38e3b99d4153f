"""Rasa's own end-to-end test stories (tests/stories/): real user text through the NLU and the
dialogue rules, for every path. Fails with the stories that went wrong."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.stack import ROOT, trained_model

pytestmark = pytest.mark.rasa


def test_end_to_end_stories_pass(tmp_path: Path) -> None:
    rasa = Path(sys.executable).parent / "rasa"
    result = subprocess.run(
        [
            str(rasa),
            "test",
            "core",
            "--model",
            str(trained_model()),
            "--stories",
            str(ROOT / "tests" / "stories"),
            "--out",
            str(tmp_path),
            "--fail-on-prediction-errors",
            "--no-plot",
            "--quiet",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env={"TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONWARNINGS": "ignore", "PATH": str(rasa.parent)},
    )
    failed = tmp_path / "failed_test_stories.yml"
    report = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0 and "story:" not in report, (
        report or result.stdout[-3000:] + result.stderr[-3000:]
    )
