"""Typer commands. Each resolves its format and destination (writers.resolve, before reading
any input), reads its inputs, calls the library and hands the result to a writer."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import KeoachError
from .output import to_json
from .run import _parse_one, parse_checked
from .writers import Destination, Format, PlanWriter, UsageError, resolve

app = typer.Typer(pretty_exceptions_enable=False, no_args_is_help=True,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Vietnamese government plans (Kế hoạch) as data: targets, responsibilities, deadlines.")

SUFFIXES = (".txt", ".md", ".pdf", ".docx")
STDIN = Path("-")

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress, counts or notes on stderr (errors still).")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Name each file skipped and why.")]
Output = Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file (atomically); '-' is stdout.")]


class ParseFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    summary = "summary"
    csv = "csv"
    xlsx = "xlsx"


class TableName(str, Enum):
    targets = "targets"
    assignments = "assignments"
    deadlines = "deadlines"


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"keoach: {message}", err=True)
    raise typer.Exit(code)


def note(message: str, quiet: bool = False) -> None:
    if not quiet:
        typer.echo(f"keoach: {message}", err=True)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"keoach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", "-V", callback=version_callback, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """keoach reads Kế hoạch files (.txt .md .pdf .docx) and prints their data."""


def _resolve(command: str, fmt: Optional[str], output: Optional[Path], out_dir: Optional[Path] = None,
             stdin: bool = False, many: bool = False) -> tuple[Format, Destination]:
    if command == "parse" and fmt is None and many and out_dir is None and not (
            output is not None and output.suffix.lower() in (".json", ".jsonl", ".csv", ".xlsx")):
        fmt = "jsonl"                   # several plans, no format named: JSON Lines (x.json: an array)
    try:
        return resolve(command, fmt, output, out_dir, stdin)
    except UsageError as e:
        fail(str(e))
        raise                           # unreachable: fail raises


def collect_inputs(paths: list[Path], recursive: bool, glob: Optional[str],
                   suffixes: tuple[str, ...] = SUFFIXES) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """(file, path relative to the input it came from) in a stable order, and the files inside
    folders that are not read (a .doc, an image): counted as skipped, named with -v."""
    out: list[tuple[Path, Path]] = []
    skipped: list[Path] = []
    for p in paths:
        if p.is_dir():
            if not recursive:
                out.append((p, Path(p.name)))       # read_path reports "is a directory"
                continue
            found = sorted(f for f in p.rglob(glob or "*") if f.is_file())
            for f in found:
                if glob or f.suffix.lower() in suffixes:
                    out.append((f, f.relative_to(p)))
                elif f.suffix.lower() not in OUTPUTS and not any(x.startswith(".") for x in f.relative_to(p).parts):
                    skipped.append(f)
        else:
            out.append((p, Path(p.name)))
    return out, skipped


OUTPUTS = (".json", ".jsonl", ".csv", ".xlsx", ".ics")     # what keoach writes beside its inputs


def _report_skipped(skipped: list[Path], verbose: bool) -> int:
    """Name each file of a folder that is not read (with -v); the number of them."""
    from .parse.readers import REFUSED
    for f in skipped:
        if verbose:
            why = REFUSED.get(f.suffix.lower(), f"not a plan file ({f.suffix or 'no extension'})")
            note(f"{f}: skipped: {why}")
    return len(skipped)


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Plan files or folders; '-' reads standard input.")],
    fmt: Annotated[Optional[ParseFormat], typer.Option(
        "--format", "-f", help="json (one plan; several: an array), jsonl (default for several), summary, "
                               "csv, xlsx. Default: from -o's suffix, else json.", show_default=False)] = None,
    output: Output = None,
    out_dir: Annotated[Optional[Path], typer.Option("--out-dir", help="One file per input here, mirroring paths.")] = None,
    recursive: Annotated[bool, typer.Option("-r", "--recursive", help="Parse the files inside folders.")] = False,
    glob: Annotated[Optional[str], typer.Option("--glob", help="With -r: only files matching, e.g. '*.pdf'.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: the number of cores).")] = 0,
    skip_existing: Annotated[bool, typer.Option("--skip-existing", help="With --out-dir (JSON): skip inputs "
                                                                        "already converted (same sha256).")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that fails.")] = False,
    pdf_engine: Annotated[str, typer.Option("--pdf-engine", help="pdfium (fast, default) or pdfplumber.")] = "pdfium",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds allowed per file.")] = 120.0,
    table: Annotated[TableName, typer.Option("--table", help="CSV: one row per target, assignment or deadline.")]
    = TableName.targets,
    fields: Annotated[Optional[str], typer.Option("--fields", help="CSV: these columns, in this order "
                                                                   "(comma list, e.g. file,code,metric,value).")] = None,
    bom: Annotated[Optional[bool], typer.Option("--bom/--no-bom", help="CSV: byte-order mark (default: on for files).")] = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Parse plans to the JSON of SPEC.md, or a summary, CSV or XLSX.

    Example: keoach parse samples/thi-xa-huong-tra-2021-2025.txt
    """
    if pdf_engine not in ("pdfium", "pdfplumber"):
        fail(f"--pdf-engine must be pdfium or pdfplumber, not {pdf_engine!r}")
    if jobs < 0:
        fail("--jobs must be 0 (one per core) or more")
    stdin = STDIN in files
    if stdin and len(files) > 1:
        fail("'-' (standard input) is one plan: give it alone")
    inputs, skipped = ([], []) if stdin else collect_inputs(files, recursive, glob)
    many = not stdin and (len(inputs) > 1 or any(f.is_dir() for f in files) and recursive)
    form, dest = _resolve("parse", fmt.value if fmt else None, output, out_dir, stdin, many)
    if skip_existing and (dest.kind != "dir" or form.name != "json"):
        fail("--skip-existing needs --out-dir and JSON (it compares the sha256 each JSON records)")
    if (table != TableName.targets or fields) and form.name != "csv":
        fail("--table and --fields choose the columns of --format csv")
    field_list = [f.strip() for f in fields.split(",") if f.strip()] if fields else None
    if field_list:
        from .output import table_columns
        try:
            table_columns(table.value, field_list)
        except ValueError as e:
            fail(str(e))
    writer = PlanWriter(form, dest, many, table.value, field_list, bom)
    if stdin:
        _write_one(writer, _parse_stdin(pdf_engine, timeout), "-")
        return
    if not inputs:
        fail("no input files found" + (f" ({len(skipped)} files skipped: -v names them)" if skipped else ""))
    if not many and dest.kind != "dir":
        path, data, error, _ = _parse_one((str(inputs[0][0]), pdf_engine, timeout, writer.worker_form))
        if error is not None:
            fail(f"{path}: {error}")
        _write_one(writer, data, path)
        return
    from .batch import run_batch
    code = run_batch(inputs, writer, jobs=jobs, skip_existing=skip_existing, fail_fast=fail_fast, engine=pdf_engine,
                     timeout=timeout, quiet=quiet, verbose=verbose, not_read=_report_skipped(skipped, verbose))
    raise typer.Exit(code)


def _write_one(writer: PlanWriter, data, path: str) -> None:
    try:
        writer.plan(data)
        writer.close()
    except BaseException as e:
        writer.close(e)
        raise


def read_stdin(engine: str = "pdfium", timeout: float = 120.0):
    """The plans on standard input: the JSON or JSON Lines of `keoach parse`, or a plan file's
    bytes (text, or a PDF or .docx recognized by its first bytes)."""
    from .parse.readers import MAX_TEXT_BYTES
    data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise KeoachError("-", f"input too large (the limit is {MAX_TEXT_BYTES:,} bytes)")
    if not data.strip():
        raise KeoachError("-", "empty input")
    if data.lstrip()[:1] == b"{":
        return _plans_of_json(data.splitlines() if b"\n{" in data.strip() else [data], "-")
    return [_parse_bytes(data, engine, timeout)]


def _parse_bytes(data: bytes, engine: str, timeout: float):
    from .parse import parse_read
    from .parse.readers import READERS, read_text
    from .run import _time_limit
    with _time_limit(timeout, "-"):
        if data.startswith(b"%PDF"):
            from .parse.readers import read_pdf
            read = read_pdf(data, "-", engine)
        elif data.startswith(b"PK\x03\x04"):
            read = READERS[".docx"](data, "-")
        else:
            read = read_text(data, "-", "txt")
        return parse_read(read, "-")


def _parse_stdin(engine: str, timeout: float) -> dict:
    from .output import plan_dict
    try:
        plans = read_stdin(engine, timeout)
    except KeoachError as e:
        fail(str(e))
        raise
    if len(plans) != 1:
        fail(f"-: holds {len(plans)} plans, expected one")
    return plan_dict(plans[0])


@app.command()
def schema(output: Output = None, quiet: Quiet = False, verbose: Verbose = False) -> None:
    """Print the JSON Schema of the output, generated from the models.

    Example: keoach schema > keoach.schema.json
    """
    from .model import json_schema
    _, dest = _resolve("schema", None, output)
    dest.write(to_json(json_schema()))


def _plans_of_json(records: list[bytes], path: str) -> list:
    from pydantic import ValidationError

    from .model import load_json
    try:
        return [load_json(x) for x in records if x.strip() and not x.lstrip().startswith(b'{"source"')]
    except ValidationError as e:
        first = e.errors()[0]
        raise KeoachError(path, f"not the JSON of keoach parse ({'.'.join(map(str, first['loc']))}: "
                                f"{first['msg']})") from None


def read_plans(path: Path, engine: str = "pdfium", timeout: float = 120.0) -> list:
    """Plans from a plan file, the JSON `keoach parse` wrote (one plan or an array), its JSON
    Lines (error records skipped), or '-' (standard input); raises KeoachError with a one-line problem."""
    if path == STDIN:
        return read_stdin(engine, timeout)
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl"):
        try:
            data = path.read_bytes()
        except OSError as e:
            raise KeoachError(str(path), f"cannot read: {e.strerror or e}") from None
        if suffix == ".json" and data.lstrip()[:1] == b"[":
            import json
            try:
                items = json.loads(data)
            except ValueError as e:
                raise KeoachError(str(path), f"not JSON ({e})") from None
            return _plans_of_json([json.dumps(x).encode() for x in items], str(path))
        return _plans_of_json([data] if suffix == ".json" else data.splitlines(), str(path))
    return [parse_checked(str(path), engine, timeout)]


def load_plan(path: Path, engine: str = "pdfium"):
    """The one plan of `path`, or a one-line failure (exit 2)."""
    try:
        plans = read_plans(path, engine)
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
    a: Annotated[Path, typer.Argument(help="Plan A (file, JSON from keoach parse, or '-').")],
    b: Annotated[Path, typer.Argument(help="Plan B, compared against A ('-': standard input).")],
    fmt: Annotated[Optional[DiffFormat], typer.Option("--format", "-f", help="table (default), json, md.",
                                                      show_default=False)] = None,
    only: Annotated[Optional[str], typer.Option("--only", help="Comma list of: targets, sections, assignments, "
                                                                "deadlines, document.")] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Least similarity for a pair by meaning.")] = 0.35,
    show_same: Annotated[bool, typer.Option("--all", help="Also list unchanged targets.")] = False,
    output: Output = None,
    pdf_engine: Annotated[str, typer.Option("--pdf-engine", help="pdfium (default) or pdfplumber.")] = "pdfium",
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """What changed from plan A to plan B, target by target. Exit 0: no differences, 1: differences.

    Example: keoach diff province-plan.pdf district-plan.docx --only targets
    """
    from .model.diff import PARTS
    form, dest = _resolve("diff", fmt.value if fmt else None, output)
    if a == STDIN and b == STDIN:
        fail("only one of A and B can be '-' (standard input)")
    parts = set(PARTS)
    if only:
        parts = {p.strip() for p in only.split(",") if p.strip()}
        unknown = parts - set(PARTS)
        if unknown:
            fail(f"--only: unknown part {', '.join(sorted(unknown))} (use {', '.join(PARTS)})")
    if not 0 <= threshold <= 1:
        fail("--threshold must be between 0 and 1")
    from .compare import compare_plans
    from .diffview import diff_output
    result = compare_plans(load_plan(a, pdf_engine), load_plan(b, pdf_engine), threshold).only(parts)
    dest.write(diff_output(result, form.name, show_same, dest), human=form.human)
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
    files: Annotated[list[Path], typer.Argument(help="Plan files, folders, JSON/JSONL from keoach parse, or '-'.")],
    fmt: Annotated[Optional[DeadlineFormat], typer.Option("--format", "-f", help="table (default), json, jsonl, "
                                                          "csv, ics.", show_default=False)] = None,
    output: Output = None,
    recursive: Annotated[bool, typer.Option("-r", "--recursive", help="Read the plans inside folders.")] = False,
    since: Annotated[Optional[str], typer.Option("--from", help="Window start; narrows each plan's period.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Window end, e.g. 2026-12-31, 2026-12 or 2026.")] = None,
    upcoming: Annotated[Optional[int], typer.Option("--upcoming", help="Only what falls due in the next N days.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only dates already past.")] = False,
    today: Annotated[Optional[str], typer.Option("--today", help="Pin today's date (scripts, tests).")] = None,
    actor: Annotated[Optional[str], typer.Option("--actor", help="Actor contains this (accents and case ignored).")] = None,
    grep: Annotated[Optional[str], typer.Option("--grep", help="Action, text, actor or plan title contains this.")] = None,
    bom: Annotated[Optional[bool], typer.Option("--bom/--no-bom", help="CSV: byte-order mark (default: on for files).")] = None,
    alarm: Annotated[Optional[int], typer.Option("--alarm", help="ICS: a reminder this many days before each deadline.")] = None,
    calendar_name: Annotated[Optional[str], typer.Option("--calendar-name", help="ICS: the calendar's name.")] = None,
    pdf_engine: Annotated[str, typer.Option("--pdf-engine", help="pdfium (default) or pdfplumber.")] = "pdfium",
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Every deadline of one or many plans, by date; recurring ones expanded within each plan's period.

    Example: keoach deadlines plans/ -r --upcoming 30 --actor "lao dong"
    """
    from datetime import date as Date, datetime, timezone

    from .agenda import Filters, Window, agenda
    from .agendaview import deadlines_output
    form, dest = _resolve("deadlines", fmt.value if fmt else None, output)
    if upcoming is not None and upcoming < 0:
        fail("--upcoming takes a number of days, 0 or more")
    if alarm is not None and alarm < 0:
        fail("--alarm takes a number of days before each deadline, 0 or more")
    if (alarm is not None or calendar_name) and form.name != "ics":
        fail("--alarm and --calendar-name are for --format ics")
    if files.count(STDIN) > 1:
        fail("'-' (standard input) can be given once")
    pinned = _day(today, "--today")
    now = pinned or Date.today()
    start, end = _day(since, "--from"), _day(until, "--until", last=True)
    window = None
    if start or end:
        window = Window(start or Date(1900, 1, 1), end or Date(2199, 12, 31))
        if window.start > window.end:
            fail("--from is after --until")
    inputs, skipped = collect_inputs(files, recursive, None, suffixes=SUFFIXES + (".json", ".jsonl"))
    if _report_skipped(skipped, verbose) and not quiet and not verbose:
        note(f"{len(skipped)} files in the folders are not plans keoach reads: skipped (-v names them)")
    plans, failed = _read_once(inputs, pdf_engine, quiet, verbose)
    if not plans:
        fail("no plan could be read" if inputs else "no input files found")
    found = agenda(plans, window, Filters(actor=actor, grep=grep, today=now, upcoming=upcoming, overdue=overdue))
    stamp = datetime(now.year, now.month, now.day, tzinfo=timezone.utc) if pinned else datetime.now(timezone.utc)
    if form.name == "ics":
        undated = sum(o.start is None for o in found)
        if undated:
            note(f"{undated} deadlines without a date are not in the calendar", quiet)
    dest.write(deadlines_output(found, form.name, now, dest, bom=bom, stamp=stamp, alarm=alarm,
                                calendar_name=calendar_name, plans=plans), human=form.human)
    raise typer.Exit(1 if failed else 0)


def _read_once(inputs: list[tuple[Path, Path]], engine: str, quiet: bool, verbose: bool) -> tuple[list, int]:
    """Every plan of the inputs, each once: a plan and the JSON keoach wrote of it carry the same
    sha256, and the JSON (read first: it is cheaper) stands for both; a source whose JSON was
    already read is not parsed at all."""
    import hashlib
    order = sorted(range(len(inputs)), key=lambda i: inputs[i][0].suffix.lower() not in (".json", ".jsonl"))
    found: dict[int, list] = {}
    seen: dict[str, Path] = {}
    failed = 0
    for i in order:
        path = inputs[i][0]
        if path != STDIN and path.suffix.lower() not in (".json", ".jsonl") and path.is_file():
            try:
                with path.open("rb") as fh:
                    digest = hashlib.file_digest(fh, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
                        else hashlib.sha256(fh.read()).hexdigest()
            except OSError:
                digest = None
            if digest in seen:
                if verbose:
                    note(f"{path}: skipped: the same plan as {seen[digest]}")
                continue
        try:
            plans = read_plans(path, engine)
        except KeoachError as e:
            typer.echo(f"keoach: {e}", err=True)
            failed += 1
            continue
        kept = []
        for plan in plans:
            if plan.source.sha256 in seen:
                if verbose:
                    note(f"{path}: {plan.source.path}: skipped: the same plan as {seen[plan.source.sha256]}")
                continue
            seen[plan.source.sha256] = path
            kept.append(plan)
        found[i] = kept
    return [p for i in sorted(found) for p in found[i]], failed
