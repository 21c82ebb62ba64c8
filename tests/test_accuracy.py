"""Accuracy floors: ../shared/tools/score.py on every shared corpus, against its hand-read gold.

The floors are what the parser reached when they were set (a little below, so that one honest
change of reading does not fail the suite). A change that loses accuracy on any corpus fails
here, by name of the corpus and the field; raise a floor when the parser earns it.
"""
from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from conftest import SHARED

# corpus dir, gold dir, --ext, {field or "SCORE": floor}; "targets.P"/"targets.R" are the
# precision and recall of the targets
FLOORS = {
    "corpus": ("gold", None, {"SCORE": 0.99, "targets": 0.99, "codes": 0.99}),
    "corpus-pdf": ("gold", "pdf", {"SCORE": 0.99, "targets": 0.99, "codes": 0.99}),
    "corpus-docx": ("gold", "docx", {"SCORE": 0.99, "targets": 0.99, "codes": 0.99}),
    "corpus-dev": ("gold-dev", None, {"SCORE": 0.97, "targets": 0.97, "targets.P": 0.95, "targets.R": 0.95,
                                      "codes": 0.95, "sections": 0.97, "deadlines": 0.95, "references": 0.95,
                                      "agencies": 0.95, "document": 0.95}),
    "corpus-dev-bin": ("gold-dev-bin", None, {"SCORE": 0.96, "targets": 0.97, "sections": 0.9, "deadlines": 0.95,
                                              "references": 0.97, "agencies": 0.97, "document": 0.97}),
}
_FIELD = re.compile(r"^\s+(?P<name>\w+)\s+P=(?P<p>[\d.]+)\s+R=(?P<r>[\d.]+)\s+F1=(?P<f>[\d.]+)", re.M)
_SCORE = re.compile(r"^SCORE\s+(?P<s>[\d.]+)", re.M)


def score(corpus: str, gold: str, ext: str | None) -> dict[str, float]:
    """What score.py says of the parser on one corpus: {"SCORE": .., field: F1, field.P: .., field.R: ..}."""
    cmd = " ".join(shlex.quote(a) for a in (sys.executable, "-m", "keoach", "parse", "{file}", "--format", "json"))
    argv = [sys.executable, str(SHARED / "tools" / "score.py"), "--cmd", cmd,
            "--gold", str(SHARED / gold), "--corpus", str(SHARED / corpus)] + (["--ext", ext] if ext else [])
    out = subprocess.run(argv, capture_output=True, text=True, timeout=600).stdout
    found = {"SCORE": float(m["s"]) for m in _SCORE.finditer(out)}
    for m in _FIELD.finditer(out):
        found[m["name"]] = float(m["f"])
        found[m["name"] + ".P"] = float(m["p"])
        found[m["name"] + ".R"] = float(m["r"])
    assert "SCORE" in found, f"score.py printed no SCORE for {corpus}:\n{out[-2000:]}"
    assert "ERROR" not in out, f"the parser failed on a document of {corpus}:\n{out[-2000:]}"
    return found


@pytest.mark.parametrize("corpus", list(FLOORS))
def test_accuracy_floor(corpus: str) -> None:
    gold, ext, floors = FLOORS[corpus]
    if not (SHARED / "tools" / "score.py").exists() or not (SHARED / corpus).is_dir():
        pytest.skip(f"../shared/{corpus} or ../shared/tools/score.py is not beside the repository")
    got = score(corpus, gold, ext)
    below = {k: (got.get(k), floor) for k, floor in floors.items() if got.get(k, 0.0) < floor}
    assert not below, f"{corpus}: below the floor (got, floor): {below}"
