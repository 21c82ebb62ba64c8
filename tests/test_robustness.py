"""Bad input: every file gets a clear answer within a time and memory bound, never a traceback;
a batch keeps going; an interrupted batch leaves no partial file. The bounds are README's."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

HERE = Path(__file__).parent
SAMPLES = HERE.parent / "samples"
PLAN = SAMPLES / "huyen-trung-khanh-2025.txt"
MB = 1024 * 1024

# Run keoach as a child of a small wrapper that reports the child's peak memory (ru_maxrss, KiB).
_WRAPPER = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            "print('maxrss', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(r.returncode)")


@dataclass
class Outcome:
    code: int
    stdout: bytes
    stderr: str
    seconds: float
    peak_mb: float


def run_bounded(*args: str) -> Outcome:
    started = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", _WRAPPER, sys.executable, "-m", "keoach", *args],
                       capture_output=True, timeout=300)
    seconds = time.perf_counter() - started
    err = r.stderr.decode("utf-8", "replace")
    lines = err.splitlines()
    peak = int(lines[-1].split()[1]) / 1024
    return Outcome(r.returncode, r.stdout, "\n".join(lines[:-1]) + ("\n" if len(lines) > 1 else ""), seconds, peak)


# --- builders: each writes one bad input into a folder ----------------------------------------

def _zip(path: Path, parts: dict[str, str | bytes]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _plan_text() -> str:
    return PLAN.read_text(encoding="utf-8")


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BUILD: dict[str, Callable[[Path], None]] = {
    "empty.txt": lambda p: p.write_bytes(b""),
    "whitespace.txt": lambda p: p.write_bytes(b" \n\t\r\n   \n"),
    "random-10mb.txt": lambda p: p.write_bytes(random.Random(7).randbytes(10 * MB)),
    "png-named.pdf": lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)),
    "truncated.pdf": lambda p: p.write_bytes((SAMPLES / "pdf-xa-hoang-trung-2021-2030.pdf").read_bytes()[:3000]),
    "encrypted.pdf": lambda p: shutil.copyfile(HERE / "fixtures" / "encrypted.pdf", p),
    "scanned.pdf": lambda p: _blank_pdf(p),
    "zip-not-docx.docx": lambda p: _zip(p, {"readme.txt": "a zip, but not a Word document"}),
    "malformed-xml.docx": lambda p: _zip(p, {"word/document.xml": f"<w:document {W}><w:body><w:p><w:r>"}),
    "bomb.docx": lambda p: _zip(p, {"word/document.xml": f"<w:document {W}>" + " " * (400 * MB) + "</w:document>"}),
    "billion-laughs.docx": lambda p: _zip(p, {"word/document.xml": (
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + f']><w:document {W}><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>')}),
    "external-entity.docx": lambda p: _zip(p, {"word/document.xml": (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')}),
    "nested-10000.docx": lambda p: _zip(p, {"word/document.xml": (
        f"<w:document {W}><w:body>" + "<w:tbl><w:tr><w:tc>" * 10_000 + "<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"
        + "</w:tc></w:tr></w:tbl>" * 10_000 + "</w:body></w:document>")}),
    "plan-50mb.txt": lambda p: _repeat_plan(p, 50 * MB),
    "line-10mb.txt": lambda p: p.write_text((" ".join(_plan_text().split()) + " ") * (10 * MB // len(_plan_text()) + 1),
                                           encoding="utf-8"),
    "windows-1258.txt": lambda p: p.write_bytes(_windows_1258(_plan_text())),
    "utf-16.txt": lambda p: p.write_bytes(_plan_text().encode("utf-16")),
    "novel.txt": lambda p: p.write_text(
        "Chương một\n\nNgày ấy, khi mùa thu về trên những cánh đồng lúa chín, bà tôi thường kể chuyện cổ tích.\n"
        "Tôi ngồi nghe đến khi trăng lên cao, rồi ngủ thiếp đi lúc nào không biết.\n" * 400, encoding="utf-8"),
    "english.txt": lambda p: p.write_text(
        "ANNUAL REPORT\n\n1. Introduction\nThe committee met on 12 March 2025 to review progress.\n"
        "2. Findings\nMost targets were met; 95% of schools reported on time.\n" * 50, encoding="utf-8"),
}


def _blank_pdf(path: Path) -> None:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.save(str(path))


def _repeat_plan(path: Path, size: int) -> None:
    text = _plan_text()
    body = text.split("\n", 15)[-1]        # the plan again, without its header
    path.write_text(text + body * (size // len(body)), encoding="utf-8")


def _windows_1258(text: str) -> bytes:
    import unicodedata
    out = []
    for c in text:
        try:
            out.append(c.encode("cp1258"))
        except UnicodeEncodeError:
            out.append(unicodedata.normalize("NFD", c).encode("cp1258", "replace"))
    return b"".join(out)


# name -> (exit code, what stderr or the JSON must show, seconds, MB)
EXPECTED: dict[str, tuple[int, str, float, float]] = {
    "empty.txt": (2, "empty", 10, 150),
    "whitespace.txt": (2, "empty", 10, 150),
    "random-10mb.txt": (2, "binary content", 15, 300),
    "png-named.pdf": (2, "PDF", 10, 200),
    "truncated.pdf": (2, "PDF", 10, 200),
    "encrypted.pdf": (2, "encrypted PDF", 10, 200),
    "scanned.pdf": (2, "no text layer", 10, 200),
    "zip-not-docx.docx": (2, "not a Word document", 10, 150),
    "malformed-xml.docx": (2, "corrupt", 10, 150),
    "bomb.docx": (2, "decompression bomb", 15, 200),
    "billion-laughs.docx": (2, "ENTITY", 10, 150),
    "external-entity.docx": (2, "ENTITY", 10, 150),
    "nested-10000.docx": (2, "nested", 15, 300),
    "plan-50mb.txt": (0, "schema_version", 120, 1500),
    "line-10mb.txt": (0, "schema_version", 30, 400),   # it cites documents: answered (no-plan-structure)
    "windows-1258.txt": (0, '"encoding":"cp1258"', 10, 200),
    "utf-16.txt": (0, '"encoding":"utf-16"', 10, 200),
    "novel.txt": (2, "not a plan", 10, 200),
    "english.txt": (2, "not a plan", 10, 200),
}


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    for name, build in BUILD.items():
        build(folder / name)
    return folder


def test_every_case_has_an_expectation() -> None:
    assert BUILD.keys() == EXPECTED.keys()


@pytest.mark.parametrize("name", list(EXPECTED))
def test_bad_input_gets_a_clear_answer_within_bounds(bad_dir: Path, name: str) -> None:
    code, shows, seconds, mb = EXPECTED[name]
    out = run_bounded("parse", str(bad_dir / name))
    assert "Traceback" not in out.stderr
    assert out.code == code, out.stderr
    if code == 2:
        assert out.stdout == b"" and out.stderr.count("\n") == 1, out.stderr
        assert str(bad_dir / name) in out.stderr and shows in out.stderr, out.stderr
    else:
        assert shows in out.stdout.decode("utf-8")[:2000]
        json.loads(out.stdout)
    assert out.seconds < seconds, f"{name}: {out.seconds:.1f} s (bound {seconds} s)"
    assert out.peak_mb < mb, f"{name}: {out.peak_mb:.0f} MB (bound {mb} MB)"


def test_batch_over_good_and_bad_files(bad_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    small_bad = [n for n in EXPECTED if EXPECTED[n][0] == 2 and n not in ("bomb.docx", "line-10mb.txt")]
    for name in small_bad:
        shutil.copyfile(bad_dir / name, folder / name)
    good = [p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".pdf", ".docx")]
    for p in good:
        shutil.copyfile(p, folder / p.name)
    r = subprocess.run([sys.executable, "-m", "keoach", "parse", str(folder), "-r", "--jobs", "2"],
                       capture_output=True, timeout=300)
    records = [json.loads(x) for x in r.stdout.splitlines()]
    errors = {Path(x["source"]).name for x in records if "error" in x}
    plans = {Path(x["source"]["path"]).name for x in records if "schema_version" in x}
    assert r.returncode == 1 and b"Traceback" not in r.stderr
    assert errors == set(small_bad) and plans == {p.name for p in good}


def _copies(folder: Path, n: int) -> None:
    folder.mkdir()
    plans = [p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md")]
    for i in range(n):
        shutil.copyfile(plans[i % len(plans)], folder / f"{i:04d}-{plans[i % len(plans)].name}")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupted_batch_leaves_no_partial_file(tmp_path: Path, sig: int) -> None:
    src, out = tmp_path / "plans", tmp_path / "out"
    _copies(src, 400)
    cmd = [sys.executable, "-m", "keoach", "parse", str(src), "-r", "--out-dir", str(out), "--jobs", "2", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 20:
        time.sleep(0.05)
    os.killpg(proc.pid, sig)                  # Ctrl-C reaches the whole process group
    _, err = proc.communicate(timeout=60)
    written = list(out.glob("*.json"))
    assert proc.returncode == 130, err
    assert b"Traceback" not in err and b"interrupted" in err
    assert 0 < len(written) < 400
    assert not [p for p in out.iterdir() if p.name.startswith(".")]      # no temporary files left
    for p in written:
        json.loads(p.read_text(encoding="utf-8"))                          # every file is whole
    r = subprocess.run(cmd + ["--skip-existing"], capture_output=True, timeout=300)
    assert r.returncode == 0 and len(list(out.glob("*.json"))) == 400
