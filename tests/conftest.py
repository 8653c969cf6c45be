"""Shared fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from datahelp import DATA


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A fresh copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
