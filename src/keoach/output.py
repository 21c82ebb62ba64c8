"""Writers: JSON/JSONL, CSV, atomic file writes. Nothing here imports rich; the table and
summary views import it inside the function that prints."""
from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any, Iterable

from .model import Plan, to_dict


def plan_dict(plan: Plan) -> dict[str, Any]:
    return to_dict(plan)


def to_json(obj: Any, indent: int | None = 2) -> str:
    """`obj` as JSON text (UTF-8 characters as they are), compact or indented by two spaces,
    with a final newline."""
    return json.dumps(obj, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":")) + "\n"


def json_bytes(obj: Any, indent: int | None = 2) -> bytes:
    """to_json(obj, indent) encoded in UTF-8, for a batch: orjson writes the same text in a
    twelfth of the time of json.dumps (but costs 17 ms to import, more than one file saves).

    json.dumps still writes where orjson cannot (integers beyond 64 bits, lone surrogates, subclasses
    of str, int or dict) and where orjson writes otherwise: floats under 1e-4 ("1e-05", orjson
    "0.00001"), which is where its output holds "0.0000" or "e-". tests/test_output.py holds the two
    to the same text."""
    try:
        import orjson
    except ImportError:                         # a dependency, but the text is the same without it
        orjson = None
    if orjson is not None and indent in (None, 2):
        options = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS
        try:
            data = orjson.dumps(obj, option=options | (orjson.OPT_INDENT_2 if indent else 0))
        except TypeError:                       # orjson.JSONEncodeError is a TypeError
            data = None
        if data is not None and b"e-" not in data and b"0.0000" not in data:
            return data + b"\n"
    return to_json(obj, indent).encode("utf-8")     # a lone surrogate raises, as writing it would


def atomic_write(path: Path, data: str | bytes, encoding: str = "utf-8") -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file.

    Ctrl-C and SIGTERM are held while the file is written (and delivered right after), so an
    interrupted run leaves either the whole file or nothing, never a temporary one."""
    from .errors import OutputError
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_replacing(path, payload)
    except OSError as e:
        raise OutputError(path, f"cannot write: {e.strerror or e}") from None


def _write_replacing(path: Path, payload: bytes) -> None:
    import tempfile
    with _signals_held():
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


class _signals_held:
    """Ctrl-C and SIGTERM wait until the block ends, then are raised again. Done with Python
    handlers, not the thread's signal mask: a process pool's helper thread may be the one the
    kernel hands the signal to, and Python would still run the handler in the main thread."""

    def __enter__(self):
        import signal
        import threading
        self.pending: list[int] = []
        self.saved = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.saved[sig] = signal.signal(sig, lambda signum, frame: self.pending.append(signum))
        return self

    def __exit__(self, *exc):
        import signal
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)
        if self.pending:
            signal.raise_signal(self.pending[0])
        return False


def csv_text(header: list[str], rows: Iterable[list[Any]], bom: bool) -> str:
    import csv
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def use_color() -> bool:
    return sys.stderr.isatty() and not os.environ.get("NO_COLOR")


def stdout_console():
    """A rich Console for a view printed on stdout: colour only on a terminal without NO_COLOR."""
    from rich.console import Console
    return Console(no_color=not use_color() or not sys.stdout.isatty(), highlight=False)


TARGET_COLUMNS = ["file", "number", "date", "place", "code", "group", "metric", "value", "value_max", "unit",
                  "comparator", "year", "qualifier", "direction", "line"]
DEADLINE_COLUMNS = ["file", "number", "date", "recurrence", "action", "actor", "recipient", "text", "line"]
ASSIGNMENT_COLUMNS = ["file", "number", "agency", "role", "indicator_codes", "lead_codes", "tasks", "line"]


def target_rows(plan: Plan) -> list[list[Any]]:
    d = plan.document
    return [[plan.source.path, d.number, d.date, d.place, ind.code, ind.group, t.metric, t.value, t.value_max,
             t.unit, t.comparator, t.year, t.qualifier, t.direction, t.line]
            for ind in plan.indicators for t in ind.targets]


def deadline_rows(plan: Plan) -> list[list[Any]]:
    return [[plan.source.path, plan.document.number, x.date, x.recurrence, x.action, x.actor, x.recipient,
             x.text, x.line] for x in plan.deadlines]


def assignment_rows(plan: Plan) -> list[list[Any]]:
    return [[plan.source.path, plan.document.number, a.agency, a.role, ", ".join(a.indicator_codes),
             ", ".join(a.lead_codes), " | ".join(a.tasks), a.line] for a in plan.assignments]


def write_xlsx(path: Path, plans: list[Plan]) -> None:
    """Targets, deadlines and assignments as three sheets, header row frozen, columns sized."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    sheets = [("targets", TARGET_COLUMNS, target_rows), ("deadlines", DEADLINE_COLUMNS, deadline_rows),
              ("assignments", ASSIGNMENT_COLUMNS, assignment_rows)]
    for i, (name, header, rows_of) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = name
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [len(h) for h in header]
        for plan in plans:
            for row in rows_of(plan):
                ws.append(row)
                widths = [max(w, min(60, len(str(v)) if v is not None else 0)) for w, v in zip(widths, row)]
        ws.freeze_panes = "A2"
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width + 2
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write(path, buf.getvalue())
