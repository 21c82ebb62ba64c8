"""The command line: exit codes, one-line errors, no traceback, JSON on stdout."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SAMPLE = Path(__file__).parent.parent / "samples" / "thi-xa-huong-tra-2021-2025.txt"


def keoach(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "keoach", *args], capture_output=True, input=stdin, timeout=120)


def test_parse_prints_json_one_line_when_piped() -> None:
    r = keoach("parse", str(SAMPLE))
    assert r.returncode == 0 and r.stdout.count(b"\n") == 1
    assert json.loads(r.stdout)["schema_version"] == "1"


def test_stdin_and_version_and_schema() -> None:
    r = keoach("parse", "-", stdin=SAMPLE.read_bytes())
    assert r.returncode == 0 and json.loads(r.stdout)["source"]["path"] == "-"
    assert keoach("--version").stdout.startswith(b"keoach ")
    assert "properties" in json.loads(keoach("schema").stdout)


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_bytes(b"  \n\t\n ")
    (tmp / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp / "image.pdf").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp / "truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    (tmp / "notzip.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with zipfile.ZipFile(tmp / "nodoc.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    with zipfile.ZipFile(tmp / "badxml.docx", "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body><w:p>")
    with zipfile.ZipFile(tmp / "entities.docx", "w") as z:
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                                        "<x>&b;</x>")
    with zipfile.ZipFile(tmp / "bomb.docx", "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<a>" + " " * (400 * 1024 * 1024) + "</a>")
    (tmp / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp / "plan.xyz").write_text("x")
    (tmp / "adir").mkdir()
    return {p.name: p for p in tmp.iterdir()} | {"missing.txt": tmp / "missing.txt"}


def test_each_bad_input_one_line_exit_2(tmp_path: Path) -> None:
    for name, path in _bad_inputs(tmp_path).items():
        r = keoach("parse", str(path))
        err = r.stderr.decode()
        assert r.returncode == 2, (name, err)
        assert "Traceback" not in err and err.count("\n") == 1 and str(path) in err, (name, err)


def test_batch_keeps_going(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    r = keoach("parse", str(SAMPLE), str(bad), "--jobs", "1")
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.returncode == 1 and lines[0]["schema_version"] == "1" and lines[1] == {"source": str(bad), "error": "binary content, not a text plan"}


def test_not_a_plan_is_refused_by_the_command_and_warned_by_the_library(tmp_path: Path) -> None:
    text = "Ngày xưa, ở một làng nọ có hai chị em Tấm và Cám.\n" * 50
    novel = tmp_path / "novel.txt"
    novel.write_text(text, encoding="utf-8")
    r = keoach("parse", str(novel))
    assert r.returncode == 2 and not r.stdout and b"not a plan" in r.stderr and len(r.stderr.splitlines()) == 1
    from keoach import parse_text
    assert any(w.code == "no-plan-structure" for w in parse_text(text).warnings)
    memo = tmp_path / "memo.txt"          # a plan heading is enough to be read, with a warning
    memo.write_text("KẾ HOẠCH\nTổ chức hội nghị\nHội nghị họp trước ngày 15/12/2026.\n", encoding="utf-8")
    r = keoach("parse", str(memo))
    assert r.returncode == 0 and any(w["code"] == "no-plan-structure" for w in json.loads(r.stdout)["warnings"])


TONES = "\u0300\u0301\u0303\u0309\u0323"


def _windows_1258(text: str) -> bytes:
    """Windows-1258 keeps base letters precomposed (ư, ê) and writes tones as combining marks."""
    import unicodedata
    out = []
    for c in text:
        d = unicodedata.normalize("NFD", c)
        base = unicodedata.normalize("NFC", "".join(x for x in d if x not in TONES))
        out.append(base + "".join(x for x in d if x in TONES))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("encoding", ["utf-16", "cp1258", "utf-8-sig"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "plan.txt"
    text = SAMPLE.read_text(encoding="utf-8").replace("ƣ", "ư")
    path.write_bytes(_windows_1258(text) if encoding == "cp1258" else text.encode(encoding))
    data = json.loads(keoach("parse", str(path)).stdout)
    assert data["source"]["encoding"] == encoding and len(data["indicators"]) == 18


def test_an_internal_error_is_one_line_not_a_traceback() -> None:
    code = ("import sys, keoach.parse as p\n"
            "def boom(*a, **k): raise RuntimeError('simulated bug')\n"
            "p.parse_file = boom\n"
            f"sys.argv = ['keoach', 'parse', {str(SAMPLE)!r}]\n"
            "from keoach.cli import main\nmain()\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert r.returncode == 2 and b"Traceback" not in r.stderr and r.stderr.count(b"\n") == 1
    assert "internal error: RuntimeError: simulated bug" in r.stderr.decode()
    code = code.replace("p.parse_file = boom", "import keoach.commands.diff.compare as c; c.compare_plans = boom").replace(
        "'parse', ", "'diff', " + repr(str(SAMPLE)) + ", ")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert r.returncode == 70 and b"Traceback" not in r.stderr
    assert r.stderr.decode().startswith("keoach: internal error: RuntimeError: simulated bug")


def test_unwritable_outputs_are_one_line_errors(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    target = str(blocker / "out.json")                     # a path under a file: cannot exist
    for args in (("parse", str(SAMPLE), "-o", target), ("parse", str(SAMPLE), str(SAMPLE), "--out-dir", target),
                 ("diff", str(SAMPLE), str(SAMPLE), "-f", "md", "-o", target),
                 ("deadlines", str(SAMPLE), "-f", "ics", "-o", target),
                 ("parse", str(SAMPLE), "--jobs", "-1")):
        r = keoach(*args)
        err = r.stderr.decode()
        assert r.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err, (args, err)
    assert "cannot write" in keoach("parse", str(SAMPLE), "-o", target).stderr.decode()


def test_fast_path_answers_exactly_as_the_full_command(tmp_path: Path) -> None:
    """`keoach parse FILE` skips typer; with any option it goes through typer: same answers."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "novel.txt").write_text("Ngày xưa có một cô bé.\n" * 20, encoding="utf-8")
    for path in (SAMPLE, tmp_path / "empty.txt", tmp_path / "novel.txt", tmp_path / "missing.txt", tmp_path):
        fast = keoach("parse", str(path))
        full = keoach("parse", str(path), "--format", "json")
        assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr), path


def test_parse_of_a_text_plan_imports_no_typer_pdf_docx_or_rich() -> None:
    code = ("import sys\nsys.argv = ['keoach', 'parse', %r]\nimport keoach.cli as c\n"
            "c._exit = lambda code: print(sorted(m for m in ('typer', 'pypdfium2', 'pdfplumber', 'docx', 'rich', "
            "'openpyxl', 'pydantic') if m in sys.modules), file=sys.stderr)\nc.main()\n") % str(SAMPLE)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert r.stderr.decode().strip() == "[]"
