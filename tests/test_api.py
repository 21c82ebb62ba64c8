"""The Python API (issue 17, "What must work" 8): the names a notebook sees, and the same answers
as the command line."""
from __future__ import annotations

import doctest
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import keoach

SAMPLES = Path(__file__).parent.parent / "samples"
PLAN_A = SAMPLES / "thi-xa-huong-tra-2021-2025.txt"
PLAN_B = SAMPLES / "huyen-trung-khanh-2025.txt"


def _cli(*args: str) -> bytes:
    return subprocess.run([sys.executable, "-m", "keoach", *args], capture_output=True, timeout=120).stdout


def test_public_names_are_visible_to_dir_and_documented() -> None:
    for name in ("parse_file", "parse_text", "diff", "deadlines", "Plan", "PlanDiff", "KeoachError"):
        assert name in dir(keoach) and name in keoach.__all__
        assert getattr(keoach, name).__doc__ or name == "KeoachError"       # errors.py documents it in its module
    assert doctest.testmod(keoach).failed == 0


def test_plan_to_dict_to_json_and_rows_are_what_the_cli_writes() -> None:
    plan = keoach.parse_file(PLAN_A)
    cli = json.loads(_cli("parse", str(PLAN_A)))
    assert plan.to_dict() == cli and json.loads(plan.to_json()) == cli and plan.to_json(indent=None).count("\n") == 1
    rows = plan.target_rows()
    assert len(rows) == sum(len(i["targets"]) for i in cli["indicators"]) and rows[0]["metric"]
    import csv
    import io
    table = list(csv.DictReader(io.StringIO(_cli("parse", str(PLAN_A), "-f", "csv").decode("utf-8"))))
    assert [r["metric"] for r in table] == [r["metric"] for r in rows] and list(table[0]) == list(rows[0])
    assert len(plan.deadline_rows()) == len(cli["deadlines"]) and len(plan.assignment_rows()) == len(cli["assignments"])


def test_diff_and_deadlines_return_what_the_cli_prints() -> None:
    d = keoach.diff(PLAN_A, keoach.parse_file(PLAN_B))
    assert isinstance(d, keoach.PlanDiff)
    assert d.model_dump(mode="json") | {"counts": d.counts()} == json.loads(_cli("diff", str(PLAN_A), str(PLAN_B),
                                                                                  "-f", "json"))
    found = keoach.deadlines([PLAN_A, PLAN_B], since=date(2025, 1, 1), until=date(2025, 12, 31), today=date(2025, 6, 1))
    cli = json.loads(_cli("deadlines", str(PLAN_A), str(PLAN_B), "--from", "2025", "--until", "2025",
                          "--today", "2025-06-01", "-f", "json"))
    assert [o.as_dict(date(2025, 6, 1)) for o in found] == cli and cli


def test_readme_python_example_runs_as_written(monkeypatch) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(Path(__file__).parent.parent)
    test = doctest.DocTestParser().get_doctest(block, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner()
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 5
