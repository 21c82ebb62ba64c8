"""Golden files: samples/<name>.json is exactly `keoach parse samples/<name>.<ext>` (indent 2).

Regenerate after a deliberate change:  pytest tests/test_samples.py --update-golden
then review `git diff --word-diff samples/` line by line. Never edit a golden file by hand.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from keoach import parse_file
from keoach.output import plan_dict, to_json

SAMPLES = Path(__file__).parent.parent / "samples"
INPUTS = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".pdf", ".docx"))


def golden_json(path: Path) -> str:
    cwd = os.getcwd()
    os.chdir(SAMPLES)                  # paths in goldens are relative to samples/
    try:
        return to_json(plan_dict(parse_file(path.name)))
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_sample(path: Path, request: pytest.FixtureRequest) -> None:
    actual = golden_json(path)
    golden = path.with_suffix(".json")
    if request.config.getoption("--update-golden"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_real_word_plan() -> None:
    plan = parse_file(SAMPLES / "real-lao-cai-kiem-tra-vlncn.docx")
    d = plan.document
    assert (d.number, d.date, d.place) == (None, None, "Lào Cai")
    assert d.title.startswith("Kiểm tra, cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn vật liệu nổ")
    assert (d.signer.name, d.signer.title) == ("Hoàng Văn Thuân", "PHÓ GIÁM ĐỐC")
    assert [(s.number, s.kind) for s in plan.sections] == [("I", "purpose"), ("II", "tasks"),
                                                           ("III", "implementation"), (None, "annex")]
    table = plan.tables[0]
    assert table.header == ["TT", "Nhiệm vụ thực hiện", "Người thực hiện", "Ghi chú"]
    assert [r[0] for r in table.rows] == [f"{i}." for i in range(1, 10)]       # auto-numbered in Word
    assert table.rows[0][1:3] == ["Rà soát việc đáp ứng các điều kiện của học viên",
                                  "Đỗ Mạnh Cường; Vũ Việt Linh; Nguyễn Thị Loan"]
