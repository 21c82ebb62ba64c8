"""How `keoach deadlines` prints: a rich table on a terminal, CSV, JSON and JSON Lines."""
from __future__ import annotations

from datetime import date
from typing import Any, Optional

from .agenda import Occurrence
from .output import csv_text, stdout_console, to_json

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


def _when(o: Occurrence) -> str:
    if o.start is None:
        return "—"
    return o.date_text + ("" if o.precision == "day" else f" ({o.precision})")


def print_table(occurrences: list[Occurrence], today: date) -> None:
    """Past-due rows in red, this month's in bold yellow."""
    from rich.table import Table

    console = stdout_console()
    table = Table(title=f"{len(occurrences)} deadlines (today {today.isoformat()})")
    for col in ("date", "every", "action", "actor", "plan", "line"):
        table.add_column(col, overflow="fold")
    for o in occurrences:
        d = o.deadline
        style = None
        if o.end is not None and o.end < today:
            style = "red"
        elif o.start is not None and (o.start.year, o.start.month) <= (today.year, today.month) <= \
                (o.end.year, o.end.month):
            style = "bold yellow"
        plan = o.plan.document.number or o.plan.source.path.rsplit("/", 1)[-1]
        every = "" if d.recurrence == "none" else d.recurrence
        table.add_row(_when(o), every, (d.action or d.text)[:100], (d.actor or "")[:60], plan, str(d.line),
                      style=style)
    console.print(table)
