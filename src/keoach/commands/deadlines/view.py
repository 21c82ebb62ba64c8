"""How `keoach deadlines` writes: a table for people, CSV, JSON, JSON Lines and iCalendar.

The table shows each recurring duty once, at its next date, with its rule ("hằng năm, ngày
20/11"); the other formats list every occurrence. Document text goes to rich as Text (never
markup) and is cleaned of control characters."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

from .agenda import Occurrence, calendar_name, due_by, ics_text
from ...output import csv_text, one_line, render, to_json, view_width
from ...writers import Destination

COLUMNS = ["date", "precision", "recurrence", "days_left", "action", "actor", "recipient", "plan_number",
           "plan_title", "source", "line", "text"]


def _row(o: Occurrence, today: Optional[date]) -> list[Any]:
    d = o.as_dict(today)
    return [d["date"], d["precision"], d["recurrence"], d["days_left"], d["action"], d["actor"], d["recipient"],
            d["plan"]["number"], d["plan"]["title"], d["plan"]["source"], d["line"], d["text"]]


def csv_of(occurrences: list[Occurrence], today: Optional[date], bom: bool) -> str:
    return csv_text(COLUMNS, (_row(o, today) for o in occurrences), bom)


def json_of(occurrences: list[Occurrence], today: Optional[date]) -> str:
    return to_json([o.as_dict(today) for o in occurrences])


def jsonl_of(occurrences: list[Occurrence], today: Optional[date]) -> str:
    return "".join(to_json(o.as_dict(today), indent=None) for o in occurrences)


RULE_VI = {"yearly": "hằng năm", "half-yearly": "6 tháng một lần", "quarterly": "hằng quý", "monthly": "hằng tháng"}


def rule_text(o: Occurrence) -> str:
    """"hằng năm, ngày 20/11", "hằng tháng, ngày 18", "" for a one-off deadline."""
    d = o.deadline
    if d.recurrence == "none":
        return ""
    when = ""
    if o.start is not None:
        when = f", ngày {o.start.day}/{o.start.month}" if d.recurrence == "yearly" else f", ngày {o.start.day}"
    return RULE_VI.get(d.recurrence, d.recurrence) + when


def days_left(o: Occurrence, today: date) -> str:
    """"còn 5 ngày", "hôm nay", "quá hạn 3 ngày" (counted to the last day of a month or quarter)."""
    if o.end is None:
        return ""
    n = (o.end - today).days
    return "hôm nay" if n == 0 else f"còn {n} ngày" if n > 0 else f"quá hạn {-n} ngày"


def table_rows(occurrences: list[Occurrence], today: date) -> list[Occurrence]:
    """The rows of the table: a recurring duty once, at its next occurrence (its last if all are
    past), by the day each is due (a month, quarter or year on its last day)."""
    rows: list[Occurrence] = []
    chosen: dict[int, int] = {}
    for o in occurrences:
        if o.deadline.recurrence == "none" or o.start is None:
            rows.append(o)
            continue
        key = id(o.deadline)
        if key not in chosen:
            chosen[key] = len(rows)
            rows.append(o)
        elif rows[chosen[key]].end < today:         # type: ignore[operator]  # dated: start is not None
            rows[chosen[key]] = o
    return sorted(rows, key=lambda o: (o.end is None, o.end or date.max, o.plan.source.path, o.deadline.line))


def _when(o: Occurrence) -> str:
    """"2025-11-20"; a month, quarter or year as its last day: "2025-12-31 (hạn quý 4/2025)"."""
    if o.start is None or o.end is None:
        return "—"
    return o.end.isoformat() + (f" ({due_by(o)})" if o.precision != "day" else "")


def table_text(occurrences: list[Occurrence], today: date, color: bool, width: Optional[int]) -> str:
    """Overdue rows in red (marked "quá hạn"), this month's in bold yellow; long text cut with "…"."""
    from rich.table import Table
    from rich.text import Text

    rows = table_rows(occurrences, today)
    title = f"{len(occurrences)} thời hạn, {len(rows)} dòng (hôm nay {today.isoformat()})"
    table = Table(title=Text(title))
    for col in ("hạn", "còn lại", "lặp lại", "việc", "đơn vị thực hiện", "kế hoạch", "dòng"):
        table.add_column(col, overflow="ellipsis", no_wrap=col in ("còn lại", "dòng"))
    for o in rows:
        d = o.deadline
        style = ""
        if o.end is not None and o.end < today:
            style = "red"
        elif o.start is not None and o.end is not None and \
                (o.start.year, o.start.month) <= (today.year, today.month) <= (o.end.year, o.end.month):
            style = "bold yellow"
        plan = o.plan.document.number or o.plan.source.path.rsplit("/", 1)[-1]
        cells = [_when(o), days_left(o, today), rule_text(o), one_line(d.action or d.text, 100),
                 one_line(d.actor or "", 60), one_line(plan), str(d.line)]
        table.add_row(*(Text(c) for c in cells), style=style)
    return render([table], color, width)


# The writers of writers.FORMATS["deadlines"]: (occurrences, destination, options) -> text.

def write_table(found: list[Occurrence], dest: Destination, today: date, **_: Any) -> str:
    return table_text(found, today, dest.color, view_width(dest.terminal))


def write_json(found: list[Occurrence], dest: Destination, today: date, **_: Any) -> str:
    return json_of(found, today)


def write_jsonl(found: list[Occurrence], dest: Destination, today: date, **_: Any) -> str:
    return jsonl_of(found, today)


def write_csv(found: list[Occurrence], dest: Destination, today: date, bom: Optional[bool] = None, **_: Any) -> str:
    return csv_of(found, today, bom=dest.kind != "stdout" if bom is None else bom)


def write_ics(found: list[Occurrence], dest: Destination, stamp: datetime, alarm: Optional[int] = None,
              name: Optional[str] = None, plans: Optional[list] = None, **_: Any) -> str:
    return ics_text(found, stamp, name or (calendar_name(plans) if plans else None), alarm)
