"""`keoach parse`: plans to JSON, JSON Lines, a summary, CSV or XLSX; one file, many, or stdin."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ...errors import KeoachError
from ...run import _parse_one
from ...writers import PlanWriter, ReaderGone
from ..app import STDIN, Output, Quiet, Verbose, _report_skipped, _resolve, app, collect_inputs, fail, read_stdin


class ParseFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    summary = "summary"
    csv = "csv"
    xlsx = "xlsx"


class OcrMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class TableName(str, Enum):
    targets = "targets"
    assignments = "assignments"
    deadlines = "deadlines"


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
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes, or for one file pages OCR'd at "
                                                           "once (default: the number of cores).")] = 0,
    skip_existing: Annotated[bool, typer.Option("--skip-existing", help="With --out-dir (JSON): skip inputs "
                                                                        "already converted (same sha256).")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that fails.")] = False,
    pdf_engine: Annotated[str, typer.Option("--pdf-engine", help="pdfium (fast, default) or pdfplumber.")] = "pdfium",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds allowed per file.")] = 120.0,
    ocr: Annotated[OcrMode, typer.Option("--ocr", help="OCR (Tesseract, vie) of scans and glyph-id pages: auto "
                                                       "(pages without a usable text layer), always, never.")]
    = OcrMode.auto,
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
    if not timeout >= 0:
        fail("--timeout must be a number of seconds (0 or inf: no limit)")
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
        from ...output import table_columns
        try:
            table_columns(table.value, field_list)
        except ValueError as e:
            fail(str(e))
    writer = PlanWriter(form, dest, many, table.value, field_list, bom)
    if stdin:
        _write_one(writer, _parse_stdin(pdf_engine, timeout))
        return
    if not inputs:
        fail("no input files found" + (f" ({len(skipped)} files skipped: -v names them)" if skipped else ""))
    if not many and dest.kind != "dir":
        path, data, error, _ = _parse_one((str(inputs[0][0]), pdf_engine, timeout, writer.worker_form, ocr.value, jobs,
                                           not quiet))
        if error is not None:
            fail(f"{path}: {error}")
        _write_one(writer, data)
        return
    from .batch import run_batch
    code = run_batch(inputs, writer, jobs=jobs, skip_existing=skip_existing, fail_fast=fail_fast, engine=pdf_engine,
                     timeout=timeout, quiet=quiet, verbose=verbose, not_read=_report_skipped(skipped, verbose),
                     ocr=ocr.value)
    raise typer.Exit(code)


def _write_one(writer: PlanWriter, data) -> None:
    """One plan through the writer; a file is renamed into place only when all of it is written."""
    try:
        writer.plan(data)
        writer.close()
    except BrokenPipeError as e:        # `keoach parse F -f summary | head -3`
        writer.close(e)
        raise ReaderGone() from None
    except BaseException as e:
        writer.close(e)
        raise


def _parse_stdin(engine: str, timeout: float) -> dict:
    from ...output import plan_dict
    try:
        plans = read_stdin(engine, timeout)
    except KeoachError as e:
        fail(str(e))
        raise
    if len(plans) != 1:
        fail(f"-: holds {len(plans)} plans, expected one")
    return plan_dict(plans[0])
