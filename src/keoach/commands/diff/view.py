"""How a PlanDiff is shown: a rich table on a terminal, Markdown for reports.

Both views list the differences only (unchanged targets are left out unless `show_same`),
grouped by indicator pair, with the verdict of each target."""
from __future__ import annotations

from typing import Any, Iterator, Optional

from ...model import Target
from ...model.diff import PlanDiff, TargetChange
from ...output import one_line, render, to_json, view_width
from ...writers import Destination
from ...parse.numbers import format_number

VERDICT_STYLE = {"tighter": "green", "looser": "red", "changed": "yellow", "added": "cyan", "removed": "magenta",
                 "same": "dim"}
_SYMBOL = {"<": "< ", "<=": "≤ ", ">": "> ", ">=": "≥ ", "=": ""}


def format_target(t: Optional[Target]) -> str:
    """"< 6‰ (2025)", "1–2%", "≥ 95% (2030) nông thôn"."""
    if t is None:
        return "—"
    unit = t.unit or ""
    sep = "" if unit[:1] in ("%", "‰", "/") or not unit else " "
    if t.comparator == "range" and t.value_max is not None:
        text = f"{format_number(t.value)}–{format_number(t.value_max)}{sep}{unit}"
    else:
        text = f"{_SYMBOL.get(t.comparator, '')}{format_number(t.value)}{sep}{unit}"
    if t.year:
        text += f" ({t.year})"
    if t.qualifier:
        text += f" {t.qualifier}"
    return text


def _code(code: Optional[str], index: int) -> str:
    return code if code else f"#{index}"


def target_rows(diff: PlanDiff, show_same: bool = False) -> Iterator[tuple[str, str, str, TargetChange]]:
    """(code in A, code in B, similarity, change) for every target row to show."""
    for p in diff.indicators:
        rows = [t for t in p.targets if show_same or t.verdict != "same"]
        for n, t in enumerate(rows):
            first = n == 0
            yield (_code(p.a.code, p.a.index) if first else "", _code(p.b.code, p.b.index) if first else "",
                   f"{p.similarity:.2f}" if first else "", t)
    for r in diff.only_in_a:
        yield _code(r.code, r.index), "", "", TargetChange(verdict="removed", metric=r.text)
    for r in diff.only_in_b:
        yield "", _code(r.code, r.index), "", TargetChange(verdict="added", metric=r.text)


def _other_rows(diff: PlanDiff) -> Iterator[tuple[str, str, str, str]]:
    """(part, what, in A, in B) for document, sections, assignments and deadlines."""
    for f in diff.document:
        yield "document", f.field, str(f.a if f.a is not None else "—"), str(f.b if f.b is not None else "—")
    for s in diff.sections:
        yield "section", f"{s.change} {s.path or s.number or ''} ({s.kind})", s.a or "—", s.b or "—"
    for a in diff.assignments:
        what = f"lead of {a.a_code}→{a.b_code}" if a.change == "lead-changed" else f"unit {a.change}"
        yield "assignment", what, "; ".join(a.a) or "—", "; ".join(a.b) or "—"
    for d in diff.deadlines:
        when = f" ({d.recurrence})" if d.recurrence != "none" else ""
        yield "deadline", f"{d.change}{when}: {d.action or ''}"[:90], d.a_date or "—", d.b_date or "—"


def table_text(diff: PlanDiff, show_same: bool = False, color: bool = False, width: Optional[int] = None) -> str:
    """The diff as tables for people; document text is rich Text (never markup), cleaned of
    control characters."""
    from rich.table import Table
    from rich.text import Text

    out: list = []
    head = Text()
    head.append("A", style="bold")
    head.append(f" {one_line(diff.a.source)} ({one_line(diff.a.number or 'không số')})  →  ")
    head.append("B", style="bold")
    head.append(f" {one_line(diff.b.source)} ({one_line(diff.b.number or 'không số')})")
    out.append(head)
    rows = list(target_rows(diff, show_same))
    if rows:
        table = Table(title="targets", show_lines=False)
        for col in ("A", "B", "sim", "metric", "in A", "in B", "verdict"):
            table.add_column(col, overflow="fold")
        for ca, cb, sim, t in rows:
            table.add_row(Text(one_line(ca)), Text(one_line(cb)), sim, Text(one_line(t.metric, 70)),
                          Text(one_line(format_target(t.a))), Text(one_line(format_target(t.b))),
                          Text(t.verdict, style=VERDICT_STYLE[t.verdict]))
        out.append(table)
    other = list(_other_rows(diff))
    if other:
        table = Table(title="document, sections, assignments, deadlines")
        for col in ("part", "what", "in A", "in B"):
            table.add_column(col, overflow="fold")
        for row in other:
            table.add_row(*(Text(one_line(x, 80)) for x in row))
        out.append(table)
    counts = diff.counts()
    out.append(Text(", ".join(f"{n} {part}" for part, n in counts.items()) + " differences"
                    if any(counts.values()) else "no differences"))
    return render(out, color, width)


# The writers of writers.FORMATS["diff"]: (diff, destination, options) -> text.

def write_table(diff: PlanDiff, dest: Destination, show_same: bool = False, **_: Any) -> str:
    return table_text(diff, show_same, dest.color, view_width(dest.terminal))


def write_md(diff: PlanDiff, dest: Destination, show_same: bool = False, **_: Any) -> str:
    return markdown(diff, show_same)


def write_json(diff: PlanDiff, dest: Destination, **_: Any) -> str:
    return to_json(diff.model_dump(mode="json") | {"counts": diff.counts()})


def _md_cell(text: str) -> str:
    return one_line(text).replace("|", "\\|")


def markdown(diff: PlanDiff, show_same: bool = False) -> str:
    out = [f"# Diff: {one_line(diff.a.number or diff.a.source)} → {one_line(diff.b.number or diff.b.source)}", "",
           f"- A: `{one_line(diff.a.source)}` — {one_line(diff.a.title or '')}",
           f"- B: `{one_line(diff.b.source)}` — {one_line(diff.b.title or '')}", ""]
    rows = list(target_rows(diff, show_same))
    if rows:
        out += ["## Targets", "", "| A | B | similarity | metric | in A | in B | verdict |",
                "|---|---|---|---|---|---|---|"]
        out += [f"| {ca} | {cb} | {sim} | {_md_cell(t.metric)} | {_md_cell(format_target(t.a))} | "
                f"{_md_cell(format_target(t.b))} | **{t.verdict}** |" for ca, cb, sim, t in rows]
        out.append("")
    other = list(_other_rows(diff))
    if other:
        out += ["## Document, sections, assignments, deadlines", "", "| part | what | in A | in B |",
                "|---|---|---|---|"]
        out += ["| " + " | ".join(_md_cell(x) for x in row) + " |" for row in other]
        out.append("")
    if not rows and not other:
        out += ["No differences.", ""]
    return "\n".join(out)
