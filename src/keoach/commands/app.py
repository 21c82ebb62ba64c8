"""The typer app and what the commands share. Each command (commands/<name>/command.py) resolves
its format and destination (writers.resolve, before reading any input), reads its inputs, calls
the library and hands the result to a writer."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import __version__
from ..errors import KeoachError
from ..files import IMAGES
from ..run import parse_checked
from ..writers import Destination, Format, UsageError, resolve, write

app = typer.Typer(pretty_exceptions_enable=False, no_args_is_help=True,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Vietnamese government plans (Kế hoạch) as data: targets, responsibilities, deadlines.")

SUFFIXES = (".txt", ".md", ".pdf", ".docx", *IMAGES)     # what -r reads in a folder; images by OCR
STDIN = Path("-")

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress, counts or notes on stderr (errors still).")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Name each file skipped and why.")]
Output = Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file (atomically); '-' is stdout.")]


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
    """keoach reads Kế hoạch files (.txt .md .pdf .docx; scans .png .jpg .tif by OCR) and prints their data."""


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
    folders that are not read (a .doc, a spreadsheet): counted as skipped, named with -v."""
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
    from ..parse.readers import REFUSED
    for f in skipped:
        if verbose:
            why = REFUSED.get(f.suffix.lower(), f"not a plan file ({f.suffix or 'no extension'})")
            note(f"{f}: skipped: {why}")
    return len(skipped)

def read_stdin(engine: str = "pdfium", timeout: float = 120.0):
    """The plans on standard input: the JSON or JSON Lines of `keoach parse`, or a plan file's
    bytes (text, or a PDF or .docx recognized by its first bytes)."""
    from ..parse.readers import MAX_TEXT_BYTES
    data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise KeoachError("-", f"input too large (the limit is {MAX_TEXT_BYTES:,} bytes)")
    if not data.strip():
        raise KeoachError("-", "empty input")
    if data.lstrip()[:1] == b"{":
        return _plans_of_json(data.splitlines() if b"\n{" in data.strip() else [data], "-")
    return [_parse_bytes(data, engine, timeout)]


def _parse_bytes(data: bytes, engine: str, timeout: float):
    from ..parse import parse_read
    from ..parse.readers import READERS, read_text
    from ..run import _refuse_non_plan, _time_limit
    with _time_limit(timeout, "-"):
        if data.startswith(b"%PDF"):
            from ..parse.readers import read_pdf
            read = read_pdf(data, "-", engine)
        elif data.startswith(b"PK\x03\x04"):
            read = READERS[".docx"](data, "-")
        else:
            read = read_text(data, "-", "txt")
        plan = parse_read(read, "-")
    _refuse_non_plan(plan, "-")         # what a file would be told
    return plan

def _plans_of_json(records: list[bytes], path: str) -> list:
    from pydantic import ValidationError

    from ..model import load_json
    plans = []
    for number, record in enumerate(records, start=1):
        if not record.strip() or record.lstrip().startswith(b'{"source"'):      # skip error records
            continue
        try:
            plans.append(load_json(record))
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(map(str, first["loc"])) or "top level"
            line = f"record {number}, " if len(records) > 1 else ""
            raise KeoachError(path, f"not the JSON of keoach parse ({line}{where}: {first['msg']})") from None
    return plans


def read_plans(path: Path, engine: str = "pdfium", timeout: float = 120.0) -> list:
    """Plans from a plan file, the JSON `keoach parse` wrote (one plan or an array), its JSON
    Lines (error records skipped), or '-' (standard input); raises KeoachError with a one-line problem."""
    if path == STDIN:
        return read_stdin(engine, timeout)
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl"):
        from ..files import read_regular
        data = read_regular(path)           # a regular file, never past the size limit
        if suffix == ".json" and data.lstrip()[:1] == b"[":
            import json
            try:
                items = json.loads(data)
            except ValueError as e:
                raise KeoachError(str(path), f"not JSON ({e})") from None
            return _plans_of_json([json.dumps(x).encode() for x in items], str(path))
        return _plans_of_json([data] if suffix == ".json" else data.splitlines(), str(path))
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


# The commands, one package each (keoach/commands/<name>/command.py), registered in this order;
# schema last.
from .parse import command as _parse_command  # noqa: E402,F401
from .diff import command as _diff_command  # noqa: E402,F401
from .deadlines import command as _deadlines_command  # noqa: E402,F401


@app.command()
def schema(output: Output = None, quiet: Quiet = False, verbose: Verbose = False) -> None:
    """Print the JSON Schema of the output, generated from the models.

    Example: keoach schema > keoach.schema.json
    """
    from ..model import json_schema
    form, dest = _resolve("schema", None, output)
    write(form, dest, json_schema())
