"""Task tables -> Deadlines: the annex of an action programme lists its tasks in a table with
columns such as "Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn hoàn thành | Sản phẩm".
Each row whose completion cell holds a date ("Quý II/2026", "Tháng 4/2026", "2026") is one
deadline, its task the action and its lead unit the actor.

Such a table comes in two shapes: a row per line with cells between "|" (Word tables, Markdown),
or flattened to one cell per line, each cell wrapped over several lines (PDF text, text copied
from a PDF). In the second shape only a line (or two or three, joined) that is a date and
nothing else is read as a completion cell, inside the table: after its header, up to the next
"Phụ lục" label.
"""
from __future__ import annotations

import dataclasses

import regex

from . import rx

from ..model import Deadline, ParseWarning
from . import patterns as P
from .deadlines import Context, _sentence_deadlines
from .lines import Line, Paragraph
from .text import fold, squash

# the completion column's header, folded: "Thời hạn hoàn thành", "Thời gian hoàn thành", "Thời hạn", "Tiến độ"
_DUE_HEADERS = ("thoi han hoan thanh", "thoi gian hoan thanh", "thoi han", "tien do hoan thanh", "tien do",
                "hoan thanh")
# what every completion column's header holds, written (lower case), looked for before any row is read
_DUE_WORDS = ("thời hạn", "hoàn thành", "tiến độ")
_TASK_HEADERS = ("nhiem vu", "ten nhiem vu", "noi dung", "noi dung cong viec", "noi dung nhiem vu", "nhiem vu cu the")
_LEAD_HEADERS = ("co quan chu tri", "don vi chu tri", "chu tri", "co quan thuc hien", "don vi thuc hien")
# a line (of the lower-cased text) that ends as _flat_header asks; a pattern a word, each scanned
# for at C speed (one alternation was tried at every "h" and "t" of the text: 3x slower)
_HEADER_LINE_ENDS = tuple(rx.compile(rf"{word}[^\S\n]*(?:\n|\Z)") for word in ("hạn", "thành"))
_FLAT_HEADER_END = rx.compile(r"(?:thoi han(?: hoan thanh)?|thoi gian hoan thanh)$")

_YEAR = r"(?:19|20)\d{2}"
# a completion cell and nothing else: "Quý II/2026", "Tháng 4/2026", "Trước 01/3/2027", "Năm 2026 - 2028",
# "2026", "2026 và hằng năm"
DATE_CELL = rx.compile(
    rf"^(?:(?:trước|chậm\s+nhất|trong|hoàn\s+thành\s+trong|đến)\s+)?(?:"
    rf"(?:ngày\s+)?\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*{_YEAR}"
    rf"|tháng\s+\d{{1,2}}\s*/\s*{_YEAR}"
    rf"|quý\s+(?:iv|i{{1,3}}|[1-4])\s*/\s*{_YEAR}"
    rf"|(?:năm\s+)?(?:{_YEAR}\s*[-–]\s*)?{_YEAR})"
    rf"(?:\s+và\s+(?:hằng|hàng)\s+năm)?$", regex.IGNORECASE)
# a cell cut short by the wrap: "Quý" / "II/2026", "Năm 2026 -" / "2030", "Trước" / "01/3/2027"
_OPEN_CELL = rx.compile(r"^(?:(?:trước|chậm\s+nhất|trong|đến)(?:\s+(?:ngày|tháng|quý|năm))?|ngày|tháng|quý|năm"
                        rf"|(?:năm\s+)?{_YEAR}\s*[-–]|(?:năm\s+)?{_YEAR}\s+và)$", regex.IGNORECASE)
# the number that opens a row: "1", "12", "2." (a Roman "II" opens a group of rows)
_ROW_NUMBER = rx.compile(r"^\d{1,3}\.?$")
_CITING = rx.compile(r"(?:\bngày|\bsố|\bcủa)\s*$", regex.IGNORECASE)
_LABEL = rx.compile(r"^\W*(?:PHỤ\s+LỤC|Phụ\s+lục)\b")


def table_deadlines(lines: list[Line], warnings: list[ParseWarning], single_year: int | None = None,
                    issue_date: str | None = None, known: list[Deadline] = ()) -> list[Deadline]:
    """One deadline per task-table row with a completion date, in either shape. A date before the
    plan was issued is no completion date (a cited document's date, cut from its line); a cell the
    sentence reader has read already ("Trước 30/6/2026" in a row) is not read twice."""
    whole = "\n".join([x.text for x in lines]).lower()
    if not any(k in whole for k in _DUE_WORDS):       # no completion column: most plans have none
        return []
    # what each shape needs: cells between "|"; a line that ends a completion header (_flat_header)
    pipes, heads = "|" in whole, _header_ends(whole, lines)
    if not (pipes or heads):
        return []
    texts = [squash(x.text) for x in lines]
    out = _pipe_rows(lines, texts, warnings, single_year) if pipes else []
    if any(_flat_header(texts, i) for i in heads):    # else no row is read: _flat_rows reads after a header
        out += _flat_rows(lines, texts, warnings, single_year)
    return [d for d in out if not (issue_date and d.date and len(d.date) == 10 and d.date < issue_date)
            and not any(k.date == d.date and d.text in k.text for k in known)]


def _cell_deadline(cell: str, line: Line, actor: str | None, action: str | None,
                   warnings: list[ParseWarning], single_year: int | None) -> list[Deadline]:
    cell = cell.strip(" .;,")
    if not DATE_CELL.match(cell):
        return []
    para = Paragraph(f"Thời hạn hoàn thành: {cell}", line.number, line.number, line.page)
    found = _sentence_deadlines(para.text, para, Context(actor=actor), single_year, warnings)
    return [dataclasses.replace(d, action=action, actor=actor, text=cell) for d in found]


# ----------------------------------------------------------------------------- a row per line
def _cells(text: str) -> list[str]:
    return [c.strip() for c in text.strip().strip("|").split("|")]


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    folded = [fold(h).strip(" .:") for h in header]
    return next((i for i, h in enumerate(folded) if h in names), None)


def _pipe_rows(lines, texts, warnings, single_year) -> list[Deadline]:
    out: list[Deadline] = []
    due = task = lead = None
    for line, text in zip(lines, texts):
        if text.count("|") < 2:
            due = None if not text else due
            continue
        cells = _cells(text)
        column = _column(cells, _DUE_HEADERS)
        if column is not None:
            due, task, lead = column, _column(cells, _TASK_HEADERS), _column(cells, _LEAD_HEADERS)
            continue
        if due is None or due >= len(cells):
            continue
        action = cells[task] if task is not None and task < len(cells) else None
        actor = cells[lead] if lead is not None and lead < len(cells) else None
        out.extend(_cell_deadline(cells[due], line, actor or None, _short(action), warnings, single_year))
    return out


# ----------------------------------------------------------------------------- a cell per line
def _flat_rows(lines, texts, warnings, single_year) -> list[Deadline]:
    out: list[Deadline] = []
    inside = False
    row_start: int | None = None
    i = 0
    while i < len(lines):
        text = texts[i]
        if not inside:
            inside = _flat_header(texts, i)
            i += 1
            row_start = i          # a row starts after the header, or after the last completion cell
            continue
        if _LABEL.match(text) and len(text) < 20:           # the next appendix
            inside = False
            i += 1
            continue
        if _ROW_NUMBER.match(text) or _flat_header(texts, i) or _UNDATED.match(text):
            row_start = i + 1      # a row number, a header repeated on a new page, an undated cell
            i += 1
            continue
        cell, used = text, 1
        while _OPEN_CELL.match(cell.strip(" .;,")) and i + used < len(lines) and used < 3:
            cell = f"{cell} {texts[i + used]}"
            used += 1
        # a cell opens with a capital or a digit; "trong năm 2026" in lower case goes on the text of a cell
        if len(cell) <= 40 and not cell[:1].islower() and DATE_CELL.match(cell.strip(" .;,")) \
                and not (i and _CITING.search(texts[i - 1])):
            out.extend(_cell_deadline(cell, lines[i], _row_lead(texts, row_start, i), _row_task(texts, row_start, i),
                                      warnings, single_year))
            i += used
            row_start = i
            continue
        i += 1
    return out


def _row_task(texts: list[str], start: int | None, end: int) -> str | None:
    """The first words of a flattened row: its task (a group row "II" / "<group title>" before it is skipped)."""
    if start is None:
        return None
    rows = [t for t in texts[start:end] if t and not _ROW_NUMBER.match(t)]
    if rows and _GROUP.match(rows[0]):
        rows = rows[2:]
    return _short(" ".join(rows[:3]))


_GROUP = rx.compile(r"^[IVX]{1,5}\.?$")
_UNDATED = rx.compile(r"^(?:thường\s+xuyên|hằng\s+năm|hàng\s+năm|định\s+kỳ)\W*$", regex.IGNORECASE)
_LEAD_UNIT = rx.compile(P.AGENCY_HEAD)


def _row_lead(texts: list[str], start: int | None, end: int) -> str | None:
    """The row's lead unit: the first cell after the task that opens with a unit's name (its wrapped
    lines go on in lower case: "Các bộ, cơ" / "quan ngang bộ")."""
    if start is None:
        return None
    rows = [t for t in texts[start:end] if t]
    for k in range(1, len(rows)):
        if _LEAD_UNIT.match(rows[k]):
            parts = [rows[k]]
            for more in rows[k + 1:]:
                if not more[:1].islower():
                    break
                parts.append(more)
            return squash(" ".join(parts))
    return None


def _header_ends(whole: str, lines: list[Line]) -> list[int]:
    """The indices of the lines that pass _flat_header's cheap test, found in the lower-cased text
    (`whole`): most plans name "hoàn thành" at the end of a line, in a sentence far longer than a
    header cell, and every line was squashed and looked at for them (half of table_deadlines)."""
    if whole.count("\n") != len(lines) - 1:        # a line holding a newline: look at every line
        ends = list(range(len(lines)))
    else:
        ends = sorted(whole.count("\n", 0, m.start()) for pattern in _HEADER_LINE_ENDS for m in pattern.finditer(whole))
    return [i for i in ends if 0 < len(squash(lines[i].text)) <= 40]


def _flat_header(texts: list[str], i: int) -> bool:
    """The last line of a flattened header row: the completion column's name ends here, and the
    lead-unit column is named just before."""
    if not texts[i] or len(texts[i]) > 40 or not texts[i].lower().endswith(("hạn", "thành")):     # the cheap test first
        return False
    if i + 1 < len(texts) and fold(texts[i + 1]).startswith("hoan thanh"):     # "Thời hạn" / "hoàn thành"
        return False
    window = [t for t in texts[max(0, i - 14):i + 1] if t]
    if any(len(t) > 60 for t in window[-3:]):
        return False
    joined = fold(" ".join(window))
    return bool(_FLAT_HEADER_END.search(joined)) and "chu tri" in joined


def _short(text: str | None) -> str | None:
    if not text:
        return None
    words = squash(text).split()
    return " ".join(words[:16]) or None
