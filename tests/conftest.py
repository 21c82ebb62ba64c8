from __future__ import annotations

import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite samples/*.json from the parser")


def read_cases(name: str, inputs: int = 1) -> list[tuple]:
    """tests/cases/<name>: blocks of  title / "." / input / "." [more inputs / "."] / expected JSON / "."
    ("#" lines are comments)."""
    lines = [x for x in (HERE / "cases" / name).read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    parts = [p.strip() for p in ("\n".join(lines) + "\n").split("\n.\n")]
    size = inputs + 2
    return [(*parts[i:i + size - 1], json.loads(parts[i + size - 1])) for i in range(0, len(parts) - size + 1, size)]


@pytest.fixture
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the repository")
    return SHARED
