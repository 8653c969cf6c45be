"""ruff (pyflakes, pycodestyle, import sorting, bugbear; settings in pyproject.toml) runs inside `make test`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_the_tree_is_lint_clean():
    result = _ruff(".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_finds_what_it_is_set_to_find(tmp_path):
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.py").write_text("import sys\nimport os\n\n\ndef f(x=[]):\n    return x\n", encoding="utf-8")
    result = _ruff("bad.py", "--output-format", "concise", cwd=tmp_path)
    assert result.returncode == 1
    assert {"F401", "I001", "B006"} <= {line.split()[1] for line in result.stdout.splitlines() if ".py:" in line}
