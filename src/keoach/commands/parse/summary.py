"""`keoach parse --format summary`: a plan as a person reads it, in Vietnamese — the document,
its sections, the targets of each chỉ tiêu (comparator, figure, unit, year), the deadlines with
their dates, the lead units, the warnings. rich is imported only when a summary is asked for.

Every piece of document text goes to rich as `Text` (never markup: "[/bold]" in a title is
text) and is cleaned of control characters (no escape sequence reaches the terminal)."""
from __future__ import annotations

from typing import Any, Optional

from ...output import clean, one_line, render

COMPARATOR_VI = {"<": "dưới", "<=": "không quá", ">": "trên", ">=": "ít nhất", "=": "đạt", "range": "từ"}
RECURRENCE_VI = {"none": "", "yearly": "hằng năm", "half-yearly": "6 tháng", "quarterly": "hằng quý",
                 "monthly": "hằng tháng"}
KIND_VI = {"purpose": "mục đích", "objectives": "mục tiêu", "tasks": "nhiệm vụ", "budget": "kinh phí",
           "implementation": "tổ chức thực hiện", "reporting": "báo cáo", "annex": "phụ lục", "other": "khác"}


def number_vi(value: float) -> str:
    """95.0 -> "95", 2.5 -> "2,5", 1000000.0 -> "1.000.000" (Vietnamese notation)."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}".replace(",", ".")
    whole, _, frac = f"{value:,.6f}".rstrip("0").partition(".")
    return whole.replace(",", ".") + ("," + frac if frac else "")


def target_vi(t: dict) -> str:
    """"dưới 2,5 %", "từ 1 đến 2 %", "đạt 95 %"."""
    unit = t["unit"] or ""
    if t["comparator"] == "range" and t["value_max"] is not None:
        text = f"từ {number_vi(t['value'])} đến {number_vi(t['value_max'])}"
    else:
        text = f"{COMPARATOR_VI.get(t['comparator'], '')} {number_vi(t['value'])}".strip()
    text = f"{text} {unit}".strip()
    return text + (f" ({t['qualifier']})" if t["qualifier"] else "")


WARNING_VI = {
    "section-numbering-gap": "số thứ tự các phần bị nhảy cóc",
    "percent-over-100": "tỷ lệ phần trăm lớn hơn 100",
    "unit-mismatch": "đơn vị tính không khớp",
    "year-outside-period": "năm mục tiêu nằm ngoài giai đoạn của kế hoạch",
    "duplicate-indicator-code": "trùng số chỉ tiêu",
    "unknown-indicator-code": "số chỉ tiêu không có trong phần mục tiêu",
    "indicator-without-lead": "chỉ tiêu chưa có đơn vị chủ trì",
    "invalid-date": "ngày không hợp lệ",
    "deadline-before-issue-date": "thời hạn trước ngày ban hành",
    "reference-after-issue-date": "văn bản dẫn chiếu có ngày sau ngày ban hành",
    "reference-date-mismatch": "ngày của văn bản dẫn chiếu không khớp với số hiệu",
    "no-plan-structure": "không thấy các phần đánh số của một kế hoạch (I. MỤC TIÊU, II. NHIỆM VỤ ...)",
}
"""The warning codes of README, in Vietnamese; the parser's own message is in English."""

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def date_vi(text: Optional[str]) -> str:
    """A deadline date as written in Vietnamese: "15/7/2021", "tháng 9/2021", "quý IV/2025",
    "năm 2025", "ngày 30/11" (yearly), "ngày 18" (monthly)."""
    if not text:
        return "—"
    if text.startswith("---"):
        return f"ngày {int(text[3:])}"
    if text.startswith("--"):
        month, day = text[2:].split("-")
        return f"ngày {int(day)}/{int(month)}"
    parts = text.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])}/{int(parts[1])}/{parts[0]}"
    if len(parts) == 2 and parts[1].startswith("Q"):
        return f"quý {_ROMAN.get(int(parts[1][1:]), parts[1][1:])}/{parts[0]}"
    if len(parts) == 2:
        return f"tháng {int(parts[1])}/{parts[0]}"
    return f"năm {text}"


def _where(item: dict) -> str:
    line = f"dòng {item['line']}" if item.get("line") else ""
    return line + (f", tr. {item['page']}" if item.get("page") else "")


def _text(value: Optional[str], limit: Optional[int] = None, style: str = ""):
    from rich.text import Text
    return Text(one_line(value or "", limit), style=style)


def summary_renderables(plan: dict) -> list[Any]:
    from rich.table import Table
    from rich.text import Text
    from rich.tree import Tree

    d, src = plan["document"], plan["source"]
    out: list[Any] = []
    head = Text()
    head.append(clean(d.get("type") or "VĂN BẢN"), style="bold")
    head.append(f" số {clean(d['number'])}" if d.get("number") else " (không số)")
    head.append(f" ngày {d['date']}" if d.get("date") else "")
    if d.get("title"):
        head.append(" — " + one_line(d["title"]))
    out.append(head)
    period = d.get("period") or {}
    facts = [("Nơi ban hành", d.get("place")), ("Cơ quan", d.get("issuer")),
             ("Giai đoạn", "–".join(str(x) for x in dict.fromkeys((period.get("start"), period.get("end"))) if x)),
             ("Người ký", " ".join(x for x in ((d.get("signer") or {}).get("name"),
                                               f"({d['signer']['title']})" if (d.get("signer") or {}).get("title")
                                               else None) if x)),
             ("Tệp", f"{src['path']}" + (f" ({src['pages']} trang)" if src.get("pages") else ""))]
    out.append(Text("; ".join(f"{k}: {one_line(str(v))}" for k, v in facts if v)))

    tree = Tree(Text("Các phần", style="bold"))

    def add(node, sections, depth=1):
        for s in sections:
            if s["number"] in ("-", "+", "•") or depth > 2:      # two levels: the plan's outline
                continue
            label = _text(f"{s['number'] or ''} {s['title']}".strip(), 90)
            label.append(f" ({KIND_VI.get(s['kind'], s['kind'])}, {_where({'line': s['start_line'], 'page': s.get('page')})})",
                         style="dim")
            add(node.add(label), s["children"], depth + 1)
    add(tree, plan["sections"])
    out.append(tree)

    n_targets = sum(len(i["targets"]) for i in plan["indicators"])
    out.append(Text(f"{len(plan['indicators'])} chỉ tiêu, {n_targets} mục tiêu số, {len(plan['assignments'])} đơn vị, "
                    f"{len(plan['deadlines'])} thời hạn, {len(d.get('references') or [])} văn bản dẫn chiếu"))
    if n_targets:
        table = Table(title=Text("Chỉ tiêu", style="bold"), show_lines=False)
        for col in ("Mã", "Nội dung đo", "Mục tiêu", "Năm", "Nguồn"):
            table.add_column(col)
        for ind in plan["indicators"]:
            for n, t in enumerate(ind["targets"]):
                code = (ind["code"] or f"#{ind['index']}") if n == 0 else ""
                table.add_row(_text(code), _text(t["metric"], 80), _text(target_vi(t)),
                              _text(str(t["year"]) if t["year"] else "—"), _text(_where(t)))
        out.append(table)
    leads = [a for a in plan["assignments"] if a.get("lead_codes") or a.get("role") == "lead"]
    if leads:
        table = Table(title=Text("Đơn vị chủ trì", style="bold"))
        for col in ("Đơn vị", "Chỉ tiêu chủ trì", "Nguồn"):
            table.add_column(col)
        for a in leads:
            table.add_row(_text(a["agency"], 80), _text(", ".join(a["lead_codes"]) or "—"), _text(_where(a)))
        out.append(table)
    if plan["deadlines"]:
        table = Table(title=Text("Thời hạn", style="bold"))
        for col in ("Hạn", "Lặp lại", "Việc", "Đơn vị thực hiện", "Nguồn"):
            table.add_column(col)
        for x in plan["deadlines"]:
            table.add_row(_text(date_vi(x["date"])), _text(RECURRENCE_VI.get(x["recurrence"], x["recurrence"])),
                          _text(x["action"] or x["text"], 120), _text(x["actor"], 60), _text(_where(x)))
        out.append(table)
    for w in plan["warnings"]:
        line = Text("cảnh báo ", style="yellow")
        label = WARNING_VI.get(w["code"])
        detail = f"{label} [{w['code']}]" if label else f"{w['code']}: {w['message']}"
        line.append(one_line(f"{_where(w) or 'toàn văn'}: {detail}"))
        out.append(line)
    return out


def summary_text(plan: dict, color: bool = False, width: Optional[int] = None) -> str:
    return render(summary_renderables(plan), color, width)
