"""The risk check's benchmark still runs and still checks its answers (quick mode: 100 sentences, one long text)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_bench_runs_in_quick_mode_and_its_answers_are_right():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "risk_bench.py"), "--quick"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "one sentence: median" in done.stdout and "20,000-character" in done.stdout
