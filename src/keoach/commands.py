"""Typer commands. Each resolves inputs, calls the library and hands the result to a writer."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import KeoachError
from .output import atomic_write, plan_dict, stdout_is_terminal, to_json
from .run import _parse_one, parse_checked

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True,
                  help="Vietnamese government plans (Kế hoạch) as data: targets, responsibilities, deadlines.")

SUFFIXES = (".txt", ".md", ".pdf", ".docx")


class ParseFormat(str, Enum):
    json = "json"
    summary = "summary"
    csv = "csv"
    xlsx = "xlsx"


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"keoach: {message}", err=True)
    raise typer.Exit(code)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"keoach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", "-V", callback=version_callback, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """keoach reads Kế hoạch files (.txt .md .pdf .docx) and prints their data."""


def collect_inputs(paths: list[Path], recursive: bool, glob: Optional[str],
                   suffixes: tuple[str, ...] = SUFFIXES) -> list[tuple[Path, Path]]:
    """(file, path relative to the input it came from) in a stable order."""
    out: list[tuple[Path, Path]] = []
    for p in paths:
        if p.is_dir():
            if not recursive:
                out.append((p, Path(p.name)))       # read_path reports "is a directory"
                continue
            pattern = glob or "*"
            found = sorted(f for f in p.rglob(pattern) if f.is_file() and (glob or f.suffix.lower() in suffixes))
            out.extend((f, f.relative_to(p)) for f in found)
        else:
            out.append((p, Path(p.name)))
    return out


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Plan files or folders; '-' reads standard input.")],
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f", help="json (default), summary, csv, xlsx.")] = ParseFormat.json,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file (atomically).")] = None,
    out_dir: Annotated[Optional[Path], typer.Option("--out-dir", help="One JSON per input here, mirroring paths.")] = None,
    recursive: Annotated[bool, typer.Option("-r", "--recursive", help="Parse the files inside folders.")] = False,
    glob: Annotated[Optional[str], typer.Option("--glob", help="With -r: only files matching, e.g. '*.pdf'.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: the number of cores).")] = 0,
    skip_existing: Annotated[bool, typer.Option("--skip-existing", help="With --out-dir: skip inputs already converted.")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that fails.")] = False,
    pdf_engine: Annotated[str, typer.Option("--pdf-engine", help="pdfium (fast, default) or pdfplumber.")] = "pdfium",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds allowed per file.")] = 120.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
    bom: Annotated[Optional[bool], typer.Option("--bom/--no-bom", help="CSV: byte-order mark (default: on for files).")] = None,
) -> None:
    """Parse plans to the JSON of SPEC.md (one plan: JSON; many: JSON Lines or --out-dir).

    Example: keoach parse samples/thi-xa-huong-tra-2021-2025.txt
    """
    if pdf_engine not in ("pdfium", "pdfplumber"):
        fail(f"--pdf-engine must be pdfium or pdfplumber, not {pdf_engine!r}")
    if jobs < 0:
        fail("--jobs must be 0 (one per core) or more")
    if not timeout >= 0:
        fail("--timeout must be a number of seconds (0 or inf: no limit)")
    if files == [Path("-")]:
        _parse_stdin(fmt, output, timeout)
        return
    inputs = collect_inputs(files, recursive, glob)
    if not inputs:
        fail("no input files found")
    single = len(inputs) == 1 and out_dir is None and not (files[0].is_dir() and recursive)
    if single and fmt in (ParseFormat.json, ParseFormat.summary):
        path, data, error, _ = _parse_one((str(inputs[0][0]), pdf_engine, timeout))
        if error is not None:
            fail(f"{path}: {error}")
        _emit_single(data, fmt, output)
        return
    from .batch import run_batch
    code = run_batch(inputs, fmt=fmt.value, output=output, out_dir=out_dir, jobs=jobs, skip_existing=skip_existing,
                     fail_fast=fail_fast, engine=pdf_engine, timeout=timeout, quiet=quiet, bom=bom)
    raise typer.Exit(code)


def _parse_stdin(fmt: ParseFormat, output: Optional[Path], timeout: float) -> None:
    """Standard input as a text plan: the size limit, the time limit and the plan check of a file."""
    from .files import MAX_INPUT_BYTES
    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        fail(f"-: input too large (over {MAX_INPUT_BYTES:,} bytes, the limit)")
    if not data.strip():
        fail("-: empty input")
    try:
        plan = parse_checked("-", timeout=timeout, data=data)
    except KeoachError as e:
        fail(str(e))
    _emit_single(plan_dict(plan), fmt, output)


def _emit_single(data: dict, fmt: ParseFormat, output: Optional[Path]) -> None:
    if fmt == ParseFormat.summary:
        from .summary import print_summary
        print_summary(data)
        return
    text = to_json(data, indent=2 if (output or stdout_is_terminal()) else None)
    if output:
        atomic_write(output, text)
    else:
        sys.stdout.write(text)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output, generated from the models.

    Example: keoach schema > keoach.schema.json
    """
    from .model import json_schema
    sys.stdout.write(to_json(json_schema()))


def read_plans(path: Path, engine: str = "pdfium", timeout: float = 120.0) -> list:
    """Plans from a plan file, the JSON `keoach parse` wrote, or its JSON Lines (error records
    skipped); raises KeoachError with a one-line problem."""
    from pydantic import ValidationError

    from .files import read_regular
    from .model import load_json
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl"):
        data = read_regular(path)
        lines = [data] if suffix == ".json" else data.splitlines()
        plans = []
        for number, record in enumerate(lines, start=1):
            if not record.strip() or record.lstrip().startswith(b'{"source"'):      # skip error records
                continue
            try:
                plans.append(load_json(record))
            except ValidationError as e:
                first = e.errors()[0]
                where = ".".join(map(str, first["loc"])) or "top level"
                line = f"line {number}, " if suffix == ".jsonl" else ""
                raise KeoachError(path, f"not the JSON of keoach parse ({line}{where}: {first['msg']})") from None
        return plans
    return [parse_checked(str(path), engine, timeout)]


def load_plan(path: Path, engine: str = "pdfium", timeout: float = 120.0):
    """The one plan of `path`, or a one-line failure (exit 2)."""
    try:
        plans = read_plans(path, engine, timeout)
    except KeoachError as e:
        fail(str(e))
    if len(plans) != 1:
        fail(f"{path}: holds {len(plans)} plans, expected one")
    return plans[0]


class DiffFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"


@app.command()
def diff(
    a: Annotated[Path, typer.Argument(help="Plan A (file, or JSON from keoach parse).")],
    b: Annotated[Path, typer.Argument(help="Plan B, compared against A.")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="table (default), json, md.")] = DiffFormat.table,
    only: Annotated[Optional[str], typer.Option("--only", help="Comma list of: targets, sections, assignments, "
                                                                "deadlines, document.")] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Least similarity for a pair by meaning.")] = 0.35,
    show_same: Annotated[bool, typer.Option("--all", help="Also list unchanged targets.")] = False,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file (atomically).")] = None,
    pdf_engine: Annotated[str, typer.Option("--pdf-engine", help="pdfium (default) or pdfplumber.")] = "pdfium",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds allowed to read each plan, and to compare them.")] = 120.0,
) -> None:
    """What changed from plan A to plan B, target by target. Exit 0: no differences, 1: differences.

    Example: keoach diff province-plan.pdf district-plan.docx --only targets
    """
    from .compare import compare_plans
    from .model.diff import PARTS
    parts = set(PARTS)
    if only:
        parts = {p.strip() for p in only.split(",") if p.strip()}
        unknown = parts - set(PARTS)
        if unknown:
            fail(f"--only: unknown part {', '.join(sorted(unknown))} (use {', '.join(PARTS)})")
    if not 0 <= threshold <= 1:
        fail("--threshold must be between 0 and 1")
    if not timeout >= 0:
        fail("--timeout must be a number of seconds (0 or inf: no limit)")
    from .run import _time_limit
    plan_a, plan_b = load_plan(a, pdf_engine, timeout), load_plan(b, pdf_engine, timeout)
    try:
        with _time_limit(timeout, f"{a} vs {b}"):
            result = compare_plans(plan_a, plan_b, threshold).only(parts)
    except KeoachError as e:
        fail(str(e))
    if fmt == DiffFormat.table and output is None:
        from .diffview import print_table
        print_table(result, show_same)
    else:
        if fmt == DiffFormat.md:
            from .diffview import markdown
            text = markdown(result, show_same)
        else:
            text = to_json(result.model_dump(mode="json") | {"counts": result.counts()})
        if output:
            atomic_write(output, text)
        else:
            sys.stdout.write(text)
    raise typer.Exit(1 if any(result.counts().values()) else 0)


class DeadlineFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    ics = "ics"


def _day(text: Optional[str], option: str, last: bool = False):
    """An ISO day, or a month ("2026-03") or year ("2026") taken at its first (or `last`) day."""
    if text is None:
        return None
    from .agenda import period_of
    span = period_of(text.strip())
    if span is None:
        fail(f"{option}: {text!r} is not a date (use 2026-03-31, 2026-03 or 2026)")
    return span[1] if last else span[0]


@app.command()
def deadlines(
    files: Annotated[list[Path], typer.Argument(help="Plan files, folders, or JSON/JSONL from keoach parse.")],
    fmt: Annotated[DeadlineFormat, typer.Option("--format", "-f", help="table (default), json, jsonl, csv, ics.")] = DeadlineFormat.table,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file (atomically).")] = None,
    recursive: Annotated[bool, typer.Option("-r", "--recursive", help="Read the plans inside folders.")] = False,
    since: Annotated[Optional[str], typer.Option("--from", help="Window start (default: each plan's period).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Window end, e.g. 2026-12-31, 2026-12 or 2026.")] = None,
    upcoming: Annotated[Optional[int], typer.Option("--upcoming", help="Only what falls due in the next N days.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only dates already past.")] = False,
    today: Annotated[Optional[str], typer.Option("--today", help="Pin today's date (scripts, tests).")] = None,
    actor: Annotated[Optional[str], typer.Option("--actor", help="Actor contains this (accents and case ignored).")] = None,
    grep: Annotated[Optional[str], typer.Option("--grep", help="Action, text, actor or plan title contains this.")] = None,
    bom: Annotated[Optional[bool], typer.Option("--bom/--no-bom", help="CSV: byte-order mark (default: on for files).")] = None,
    pdf_engine: Annotated[str, typer.Option("--pdf-engine", help="pdfium (default) or pdfplumber.")] = "pdfium",
) -> None:
    """Every deadline of one or many plans, by date; recurring ones expanded within each plan's period.

    Example: keoach deadlines plans/ -r --upcoming 30 --actor "lao dong"
    """
    from datetime import date as Date, datetime, timezone

    from .agenda import Filters, Window, agenda, ics_text
    from .agendaview import csv_of, json_of, jsonl_of, print_table
    if upcoming is not None and upcoming < 0:
        fail("--upcoming takes a number of days, 0 or more")
    pinned = _day(today, "--today")
    now = pinned or Date.today()
    start, end = _day(since, "--from"), _day(until, "--until", last=True)
    window = None
    if start or end:
        window = Window(start or Date(1900, 1, 1), end or Date(2199, 12, 31))
        if window.start > window.end:
            fail("--from is after --until")
    inputs = collect_inputs(files, recursive, None, suffixes=SUFFIXES + (".json", ".jsonl"))
    plans, failed = [], 0
    for path, _rel in inputs:
        try:
            plans.extend(read_plans(path, pdf_engine))
        except KeoachError as e:
            typer.echo(f"keoach: {e}", err=True)
            failed += 1
    if not plans:
        if failed:                      # each has had its line
            raise typer.Exit(2)
        fail("no plan could be read" if inputs else "no input files found")
    found = agenda(plans, window, Filters(actor=actor, grep=grep, today=now, upcoming=upcoming, overdue=overdue))
    to_file = output is not None
    if fmt == DeadlineFormat.table and not to_file:
        print_table(found, now)
    else:
        if fmt == DeadlineFormat.ics:
            stamp = datetime(now.year, now.month, now.day, tzinfo=timezone.utc) if pinned else datetime.now(timezone.utc)
            text = ics_text(found, stamp)
            undated = sum(o.start is None for o in found)
            if undated:
                typer.echo(f"keoach: {undated} deadlines without a date are not in the calendar", err=True)
        elif fmt == DeadlineFormat.csv:
            text = csv_of(found, now, bom=to_file if bom is None else bom)
        elif fmt == DeadlineFormat.jsonl:
            text = jsonl_of(found, now)
        else:
            text = json_of(found, now)
        if output:
            atomic_write(output, text)
        else:
            sys.stdout.write(text)
    raise typer.Exit(1 if failed else 0)
