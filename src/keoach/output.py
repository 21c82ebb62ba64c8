"""The encoders: JSON, CSV and XLSX of plans, text made safe for views and spreadsheets, rich
views rendered to text. rich and openpyxl are imported inside the function that needs them."""
from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

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


def write_schema(schema: dict, dest: Any, **_: Any) -> str:
    """The writer of `keoach schema` (writers.FORMATS)."""
    return to_json(schema)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def use_color() -> bool:
    return sys.stderr.isatty() and not os.environ.get("NO_COLOR")


# --- text from a document, made safe for each output --------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def clean(text: str) -> str:
    """Document text for a view or a spreadsheet: control characters (ESC sequences, NUL, the C1
    set) removed; a tab or line break left where it is."""
    return _CONTROL.sub("", text)


def one_line(text: str, limit: int | None = None) -> str:
    """Clean text on one line, cut at `limit` characters with an ellipsis."""
    text = " ".join(clean(text).split())
    return text if limit is None or len(text) <= limit else text[: limit - 1].rstrip() + "…"


def cell(value: Any) -> Any:
    """A CSV cell: None empty, whole floats as integers ("95", not "95.0"), and text that a
    spreadsheet would run as a formula ("=cmd|...", "+1+...", "@SUM(...)") prefixed with "'"
    (OWASP CSV injection); a number written as text ("-5", "+2,5") is left as it is."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, str) and len(value) > 1 and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_text(header: list[str], rows: Iterable[list[Any]], bom: bool, with_header: bool = True) -> str:
    import csv
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\r\n")
    if with_header:
        writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buf.getvalue()


def render(renderables: Iterable[Any], color: bool, width: int | None = None) -> str:
    """Rich renderables as text: ANSI colours only when `color`; never markup, emoji codes or
    highlighting from the text itself (document text goes in as rich.text.Text)."""
    from rich.console import Console
    if width is None:
        width = int(os.environ.get("COLUMNS", "0") or 0) or 100
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False, markup=False,
                      legacy_windows=False, force_jupyter=False)
    for r in renderables:
        console.print(r)
    return buf.getvalue()


def view_width(terminal: bool) -> int | None:
    import shutil
    return shutil.get_terminal_size().columns if terminal else None


# --- the tables of a plan: CSV rows, spreadsheet sheets, rows for a DataFrame ------------------

def _plan_columns(plan: dict) -> list[Any]:
    d = plan["document"]
    return [plan["source"]["path"], d["number"], d["date"], d["place"]]


def _target_rows(plan: dict) -> Iterator[list[Any]]:
    for ind in plan["indicators"]:
        for t in ind["targets"]:
            yield _plan_columns(plan) + [ind["code"], ind["group"], t["metric"], t["value"], t["value_max"], t["unit"],
                                         t["comparator"], t["year"], t["qualifier"], t["direction"], t["raw"],
                                         t["line"], t.get("page")]


def _deadline_rows(plan: dict) -> Iterator[list[Any]]:
    for x in plan["deadlines"]:
        yield _plan_columns(plan) + [x["date"], x["recurrence"], x["action"], x["actor"], x["recipient"], x["text"],
                                     x["line"], x.get("page")]


def _assignment_rows(plan: dict) -> Iterator[list[Any]]:
    for a in plan["assignments"]:
        yield _plan_columns(plan) + [a["agency"], a["role"], ", ".join(a["indicator_codes"]),
                                     ", ".join(a["lead_codes"]), " | ".join(a["tasks"]), a["line"], a.get("page")]


_PLAN_COLUMNS = ["file", "number", "date", "place"]
TABLES: dict[str, tuple[list[str], Any]] = {
    "targets": (_PLAN_COLUMNS + ["code", "group", "metric", "value", "value_max", "unit", "comparator", "year",
                                 "qualifier", "direction", "raw", "line", "page"], _target_rows),
    "deadlines": (_PLAN_COLUMNS + ["deadline", "recurrence", "action", "actor", "recipient", "text", "line", "page"],
                  _deadline_rows),
    "assignments": (_PLAN_COLUMNS + ["agency", "role", "indicator_codes", "lead_codes", "tasks", "line", "page"],
                    _assignment_rows),
}
TARGET_COLUMNS = TABLES["targets"][0]


def table_columns(table: str, fields: Optional[list[str]] = None) -> tuple[list[str], list[int]]:
    """The header of a table and the index of each chosen column (raises ValueError naming an unknown field)."""
    header = TABLES[table][0]
    if not fields:
        return header, list(range(len(header)))
    unknown = [f for f in fields if f not in header]
    if unknown:
        raise ValueError(f"--fields: no column {', '.join(unknown)} in {table} (columns: {', '.join(header)})")
    return fields, [header.index(f) for f in fields]


def table_rows(plan: dict, table: str, columns: Optional[list[int]] = None) -> list[list[Any]]:
    rows = TABLES[table][1](plan)
    return [row if columns is None else [row[i] for i in columns] for row in rows]


def plan_csv(plans: Iterable[dict], table: str = "targets", fields: Optional[list[str]] = None, bom: bool = False,
             with_header: bool = True) -> str:
    header, columns = table_columns(table, fields)
    return csv_text(header, (row for p in plans for row in table_rows(p, table, columns)), bom, with_header)


# --- XLSX ----------------------------------------------------------------------------------------

_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_DAY = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")
_CODE = re.compile(r"\d{1,9}")


def _xlsx_value(column: str, value: Any) -> Any:
    """A typed cell: whole numbers as integers, ISO days as dates, numeric codes as numbers,
    the file as its name; text cleaned of the characters XLSX cannot hold."""
    import datetime
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if not isinstance(value, str):
        return value
    if column == "file":
        return value.replace("\\", "/").rsplit("/", 1)[-1]
    if column in ("date", "deadline") and _DAY.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if column == "code" and _CODE.fullmatch(value):
        return int(value)
    return clean(value)


def _append(ws, row: list[Any]) -> None:
    """A row whose text stays text: a cell beginning with "=" is a string, never a formula."""
    ws.append(row)
    for c in ws[ws.max_row]:
        if isinstance(c.value, str) and c.data_type == "f":
            c.data_type = "s"
        elif hasattr(c.value, "isoformat"):
            c.number_format = "yyyy-mm-dd"


def _fill(ws, header: list[str], rows: Iterable[list[Any]]) -> None:
    from openpyxl.styles import Font
    ws.append([clean(h) for h in header])
    for c in ws[1]:
        c.font = Font(bold=True)
    if ws[1][0].data_type == "f":
        ws[1][0].data_type = "s"
    widths = [len(str(h)) for h in header]
    for row in rows:
        values = [_xlsx_value(col, v) for col, v in zip(header, row)]
        _append(ws, values)
        widths = [max(w, min(60, len(str(v)) if v is not None else 0)) for w, v in zip(widths, values)]
    ws.freeze_panes = "A2"
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width + 2


def _sheet_title(text: str, taken: set[str]) -> str:
    """Excel's rules: 31 characters, none of []:*?/\\, unique whatever the case."""
    base = _SHEET_NAME.sub("-", clean(text)).strip("'")[:31] or "sheet"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def xlsx_bytes(plans: list[dict]) -> bytes:
    """Targets, deadlines and assignments as three sheets (header row frozen, columns sized, numbers
    and dates typed), then each Word data table of each plan as a sheet of its own."""
    from openpyxl import Workbook
    wb = Workbook()
    taken: set[str] = set()
    for i, (name, (header, rows_of)) in enumerate(TABLES.items()):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = _sheet_title(name, taken)
        _fill(ws, header, (row for p in plans for row in rows_of(p)))
    for p in plans:
        stem = Path(p["source"]["path"].replace("\\", "/")).stem if p["source"]["path"] != "-" else "stdin"
        for n, t in enumerate(p.get("tables") or [], start=1):
            ws = wb.create_sheet()
            ws.title = _sheet_title(f"{stem[:20]} bảng {n}", taken)
            width = max([len(t["header"])] + [len(r) for r in t["rows"]])
            header = [clean(h) for h in t["header"]] + [""] * (width - len(t["header"]))
            _fill(ws, header, ([clean(c) for c in r] for r in t["rows"]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
