"""Batch conversion: the corpora plus a corrupt file, --skip-existing, name collisions, CSV and XLSX."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from keoach.commands.parse.batch import output_names

SAMPLES = Path(__file__).parent.parent / "samples"


def _keoach(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "keoach", *args], capture_output=True, timeout=300)


def test_batch_over_every_corpus_with_a_corrupt_file(shared: Path, tmp_path: Path) -> None:
    src = tmp_path / "in"
    for corpus in sorted(shared.glob("corpus*")):
        shutil.copytree(corpus, src / corpus.name)
    plans = [p for p in src.rglob("*") if p.suffix in (".txt", ".md", ".pdf", ".docx")]
    (src / "corrupt.pdf").write_bytes(next((shared / "corpus-pdf").glob("*.pdf")).read_bytes()[:2000])
    out = tmp_path / "out"
    first = _keoach("parse", str(src), "-r", "--out-dir", str(out))
    written = sorted(out.rglob("*.json"))
    assert first.returncode == 1
    assert len(written) == len(plans) >= 15
    assert first.stderr.decode().count("corrupt.pdf") == 1 and b"Traceback" not in first.stderr
    assert {p.relative_to(out).with_suffix("") for p in written} == {p.relative_to(src).with_suffix("") for p in plans}
    before = {p: p.stat().st_mtime_ns for p in written}
    again = _keoach("parse", str(src), "-r", "--out-dir", str(out), "--skip-existing")
    assert f"0 ok, 1 failed, {len(plans)} skipped".encode() in again.stderr      # only the corrupt file is tried
    assert {p: p.stat().st_mtime_ns for p in written} == before


def test_output_names_never_collide() -> None:
    inputs = [(Path(p), Path(p)) for p in ("a/plan.pdf", "a/plan.docx", "a/plan.txt", "b/plan.pdf", "a/Plan.PDF")]
    names = [str(n) for n in output_names(inputs)]
    assert len({n.casefold() for n in names}) == len(names)
    assert names[0] == "a/plan.json" and names[3] == "b/plan.json"


def test_csv_one_row_per_target_and_xlsx_three_sheets(tmp_path: Path) -> None:
    plans = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))
    expected = sum(len(i["targets"]) for p in plans
                   for i in json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["indicators"])
    out = tmp_path / "targets.csv"
    r = _keoach("parse", *map(str, plans), "--format", "csv", "-o", str(out))
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == expected and rows[0]["metric"] and rows[0]["file"] == str(plans[0])
    piped = _keoach("parse", *map(str, plans), "--format", "csv")
    assert not piped.stdout.startswith(b"\xef\xbb\xbf") and piped.stdout.count(b"\r\n") == expected + 1
    import openpyxl
    book = tmp_path / "plans.xlsx"
    assert _keoach("parse", *map(str, plans), "--format", "xlsx", "-o", str(book)).returncode == 0
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["targets", "deadlines", "assignments"]
    assert wb["targets"].max_row == expected + 1 and wb["targets"].freeze_panes == "A2"
