"""Parsing one file, with no typer: the worker of a batch, and the fast path of
`keoach parse FILE` (cli.main answers it without importing the command-line framework)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from .errors import KeoachError, display_path
from .files import IMAGES
from .output import json_bytes, plan_dict, stdout_is_terminal, to_json


def parse_checked(path: str, engine: str = "pdfium", timeout: float = 120.0, data: bytes | None = None,
                  ocr: str = "auto", ocr_jobs: int = 0, progress: bool = False):
    """parse_file (or parse_bytes of `data`, standard input) within the time limit, refusing a
    text with nothing of a plan; every failure is a KeoachError with a one-line problem. `ocr` is
    --ocr; `ocr_jobs` pages are OCR'd at once (0: one per core); `progress`: a bar of the pages
    OCR'd, on a terminal (one file, not a batch, whose parent draws its own)."""
    from .parse import parse_bytes, parse_file
    options = None
    if data is None and Path(path).suffix.lower() in (".pdf", *IMAGES):
        from .parse.ocr import OcrOptions       # a text plan imports nothing of OCR
        options = OcrOptions(ocr, ocr_jobs, timeout if 0 < timeout < float("inf") else None, progress)
    try:
        with _time_limit(timeout, path):
            plan = parse_file(path, pdf_engine=engine, ocr=options) if data is None else parse_bytes(data, path)
    except RecursionError:
        raise KeoachError(path, "too deeply nested to read") from None
    except MemoryError:
        raise KeoachError(path, "out of memory while reading") from None
    _refuse_non_plan(plan, path)
    return plan


def _parse_one(args: tuple) -> tuple[str, Optional[dict | bytes], Optional[str], int]:
    """Worker: parse one file; returns (path, plan or None, error or None, pages). The plan is a
    dict, or with a 4th argument "jsonl"/"pretty" its JSON in UTF-8: a batch's workers serialize,
    so the parent only writes (sending bytes between processes is also cheaper than a dict)."""
    path, engine, timeout, *rest = args       # rest: [form[, ocr mode[, pages OCR'd at once[, progress]]]]
    form = rest[:1]
    shown = display_path(path)
    try:
        plan = parse_checked(path, engine, timeout, None, *rest[1:4])
        data = plan_dict(plan)
        if form and form[0] != "dict":
            data = json_bytes(data, indent=None if form[0] == "jsonl" else 2)
        return shown, data, None, plan.source.pages or 0
    except KeoachError as e:
        return shown, None, e.problem, 0
    except Exception as e:  # a bug of ours must not cost the other files of a batch their output
        return shown, None, " ".join(f"internal error: {type(e).__name__}: {e} (please report it)".split()), 0


NOT_A_PLAN = ("not a plan: no plan heading (KẾ HOẠCH, CHƯƠNG TRÌNH ...), no plan sections "
              "(I. MỤC TIÊU, II. NHIỆM VỤ ...), no targets, no deadlines and no cited documents")


def _refuse_non_plan(plan, path: str) -> None:
    """A text with nothing of a plan (a novel, an English memo) is an error, not empty JSON."""
    if (plan.document.type is None and not plan.indicators and not plan.deadlines
            and not plan.document.references and not any(s.kind != "other" for s in plan.sections)):
        raise KeoachError(path, NOT_A_PLAN)


MAX_TIMEOUT = 366 * 24 * 3600.0


class _time_limit:
    """SIGALRM-based per-file limit (POSIX main thread only; elsewhere no limit)."""

    def __init__(self, seconds: float, path: str) -> None:
        self.seconds, self.path = seconds, path

    def __enter__(self):
        import signal
        import threading
        # 0, inf or past a year: no limit (setitimer overflows on inf)
        self.active = (0 < self.seconds < MAX_TIMEOUT and hasattr(signal, "SIGALRM")
                       and threading.current_thread() is threading.main_thread())
        if self.active:
            def on_alarm(signum, frame):
                raise KeoachError(self.path, f"timed out after {self.seconds:g} s (raise --timeout)")
            self.previous = signal.signal(signal.SIGALRM, on_alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        if self.active:
            import signal
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


def parse_single(path: str) -> int:
    """`keoach parse FILE` with no options: the plan's JSON on stdout, or one line and exit 2."""
    path, data, error, _ = _parse_one((path, "pdfium", 120.0, "dict", "auto", 0, True))
    if error is not None:
        print(f"keoach: {path}: {error}", file=sys.stderr)
        return 2
    out = getattr(sys.stdout, "buffer", None)     # UTF-8 bytes whatever the locale's encoding
    text = to_json(data, indent=2 if stdout_is_terminal() else None).encode("utf-8")
    if out is None:
        sys.stdout.write(text.decode("utf-8"))
    else:
        out.write(text)
    return 0
