"""`keoach deadlines`: every deadline of many plans by date (agenda.py expands, view.py writes)."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ...errors import KeoachError
from ...writers import write
from ..app import (SUFFIXES, STDIN, Output, Quiet, Verbose, _report_skipped, _resolve, app, collect_inputs, fail,
                   note, read_plans)


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
    plans, failed = _read_once(inputs, pdf_engine, verbose)
    if not plans:
        if failed:                      # each has had its line
            raise typer.Exit(2)
        fail("no plan could be read" if inputs else "no input files found")
    found = agenda(plans, window, Filters(actor=actor, grep=grep, today=now, upcoming=upcoming, overdue=overdue))
    stamp = datetime(now.year, now.month, now.day, tzinfo=timezone.utc) if pinned else datetime.now(timezone.utc)
    if form.name == "ics":
        undated = sum(o.start is None for o in found)
        if undated:
            note(f"{undated} deadlines without a date are not in the calendar", quiet)
    write(form, dest, found, today=now, bom=bom, stamp=stamp, alarm=alarm, name=calendar_name, plans=plans)
    raise typer.Exit(1 if failed else 0)


def _read_once(inputs: list[tuple[Path, Path]], engine: str, verbose: bool) -> tuple[list, int]:
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
