"""keoach benchmark: `python bench/run.py` (from the repository, with keoach installed in .venv).

Measures in one run, as medians and ratios, and prints a Markdown table with the checks of
issue 7 (PASS/FAIL):
  1. whole-process `keoach --version` and `keoach parse <plan>.txt` against `python -c pass`;
  2. batch throughput of the corpus replicated to 1,000 text files, `--jobs 1` and `--jobs 2`
     (median of three batches each, run in turns; the range beside it), and a shell loop of
     single-file runs;
  3. per-page time of parsing the corpus PDFs (in-process, start-up excluded) against raw
     pypdfium2 text extraction and `pdftotext` (poppler-utils, if installed);
  4. per-document time of parsing the corpus DOCX against raw text extraction of document.xml;
  5. OCR (issue 16; when Tesseract and its vie model are installed): seconds per OCR'd page of
     `keoach parse` on an image-only copy of a corpus PDF against the bare `tesseract` command on
     the same page images (same run), and pages/s at --jobs 1 and --jobs 2.

Our sources are byte-compiled first (`compileall`), as an installed package is: this
environment sets PYTHONDONTWRITEBYTECODE, and without .pyc files every start compiles them.
Options: --shared PATH (default ../shared), --runs N (default 15), --files N (default 1000),
--only ocr (just part 5), --ocr-runs N (default 2).
"""
from __future__ import annotations

import argparse
import compileall
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
KEOACH = str(BIN / "keoach")
PY = sys.executable
BATCH_RUNS = 3          # batches of 1,000 files per --jobs value; the median is reported


def median_call(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def interleaved(cmds: list[list[str]], runs: int) -> list[float]:
    """Median wall time of each command, run in turns (a, b, c, a, b, c, ...) so that the
    machine's drift over the run weighs on every command alike."""
    times: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[i].append(time.perf_counter() - t)
    return [statistics.median(t) for t in times]


def startup(shared: Path, runs: int) -> list[tuple]:
    plan = str(shared / "corpus" / "thi-xa-huong-tra-2021-2025.txt")
    base, version, parse = interleaved([[PY, "-c", "pass"], [KEOACH, "--version"], [KEOACH, "parse", plan]],
                                       max(runs, 21))
    return [
        ("python -c pass", f"{base * 1000:.0f} ms", "1.0x", ""),
        ("keoach --version", f"{version * 1000:.0f} ms", f"{version / base:.1f}x", _check(version / base <= 6, "<= 6x")),
        ("keoach parse plan.txt", f"{parse * 1000:.0f} ms", f"{parse / base:.1f}x", _check(parse / base <= 15, "<= 15x")),
    ]


def throughput(shared: Path, n_files: int) -> list[tuple]:
    plans = sorted(p for p in (shared / "corpus").iterdir() if p.suffix in (".txt", ".md"))
    with tempfile.TemporaryDirectory(prefix="keoach-bench-") as tmp:
        folder = Path(tmp) / "plans"
        folder.mkdir()
        for i in range(n_files):
            src = plans[i % len(plans)]
            shutil.copyfile(src, folder / f"{i:04d}-{src.name}")
        runs: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(BATCH_RUNS):            # in turns, so drift weighs on both alike
            for jobs in (1, 2):
                t = time.perf_counter()
                subprocess.run([KEOACH, "parse", str(folder), "-r", "--jobs", str(jobs), "-q"],
                               stdout=subprocess.DEVNULL, check=True)
                runs[jobs].append(n_files / (time.perf_counter() - t))
        rates = {jobs: statistics.median(r) for jobs, r in runs.items()}
        spread = {jobs: f"{min(r):.0f}–{max(r):.0f}" for jobs, r in runs.items()}
        loop_files = sorted(folder.iterdir())[:40]
        t = time.perf_counter()
        for f in loop_files:
            subprocess.run([KEOACH, "parse", str(f)], stdout=subprocess.DEVNULL, check=True)
        loop = len(loop_files) / (time.perf_counter() - t)
    return [
        (f"batch, {n_files} text plans, --jobs 1", f"{rates[1]:.0f} files/s ({spread[1]})", "",
         _check(rates[1] >= 100, ">= 100 files/s")),
        (f"batch, {n_files} text plans, --jobs 2", f"{rates[2]:.0f} files/s ({spread[2]})", f"{rates[2] / rates[1]:.2f}x --jobs 1",
         _check(rates[2] / rates[1] >= 1.7, ">= 1.7x")),
        ("shell loop, one process per file", f"{loop:.1f} files/s", f"batch --jobs 1 is {rates[1] / loop:.0f}x faster", ""),
    ]


def _pdfium_text(path: Path) -> int:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(path))
    n = len(pdf)
    for i in range(n):
        page = pdf[i]
        tp = page.get_textpage()
        tp.get_text_range()
        tp.close()
        page.close()
    pdf.close()
    return n


def pdf(shared: Path, runs: int) -> list[tuple]:
    from keoach import parse_file
    files = sorted((shared / "corpus-pdf").glob("*.pdf"))
    pages = sum(_pdfium_text(f) for f in files)
    ours = median_call(lambda: [parse_file(f) for f in files], runs) / pages
    raw = median_call(lambda: [_pdfium_text(f) for f in files], runs) / pages
    rows = [("keoach parse, PDF, per page (in-process)", f"{ours * 1000:.2f} ms", f"{ours / raw:.2f}x pypdfium2",
             _check(ours / raw <= 2, "<= 2x pypdfium2")),
            ("raw pypdfium2 text, per page", f"{raw * 1000:.2f} ms", "1.00x", "")]
    if shutil.which("pdftotext"):
        floor = median_call(lambda: [subprocess.run(["pdftotext", "-q", str(f), "-"], stdout=subprocess.DEVNULL)
                                     for f in files], max(3, runs // 3)) / pages
        rows.append(("pdftotext (poppler, a process per file), per page", f"{floor * 1000:.2f} ms",
                     f"{floor / raw:.2f}x pypdfium2", ""))
    else:
        rows.append(("pdftotext", "not installed", "", "(apt install poppler-utils)"))
    return rows


def _docx_raw(path: Path) -> int:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as zf:
        data = zf.read("word/document.xml")
    parts = [el.text or "" for _, el in ET.iterparse(io.BytesIO(data)) if el.tag == f"{w}t"]
    return len("".join(parts))


def docx(shared: Path, runs: int) -> list[tuple]:
    from keoach import parse_file
    files = sorted((shared / "corpus-docx").glob("*.docx")) + sorted((shared / "corpus-real").glob("*.docx"))
    ours = median_call(lambda: [parse_file(f) for f in files], runs) / len(files)
    raw = median_call(lambda: [_docx_raw(f) for f in files], runs) / len(files)
    return [("keoach parse, DOCX, per document (in-process)", f"{ours * 1000:.1f} ms", f"{ours / raw:.2f}x raw",
             _check(ours / raw <= 3, "<= 3x raw")),
            ("raw document.xml text (zipfile + iterparse), per document", f"{raw * 1000:.1f} ms", "1.00x", "")]


# The scan OCR'd: a corpus plan of 9 pages, 8 of them full. Pages are the unit of parallel OCR,
# so a plan of 5 full pages and a short one (thi-xa-huong-tra, measured before) caps --jobs 2 at
# 1.79x whatever the tool does (one worker reads three full pages); with 8 full pages the cap
# is 1.9x and the ratio measures the workers, not the page count.
OCR_DOC = "huyen-trung-khanh-2025"


def ocr(shared: Path, runs: int) -> list[tuple]:
    """keoach's OCR against bare tesseract on the same page images, and --jobs 1 vs 2."""
    from keoach.ocr_check import unavailable
    problem = unavailable()
    if problem:
        return [("OCR", "not available", "", f"({problem})")]
    from keoach.parse.ocr import CONFIG, DPI, LANG, render_pages
    tmp = Path(tempfile.mkdtemp(prefix="keoach-bench-ocr-"))
    try:
        source = (shared / "corpus-pdf" / f"{OCR_DOC}.pdf").read_bytes()
        import pypdfium2 as pdfium
        n = len(pdfium.PdfDocument(source))
        images = render_pages(source, range(n), DPI)            # what keoach renders, for bare tesseract
        scan = tmp / "scan.pdf"
        images[0].save(scan, save_all=True, append_images=images[1:], resolution=DPI)
        pngs = []
        for i, img in enumerate(render_pages(scan.read_bytes(), range(n), DPI)):
            pngs.append(tmp / f"p{i}.png")
            img.save(pngs[-1])
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        bare_loop = ["sh", "-c", " ; ".join(f"tesseract {p} - -l {LANG} {CONFIG} >/dev/null 2>&1" for p in pngs)]
        cmds = [bare_loop] + [[KEOACH, "parse", str(scan), "--jobs", str(j), "-f", "json", "-o", str(tmp / f"j{j}.json")]
                              for j in (1, 2)]
        times: list[list[float]] = [[] for _ in cmds]
        for _ in range(runs):
            for i, cmd in enumerate(cmds):
                t = time.perf_counter()
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
                times[i].append(time.perf_counter() - t)
        bare, one, two = (statistics.median(t) / n for t in times)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [("keoach parse, scan at 300 dpi, per OCR'd page (--jobs 1, whole process)", f"{one:.2f} s",
             f"{one / bare:.2f}x tesseract", _check(one / bare <= 1.15, "<= 1.15x bare tesseract")),
            ("bare `tesseract` on the same page images, per page", f"{bare:.2f} s", "1.00x", ""),
            ("OCR pages/s at --jobs 1", f"{1 / one:.2f} pages/s", "1.00x", ""),
            ("OCR pages/s at --jobs 2", f"{1 / two:.2f} pages/s", f"{one / two:.2f}x --jobs 1",
             _check(one / two >= 1.7, ">= 1.7x --jobs 1") if (os.cpu_count() or 1) >= 2 else "(one core)")]


def _check(ok: bool, what: str) -> str:
    return f"{'PASS' if ok else 'FAIL'} ({what})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--only", choices=["ocr"], help="run one part of the benchmark")
    ap.add_argument("--ocr-runs", type=int, default=2)
    args = ap.parse_args()
    if not (args.shared / "corpus").is_dir():
        print(f"bench: no corpus at {args.shared}/corpus (use --shared)", file=sys.stderr)
        return 2
    if not Path(KEOACH).exists():
        print(f"bench: {KEOACH} not found: run from the environment keoach is installed in", file=sys.stderr)
        return 2
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    print(f"keoach benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}, medians of {args.runs} runs\n")
    print("| measure | time / rate | ratio | check |\n|---|---|---|---|")
    if args.only == "ocr":
        rows = ocr(args.shared, args.ocr_runs)
    else:
        rows = startup(args.shared, args.runs) + throughput(args.shared, args.files) + pdf(args.shared, args.runs) \
            + docx(args.shared, args.runs) + ocr(args.shared, args.ocr_runs)
    for row in rows:
        print("| " + " | ".join(row) + " |")
    failed = [r for r in rows if r[3].startswith("FAIL")]
    print(f"\n{len(failed)} of {sum(1 for r in rows if r[3])} checks failed" if failed else "\nall checks pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
