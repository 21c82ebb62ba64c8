"""Many files in one process pool: JSON Lines in input order, or one JSON per input in --out-dir
(written atomically, re-runs skip what is done), CSV/XLSX tables, a summary on stderr."""
from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Iterator, Optional

from ...output import use_color
from ...writers import PlanWriter


def output_names(inputs: list[tuple[Path, Path]], suffix: str = ".json") -> list[Path]:
    """plan.pdf -> plan.json, mirroring relative paths; two inputs never share an output."""
    names: list[Path] = []
    taken: set[str] = set()
    for _, rel in inputs:
        name = rel.with_suffix(suffix)
        if str(name).casefold() in taken:
            name = rel.with_name(rel.name + suffix)
        n = 2
        while str(name).casefold() in taken:
            name = rel.with_name(f"{rel.stem}-{n}{suffix}")
            n += 1
        taken.add(str(name).casefold())
        names.append(name)
    return names


def _sha256(path: Path) -> Optional[str]:
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def _done(out: Path, src: Path) -> bool:
    """An output exists and records the same input sha256."""
    try:
        with out.open("rb") as fh:
            head = fh.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    digest = _sha256(src)
    return digest is not None and f'"sha256": "{digest}"' in head


def _freeze_imports() -> None:
    """Move everything imported so far out of the garbage collector's sight: each parse makes
    many short-lived objects, and full collections would walk every module again (~15% of a batch)."""
    import gc

    from ... import parse  # noqa: F401 - import before freezing
    gc.freeze()


def _results(tasks: list[tuple], jobs: int) -> Iterator[tuple]:
    from ...run import _parse_one
    if jobs <= 1 or len(tasks) <= 1:
        for t in tasks:
            yield _parse_one(t)
        return
    from ...pool import run_ordered
    yield from run_ordered(tasks, jobs, _parse_one, _lost)


def _lost(task: tuple, problem: str) -> tuple:
    """The record of a file whose worker died while reading it."""
    return task[0], None, problem, 0


def run_batch(inputs: list[tuple[Path, Path]], writer: PlanWriter, jobs: int, skip_existing: bool,
              fail_fast: bool, engine: str, timeout: float, quiet: bool, verbose: bool = False,
              not_read: int = 0, ocr: str = "auto") -> int:
    """Parse every input and hand each plan (or error) to `writer`; 1 if any file failed.
    `not_read`: files of the folders that are not plans (.doc, .xlsx ...), counted apart."""
    start = time.perf_counter()
    jobs = jobs or os.cpu_count() or 1
    _freeze_imports()
    out_dir = writer.dest.path if writer.dest.kind == "dir" else None
    names = output_names(inputs, writer.form.suffix) if out_dir else [None] * len(inputs)
    todo, skipped = [], 0
    for (src, _), name in zip(inputs, names):
        if out_dir and skip_existing and _done(out_dir / name, src):
            skipped += 1
            if verbose:
                print(f"keoach: {src}: skipped, {out_dir / name} has its sha256", file=sys.stderr)
            continue
        todo.append((src, name))
    ok = failed = pages = 0
    progress = _Progress(len(todo), quiet)
    interrupted = reader_gone = False
    form = writer.worker_form
    # files in parallel, so each file's pages are OCR'd one at a time (--jobs counts processes)
    results = _results([(str(s), engine, timeout, form, ocr, 1) for s, _ in todo], jobs)
    try:
        for (src, name), (path, data, error, n_pages) in zip(todo, results):
            pages += n_pages
            if error is not None:
                failed += 1
                print(f"keoach: {path}: {error}", file=sys.stderr)
                writer.error(path, error)
                if fail_fast:
                    break
            else:
                ok += 1
                writer.plan(data, name)
            progress.advance(n_pages)
        writer.close()
    except KeyboardInterrupt as e:
        interrupted = True
        writer.close(e)
    except BrokenPipeError as e:            # `keoach parse DIR -r | head`: the reader has what it wanted
        reader_gone = True
        writer.close(e)
    except BaseException as e:
        writer.close(e)
        raise
    finally:
        results.close()                 # interrupted or --fail-fast: the workers stop now
        progress.close()
    if interrupted:
        print(f"keoach: interrupted: {ok} written, {failed} failed, {len(todo) - ok - failed} not done "
              "(no partial file left; rerun with --skip-existing to continue)", file=sys.stderr)
        raise SystemExit(130)
    if reader_gone:
        return 0
    if not quiet:
        seconds = time.perf_counter() - start
        other = f", {not_read} not plan files ({'named above' if verbose else '-v names them'})" if not_read else ""
        print(f"keoach: {ok} ok, {failed} failed, {skipped} skipped{other}, {pages} pages, {seconds:.2f} s",
              file=sys.stderr)
    return 1 if failed else 0


class _Progress:
    """A rich progress bar on stderr, only on a terminal and without --quiet."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.bar = None
        if quiet or not sys.stderr.isatty() or total < 2:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
        self.pages = 0
        self.bar = Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[pages]} pages"), TimeRemainingColumn(),
                            console=Console(stderr=True, no_color=not use_color()), transient=True)
        self.task = self.bar.add_task("parse", total=total, pages=0)
        self.bar.start()

    def advance(self, pages: int) -> None:
        if self.bar is not None:
            self.pages += pages
            self.bar.update(self.task, advance=1, pages=self.pages)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
