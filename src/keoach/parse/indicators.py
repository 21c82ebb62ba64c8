"""Chỉ tiêu -> Indicators with Targets: of the objectives section(s), and of the passages a
target cue opens elsewhere (an excerpt, a news article, a short plan, a decision, a report).

Per clause (split at ";" outside parentheses and at sentence ends) the reader lists figures
(number + unit, a bare number where the clause names its unit once, or a count "05 khu công
nghiệp") and year phrases in order. Consecutive figures share the run of years that follows
them ("dưới 5% ... và dưới 10% ... vào năm 2025 và năm 2030" is four targets); a year phrase no
figure takes opens: it is the year of the figures after it ("Đến năm 2029, ..."). A figure
without a comparator of its own takes the prefix comparator of the figure before it in the same
clause ("xuống 4% vào năm 2025 và 3,5% vào năm 2030" is "<=" twice) — but not a circumfix "từ
... trở lên". Results ("đã đạt", "dự ước", "so với cùng kỳ") and figures that describe the
metric ("trên 01 ha ... đạt") are no targets.
"""
from __future__ import annotations

import bisect
from functools import lru_cache

from dataclasses import dataclass, field

import regex

from . import rx

from ..model import Indicator, ParseWarning, Target
from . import patterns as P
from . import vocab
from .lines import Paragraph
from .numbers import parse_number
from .sections import Node, kind_of, read_marker
from .text import fold, squash

# ";", a full stop after a word, "%", "‰" or ")" before a capital, or a final full stop. Written to
# start with ";" or ".", so the engine scans for those two characters (4x faster than look-behinds first).
_CLAUSE_SPLIT = rx.compile(rf";|\.(?:(?:(?<=[^\W_]\.)|(?<=[%‰)]\.))(?=\s+[{rx.UPPER}])|\s*$)")
_LEADING_VERBS = rx.Lowered(
    r"^(?:(?:và|,|phấn\s+đấu|phần\s+đầu|từng\s+bước|giảm\s+dần|giảm|tăng\s+dần|tăng|nâng\s+cao|nâng|"
    r"duy\s+trì|đảm\s+bảo|bảo\s+đảm|đạt|trong\s+đó|có|riêng|đến\s+năm\s+\d{4}|vào\s+năm\s+\d{4}|phấn\s+đấu\s+đạt|"
    r"xóa\s+bỏ\s+tình\s+trạng\s+\S+\s+\S+,)\s*[,:]?\s*)+")
# one comparator, neutral word or year phrase at the end of a metric; _clean_metric cuts them one
# by one from the end ((?<!\s): a match starts where white space starts, so a long run is read once)
_TRAILING = rx.Lowered(
    r"(?<!\s)\s*(?:\(\s*p/1\.?000\s*\)|xuống\s+còn|xuống|còn|dưới|trên|đạt\s+tỷ\s+lệ|đạt|ở\s+mức|mức|là|từ|"
    r"khoảng|tối\s+thiểu|ít\s+nhất|không\s+quá|tối\s+đa|>|<|≥|≤|=|,|:|phấn\s+đấu|hằng\s+năm|"
    r"vào\s+năm\s+\d{4}|năm\s+\d{4})\s*$")
_DENOMINATOR_PHRASE = rx.compile(r"\s*(?:/|\btrên\s+)?\s*(?:1\.000|1000|10\.000|100\.000)\s+\p{L}+(?:\s+\p{Ll}+){0,2}")
_QUALIFIER_AFTER = rx.compile(r"^\s*(?:đối\s+với|ở\s+khu\s+vực|tại\s+khu\s+vực|khu\s+vực|ở)\s+(?P<q>[^,;()]+?)(?=\s+(?:và|vào|đến|trong)\b|[,;()]|$)")
_QUALIFIER_BEFORE = rx.compile(r"\(\s*riêng\s+(?P<q>[^()]+?)\s+(?:đạt|là|chỉ\s+đạt)?\s*$")
_IS_YEAR = rx.compile(P.YEAR).fullmatch
_AFTER_METRIC_END = rx.compile(r"(?<!\s)\s+(?:vào|đến|trong)\s+năm\b|;|\(")     # from a run's start: linear
# "giường bệnh/10.000 dân": a count per 10,000 is a rate
_NOUN_PER = rx.compile(r"\s\p{Ll}+(?:\s\p{Ll}+){0,2}\s?/\s?(?P<d>1\.000|10\.000|100\.000|1000|10000|100000)(?!\d)")
# "5/9 đơn vị": a count of a total
_FRACTION = rx.compile(r"/(?P<d>\d{1,4})(?=\s+\p{L})")
# a scale word between a number and its unit: "12,5 nghìn tấn", "1,2 triệu con", "1,8 tỷ kWh"
_SCALE = rx.compile(rf"(?<!\s)\s+(?P<w>{'|'.join(vocab.SCALE_WORDS)})\s")
# "có thu nhập từ", "có doanh thu trên": a threshold that says which units are counted
_DESCRIBED_BEFORE = rx.compile(r"\bcó\s+(?:\p{Ll}+\s+){1,3}(?:từ|trên|dưới)\s+$")
_YEAR_RUN_GLUE = rx.compile(r"^(?:\s|,|và|duy\s+trì|phấn\s+đấu|tiếp\s+tục)*$")
# a comparator glued to its number: "dưới35/100.000", "trên95%"
_GLUED_FIRST = rx.compile(r"\d(?<=[^\W\d_]\d)")      # a digit after a letter, scanned for at the digit (rarer)
_GLUED_COMPARATOR = rx.compile(r"(?<![^\W\d_])(dưới|trên|hơn|đạt|khoảng|xuống|còn|tối\s+thiểu|tối\s+đa|ít\s+nhất|"
                               r"Dưới|Trên|Hơn|Đạt|Khoảng|Tối\s+thiểu|Tối\s+đa|Ít\s+nhất)(?=\d)")
# "nằm trong nhóm 15 tỉnh ... dẫn đầu", "vào top 10": a rank among the first N
_TOP_GROUP = rx.compile(r"\b(?:trong|vào)\s+(?:nhóm|top|tốp)$", regex.IGNORECASE)
_TOP_ENDS = ("nhóm", "top", "tốp")        # how it ends (P.may_end_with)
_FROM_BEFORE = rx.compile(r"\btừ$", regex.IGNORECASE)
# words of a clause that reports results, not targets: "đã đạt", "dự ước", "ước đạt", "Đến nay có",
# "hiện có", "so với cùng kỳ", "đạt 95% kế hoạch". A cue after them ("phấn đấu", "đến năm",
# "sẽ") turns the clause back to a target ("các xã đã đạt chuẩn phấn đấu nâng lên 95%").
_PAST = rx.Lowered(r"\bđã\s|\bdự\s+ước\b|\bước\s+(?:đạt|thực\s+hiện|tính)\b|\bđến\s+nay\b|\bhiện\s+(?:nay\s+)?có\b|"
                   r"\bso\s+với\s+cùng\s+kỳ\b|%\s+(?:so\s+với\s+)?kế\s+hoạch\b|\bvượt\s+kế\s+hoạch\b")
_PAST_STARTS = rx.compile(r"đã|dự|ước|đến|hiện|so|%|vượt")         # the first word of each branch (search_from)
_PAST_WORDS = ("đã", "hiện", "đến", "dự", "ước")      # the markers before a figure; the rest compare after it
_AHEAD = rx.Lowered(r"\bphấn\s+đấu\b|\bđến\s+năm\b|\bsẽ\b|\bmục\s+tiêu\b")
_AHEAD_STARTS = rx.compile(r"phấn|đến|sẽ|mục")
# a year that dates a law or another legal text ("Luật Trẻ em năm 2016"): no target year
_LAW_YEAR = rx.compile(r"\b(?:Luật|Bộ\s+luật|Hiến\s+pháp|Pháp\s+lệnh)(?:\s+\S+){0,6}?\s+$")


@dataclass(slots=True)
class Figure:
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str | None
    comparator: str | None        # None: not written; "=" is the default later
    prefix: bool                  # the comparator was a word before the figure
    raw: str
    years: list[tuple[int, int, int]] = field(default_factory=list)   # (year, start, end)
    qualifier: str | None = None
    percent_rate_mismatch: bool = False
    context: int | None = None    # the year a phrase before it opened ("Đến năm 2029, ...")
    local: bool = False           # that phrase is in the figure's own clause


def find_indicators(roots: list[Node], period: tuple[int | None, int | None],
                    warnings: list[ParseWarning], body: list[Paragraph] = ()) -> list[Indicator]:
    """Indicators of the objectives sections, and of the passages a target cue opens elsewhere
    (an excerpt, a news article, a short plan without an objectives section)."""
    out: list[Indicator] = []
    objectives = [root for root in roots if root.kind == "objectives"]
    for root in objectives:
        _walk_objectives(root, out, warnings)
    found = _read_passages(body, roots, strive=not objectives)
    if found:
        out = sorted(out + found, key=lambda ind: ind.line)
        out = [_renumber(ind, i) for i, ind in enumerate(out, 1)]
    _check(out, period, warnings)
    return out


def _renumber(ind: Indicator, index: int) -> Indicator:
    if ind.index != index:
        ind = Indicator(index=index, code=ind.code, group=ind.group, text=ind.text, targets=ind.targets,
                        line=ind.line, page=ind.page)
    return ind


# Sections whose figures are never targets: what a plan will do, fund, report, or appends.
_NOT_TARGET_KINDS = ("objectives", "tasks", "implementation", "budget", "reporting", "annex")
# What opens a passage of targets outside an objectives section: "Mục tiêu:", "Mục tiêu đến năm
# 2030,", "Các chỉ tiêu chủ yếu", "Chỉ tiêu chăn nuôi:", "đặt mục tiêu", "đề ra mục tiêu",
# "Cụ thể," opening a paragraph; and "Phấn đấu" in a text with no objectives section.
_GOAL = r"mục\s+tiêu(?:\s+(?:cụ\s+thể|chung|tổng\s+quát|chủ\s+yếu))?"
_CUE = rx.Lowered(
    rf"\b{_GOAL}(?:\s+(?:đến|trong|vào)?\s*năm\s+\d{{4}})?\s*:"            # "Mục tiêu:", "mục tiêu năm 2026:"
    rf"|(?:^\W*|[.;]\s+){_GOAL}\s*,"                                       # "Mục tiêu, ..." opening a sentence
    rf"|\b{_GOAL}\s+(?:đến|trong|vào)\s+năm\s+\d{{4}}\s*,"                # "Mục tiêu đến năm 2030, ..."
    r"|\bchỉ\s+tiêu\s+(?:chủ\s+yếu|cụ\s+thể|chính)\b|\bchỉ\s+tiêu(?:\s+[^\W\d]+){1,4}(?:\s+năm\s+\d{4})?\s*:"
    r"|\b(?:đặt|đề)\s+(?:ra\s+)?mục\s+tiêu\b|^\W*cụ\s+thể\s*,")
_CUE_STARTS = rx.compile(r"mục|chỉ|đặt|đề|[.;]")      # where a _CUE branch can start (search_from), past the first
_STRIVE = rx.Lowered(r"\bphấn\s+đấu\b")
_STRIVE_STARTS = rx.compile(r"phấn")
# where the sentence holding a cue starts: after the last sentence end before it
_SENTENCE_END = rx.compile(rf"[.!?]\s+(?=[{rx.UPPER}\d])")
# a paragraph that opens with a bare year ("Năm 2022, toàn huyện có ..."): results, when a later
# year has been written before it
_OPENING_YEAR = rx.compile(rf"^\W*(?:Trong\s+|trong\s+)?(?:[Nn]ăm\s+)(?P<y>{P.YEAR})\b")
# a caption or a byline between paragraphs of one passage: "Ảnh minh họa", "NAM PHƯƠNG |"
_CAPTION_WORDS = 8


def _read_passages(body: list[Paragraph], roots: list[Node], strive: bool) -> list[Indicator]:
    """Targets of the passages a cue opens, outside objectives, task, budget and report sections.

    A passage runs from the sentence that holds the cue to the end of its paragraph, and on
    through the paragraphs after it that state figures; it ends at a paragraph of text with no
    figure, at a section heading, or at a paragraph that reports a past year."""
    if not body:
        return []
    skip: set[int] = set()
    headings: set[int] = set()
    for root in roots:
        headings.add(id(root.para))
        if root.kind in _NOT_TARGET_KINDS:
            for node in root.walk():
                skip.add(id(node.para))
                skip.update(map(id, node.body))
    out: list[Indicator] = []
    active = False
    lead_year: int | None = None
    latest: int | None = None
    blocked = False                 # inside a numbered task, budget or report part of a larger section
    seen: list[str] = []            # texts before this paragraph, whose years `latest` holds up to `done`
    done = 0
    for para in body:
        if id(para) in skip or id(para) in headings:
            active, lead_year, blocked = False, None, False
            continue
        marker = read_marker(para.text)
        text = marker.rest if marker else para.text
        code_m = P.INDICATOR_CODE.match(text)
        if marker and not marker.scheme.startswith("bullet") and not code_m and not _has_figures(text):
            # a numbered heading: "2. Mục tiêu cụ thể đến năm 2025" opens a passage (its year
            # leads the list), "3. Nhiệm vụ, giải pháp" ends one
            kind = kind_of(text, at_start=True)
            blocked = kind in _NOT_TARGET_KINDS and kind != "objectives"
            if kind == "objectives":
                active, lead_year = True, _heading_year(text)
                continue
            if blocked:
                active, lead_year = False, None
                continue
        if blocked:
            continue
        cue = code_m or _CUE.search_from(text, _CUE_STARTS) or (_STRIVE.search_from(text, _STRIVE_STARTS) if strive else None)
        opening = _OPENING_YEAR.match(text) if not cue and P.may_hold_year(text) else None
        if opening:
            latest = max([*_years_in(seen[done:]), latest or 0]) or None
            done = len(seen)
        past = opening and latest and int(opening["y"]) < latest
        seen.append(text)
        if past or (not cue and not active):
            active = active and not past
            continue
        piece = text
        if cue and not code_m:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, cue.start() + 1)]
            piece = text[ends[-1]:] if ends else text
        elif code_m:
            piece = text[code_m.end():]
        active = True
        if not code_m and piece.rstrip().endswith(":") and not _has_figures(piece):
            lead_year = _heading_year(piece) or lead_year
            continue
        figures = read_figures(piece, lead_year, None, para)
        if not figures and not code_m:
            if not cue and len(text.split()) > _CAPTION_WORDS:
                active, lead_year = False, None
            continue
        out.append(_indicator(0, {"code": code_m["code"] if code_m else None, "group": None, "para": para,
                                  "texts": [piece.strip()], "targets": figures}))
    return out


def _years_in(texts: list[str]):
    for text in texts:
        if P.may_hold_year(text):
            yield from (int(m["y"]) for m in P.year_phrases(P.PERIOD.sub(" ", text)))


def _walk_objectives(root: Node, out: list[Indicator], warnings: list[ParseWarning]) -> None:
    parents: dict[int, Node] = {}
    for node in root.walk():
        for child in node.children:
            parents[id(child)] = node
    group: str | None = None
    lead_year: int | None = None
    current: tuple[Node, dict] | None = None
    members: set[int] = set()
    for para, node in root.paragraphs():
        if para is root.para:
            lead_year = _heading_year(root.title)
            continue
        marker = read_marker(para.text) if para is node.para else None
        text = marker.rest if marker else para.text
        is_heading = para is node.para and not node.scheme.startswith("bullet")
        code_m = P.INDICATOR_CODE.match(text)
        if is_heading and not code_m and not _has_figures(text) and not read_figures(text):
            group = text.rstrip(" :")
            lead_year = _heading_year(text) or _ancestor_year(node, parents)
            current = None
            continue
        if not code_m and text.rstrip().endswith(":") and not _has_figures(text):
            lead_year = _heading_year(text) or lead_year
            if current is None or id(node) not in members:
                continue
        if code_m:
            text = text[code_m.end():]
            current = (node, {"code": code_m["code"], "group": group, "para": para, "texts": [], "targets": []})
            members = {id(n) for n in node.walk()}
        elif current is not None and id(node) in members:
            pass
        else:
            current = None
        figures = read_figures(text, lead_year, warnings, para)
        if current is not None:
            info = current[1]
            info["texts"].append(text.strip())
            info["targets"].extend(figures)
            if code_m:
                out.append(_indicator(len(out) + 1, info))
            else:
                out[-1] = _indicator(out[-1].index, info)
        elif figures:
            out.append(_indicator(len(out) + 1, {"code": None, "group": group, "para": para,
                                                 "texts": [text.strip()], "targets": figures}))


def _indicator(index: int, info: dict) -> Indicator:
    prefix = f"Chỉ tiêu {info['code']}: " if info["code"] else ""
    return Indicator(index=index, code=info["code"], group=info["group"],
                     text=prefix + " ".join(t for t in info["texts"] if t), targets=info["targets"],
                     line=info["para"].line, page=info["para"].page)


def _heading_year(text: str) -> int | None:
    if not P.may_hold_year(text):
        return None
    masked = P.PERIOD.sub(" ", text)
    years = [int(m["y"]) for m in P.year_phrases(masked)]
    return years[-1] if len(years) == 1 else None


def _ancestor_year(node: Node, parents: dict[int, Node]) -> int | None:
    while id(node) in parents:
        node = parents[id(node)]
        year = _heading_year(node.title)
        if year:
            return year
    return None


def _has_figures(text: str) -> bool:
    return any(_unit_after(text, m.end()) for m in P.FIGURE_NUMBER.finditer(text))


# ----------------------------------------------------------------------------- figures
def read_figures(text: str, default_year: int | None = None, warnings: list[ParseWarning] | None = None,
                 para: Paragraph | None = None) -> list[Target]:
    """All targets of one indicator text (a sentence, a bullet or a paragraph).

    Years flow forward: a year phrase that no figure before it takes ("Đến năm 2029, ...",
    "Chỉ tiêu năm 2025 về ...", "đến năm 2028 có 12 ...") is the year of the figures after it,
    to the end of the text or the next such phrase; a figure with no year phrase of its own
    in its clause takes the years that follow it ("đạt 95% vào năm 2025"). A year inside a
    parenthesis stays inside it. One closing year of a ";"-list covers the whole list."""
    targets: list[Target] = []
    if not P.DIGIT.search(text):          # every figure starts at a digit (FIGURE_NUMBER)
        return targets
    if _GLUED_FIRST.search(text):
        text = _GLUED_COMPARATOR.sub(r"\1 ", text)
    context = default_year
    for sentence in _sentences(text):
        context = _sentence_targets(sentence, context, para, targets)
    return targets


def _sentences(text: str) -> list[list[str]]:
    """Sentences as lists of clauses: a clause ends at ";" (outside parentheses) or with its sentence."""
    out: list[list[str]] = []
    clauses: list[str] = []
    start = depth_at = depth = 0
    parens = "(" in text
    for m in _CLAUSE_SPLIT.finditer(text + ";"):
        if parens and m[0] == ";" and m.end() <= len(text):
            depth += text.count("(", depth_at, m.start()) - text.count(")", depth_at, m.start())
            depth_at = m.start()
            if depth > 0:
                continue
        clause = text[start:m.start()]
        start = m.end()
        if clause.strip():
            clauses.append(clause)
        if m[0] != ";" or m.end() > len(text):
            if clauses:
                out.append(clauses)
            clauses = []
    if clauses:
        out.append(clauses)
    return out


def _sentence_targets(clauses: list[str], context: int | None, para: Paragraph | None,
                      out: list[Target]) -> int | None:
    """Targets of one sentence appended to `out`; returns the year context after it."""
    reads = []
    years_seen = 0
    for clause in clauses:
        masked = P.PERIOD.sub(lambda m: " " * len(m[0]), clause) if P.may_hold_year(clause) else clause
        figures = _figures(masked, _clause_rate_unit(masked))
        if figures and _may_report(masked) and (markers := _PAST.finditer_from(masked, _PAST_STARTS)):
            figures = _not_results(masked, figures, markers)
        years = [(int(m["y"]), m.start(), m.end()) for m in P.year_phrases(masked)
                 if not (m[0][:1] in "nN" and _LAW_YEAR.search(masked, max(0, m.start() - 80), m.start()))] \
            if P.may_hold_year(masked) and ("ăm" in masked or "ến" in masked or "ới" in masked) else []
        years_seen += len(years)
        context = _attach_years(masked, figures, years, context)
        reads.append((clause, masked, figures))
    # one closing year of a ";"-list covers the figures before it that have none
    if years_seen == 1 and len(reads) > 1:
        closing = next((f.years for _, _, figures in reversed(reads) for f in reversed(figures) if f.years), None)
        if closing and reads[-1][2] and reads[-1][2][-1].years is closing:
            for _, _, figures in reads:
                for f in figures:
                    if not f.years and not f.local:
                        f.years = list(closing)
    for clause, masked, figures in reads:
        if figures:
            _inherit_comparators(masked, figures)
            out.extend(_targets(clause, figures, para))
    return context


def _targets(clause: str, figures: list[Figure], para: Paragraph | None) -> list[Target]:
    targets: list[Target] = []
    metric_prev = None
    boundary = 0
    # a figure takes the last direction verb ending before it: none after the last figure is read
    # (one character past its start, so that a word glued to it reads as in the whole clause)
    directions = _directions(clause[:figures[-1].start + 1])
    for i, f in enumerate(figures):
        metric = _metric(clause, boundary, f, figures[i + 1] if i + 1 < len(figures) else None, metric_prev)
        metric_prev = metric
        boundary = max([f.end] + [e for _, _, e in f.years])
        direction = _direction(directions, f.start)
        years = f.years or [(f.context, f.end, f.end)]
        for year, _, y_end in years:
            between = clause[f.end:y_end]
            raw = squash(clause[_raw_start(clause, f):max(f.end, y_end)])
            targets.append(Target(
                metric=metric, value=f.value, value_max=f.value_max, unit=f.unit,
                comparator=f.comparator or "=", year=year, qualifier=f.qualifier,
                direction="maintain" if "duy trì" in between.casefold() and direction != "decrease" else direction,
                raw=raw, line=para.line if para else 0, page=para.page if para else None))
    return targets


# _may_report: what every _PAST marker holds (lower case): "đã", "ước", "nay", "hiện", "kỳ",
# "hoạch". Most clauses have none, and a look for these words is far cheaper than the pattern


def _may_report(clause: str) -> bool:
    low = clause.lower()
    return "đã" in low or "ước" in low or "nay" in low or "hiện" in low or "kỳ" in low or "hoạch" in low


def _not_results(clause: str, figures: list[Figure], markers: list) -> list[Figure]:
    """Drop the figures a clause reports as results: after "đã", "dự ước", "Đến nay", "hiện có"
    with no target cue between ("hiện có 12 trường, phấn đấu đến năm 2025 có 20 trường" keeps
    20), or compared with the same period or the plan ("tăng 5% so với cùng kỳ", "95% kế hoạch")."""
    if any(not m[0].startswith(_PAST_WORDS) for m in markers) and not _AHEAD.search_from(clause, _AHEAD_STARTS):
        return []                        # "đạt 1.250 tỷ đồng, bằng 105% kế hoạch": a clause of results
    ends = [m.end() for m in markers]
    keep = []
    for i, f in enumerate(figures):
        k = bisect.bisect_right(ends, f.start)          # markers[:k] end before the figure
        if k and not _AHEAD.search_from(clause[markers[k - 1].end():f.start], _AHEAD_STARTS):
            continue
        limit = figures[i + 1].start if i + 1 < len(figures) else len(clause)
        after = markers[k] if k < len(markers) else None
        if after and f.start < after.start() < limit and not after[0].startswith(_PAST_WORDS):
            continue
        keep.append(f)
    return keep


def _clause_rate_unit(clause: str) -> str | None:
    """The unit a clause names once: "(p/1000)" or "trên 1.000 trẻ đẻ sống" -> ‰."""
    if "000" not in clause and "‰" not in clause:      # what every such unit is written with
        return None
    for m in P.CLAUSE_UNIT.finditer(clause):
        u = m["u"].replace("p/", "/")
        if u in ("/1000", "/1.000", "‰"):
            return "‰"
    m = P.DENOMINATOR.search(clause) if P.DENOMINATOR_NUMBER.search(clause) else None
    return vocab.DENOMINATORS[m["n"]] if m else None


def _figures(clause: str, rate_unit: str | None) -> list[Figure]:
    """The figures of a clause: measured ones (a unit, or the clause's rate unit), and counts
    ("12 hợp tác xã"). Counts stand alone where the clause measures nothing, and beside measured
    figures where a verb of quantity or a parenthesis introduces them ("(tăng thêm 4 xã)")."""
    denominators = {m.start("n") for m in P.DENOMINATOR.finditer(clause)} \
        if "000" in clause and P.DENOMINATOR_NUMBER.search(clause) else ()
    out: list[Figure] = []
    candidates = []
    for m in P.FIGURE_NUMBER.finditer(clause):
        if m.start() in denominators or (out and m.start() < out[-1].end):
            continue
        f = _figure_at(clause, m, rate_unit)
        if f is not None:
            out.append(f)
        else:
            candidates.append(m)
    measured = bool(out)
    counts: list[Figure] = []
    for m in candidates:            # in order; a candidate can only be inside the count before it
        if counts and m.start() < counts[-1].end:
            continue
        f = _count_at(clause, m, measured)
        if f is not None:
            counts.append(f)
    if counts:
        out = sorted(out + counts, key=lambda f: f.start)
    return _without_descriptors(clause, out)


def _without_descriptors(clause: str, figures: list[Figure]) -> list[Figure]:
    """Drop the figures that describe the metric rather than set it: "bình quân trên 01 ha
    ... đạt 400 triệu đồng", "hộ có thu nhập từ 150 triệu đồng/hộ/năm trở lên đạt 1.200 hộ",
    "500 hộ ... có thu nhập từ 100 triệu đồng/năm trở lên"."""
    if len(figures) < 2:                 # a figure describes the metric of another one: none alone
        return figures
    described = "có " in clause
    keep = []
    for i, f in enumerate(figures):
        nxt = figures[i + 1] if i + 1 < len(figures) else None
        before = clause[max(0, f.start - 60):f.start]
        if nxt and _reached_after(clause[f.end:nxt.start]):
            tail = _tail_words(before.rstrip())
            if not (tail and tail[-1][0] == "n" and tail[-1][2] in ("đạt", "là", "bằng", "đạt mức", "ở mức")):
                continue
        if described and rx.search_end(_DESCRIBED_BEFORE, before, 60):
            continue
        keep.append(f)
    return keep


def _figure_at(clause: str, m: regex.Match, rate_unit: str | None) -> Figure | None:
    raw_number = m[0]
    if _IS_YEAR(raw_number) and not _unit_after(clause, m.end()):
        return None
    value = parse_number(raw_number)
    end = m.end()
    value_max = None
    unit, end_u = _unit_after(clause, end) or (None, end)
    if unit is None and (per := _NOUN_PER.match(_near(clause, end))):
        unit, end_u = vocab.DENOMINATORS[per["d"]], end + per.end()      # "42,7 giường bệnh/10.000 dân"
    range_m = P.RANGE_TAIL.match(clause, end_u)
    if unit is None and rate_unit is None and range_m is None:
        return None                      # no unit, none for the clause, no range: not a figure
    comparator, prefix = _comparator_before(clause[max(0, m.start() - 80):m.start()])
    if range_m and not prefix:
        second_end = range_m.end()
        unit2, end2 = _unit_after(clause, second_end) or (None, second_end)
        if unit2 or unit:
            value_max = parse_number(range_m["n"])
            unit = unit2 or unit
            end_u = end2
            comparator, prefix = "range", False
    if unit is None:
        if rate_unit is None or comparator is None or not prefix:
            return None
        if rx.match(r"\s*(?:tuổi|tháng|năm|ngày|loại|lần)\b", clause[end:end + 12]):
            return None
        unit = rate_unit
    suffix = P.SUFFIX_COMPARATOR.match(clause[end_u:end_u + 24])
    if suffix and comparator != "range":
        comparator, prefix = vocab.SUFFIX_COMPARATORS[suffix["w"].casefold()], False
        end_u += suffix.end()
    if unit in vocab.MONEY_UNITS:
        factor, unit = vocab.MONEY_UNITS[unit]
        value *= factor
        value_max = value_max * factor if value_max is not None else None
    elif unit in vocab.RATE_UNITS:
        unit = vocab.RATE_UNITS[unit]
    elif (scale := _SCALE.match(clause, end)) and scale.end() <= end_u:
        factor = vocab.SCALE_WORDS[scale["w"].lower()]
        value *= factor
        value_max = value_max * factor if value_max is not None else None
    f = Figure(m.start(), end_u, value, value_max, unit, comparator, prefix, clause[m.start():end_u])
    head = clause[end_u:end_u + 40].lstrip()          # a qualifier's first letter, past white space
    q = _QUALIFIER_AFTER.match(clause[end_u:end_u + 200]) if not head or head[0] in "đởtk" else None
    if q and len(q["q"].split()) <= 6:
        f.qualifier = squash(q["q"])
        f.end = end_u + q.end()
    qb = rx.search_end(_QUALIFIER_BEFORE, clause[max(0, m.start() - 160):m.start()], 160) \
        if clause.find("riêng", max(0, m.start() - 160), m.start()) >= 0 else None
    if qb and f.qualifier is None:
        f.qualifier = squash(qb["q"])
    f.percent_rate_mismatch = unit == "%" and rate_unit == "‰"
    return f


_MONEY_KEYS = {k.casefold(): k for k in vocab.MONEY_UNITS}


# what a unit starts with: UNIT_AFTER can match only where one of these is next or after one space
_UNIT_FIRSTS = frozenset(w[0] for w in (*vocab.RATE_UNITS, *vocab.MONEY_UNITS, *vocab.PHYSICAL_UNITS))


def _unit_after(clause: str, end: int) -> tuple[str, int] | None:
    if clause[end:end + 1] == "%" and clause[end + 1:end + 2] != "/":
        return "%", end + 1              # what UNIT_AFTER reads there ("%/năm" is the only longer one)
    if clause[end:end + 1] not in _UNIT_FIRSTS and clause[end + 1:end + 2] not in _UNIT_FIRSTS:
        return _scaled_unit_after(clause, end)
    u = P.UNIT_AFTER.match(_near(clause, end))
    if not u:
        return _scaled_unit_after(clause, end)
    written = u["rate"] or u["money"] or u["physical"]
    if written == "lần" and clause[end + u.end():end + u.end() + 1] == "/":
        return None                      # "2 lần/năm": how often, not how much
    key = _MONEY_KEYS.get(written.casefold(), written)
    return key, end + u.end()


def _scaled_unit_after(clause: str, end: int) -> tuple[str, int] | None:
    """"1,8 tỷ kWh" -> ("kWh", end): the scale word is read by _figure_at."""
    scale = _SCALE.match(clause, end) if clause[end + 1:end + 2] in "nntt" else None
    if not scale:
        return None
    u = P.UNIT_AFTER.match(_near(clause, scale.end() - 1))
    if not u or not u["physical"]:
        return None
    return u["physical"], scale.end() - 1 + u.end()


def _count_at(clause: str, m: regex.Match, beside_measured: bool = False) -> Figure | None:
    """"05 khu công nghiệp" -> 5 "khu công nghiệp"; "27 HTX", "5/9 đơn vị", "10–12 xã",
    "1,2 triệu con" (1200000 "con"). Beside measured figures a count needs a verb of quantity
    or a parenthesis before it ("tăng thêm 4 xã")."""
    raw = m[0]
    if _IS_YEAR(raw):
        return None
    before = clause[max(0, m.start() - 40):m.start()].rstrip()
    if beside_measured and not (P.COUNT_CUES.ends(before, 24) or _in_parenthesis(clause, m.start())):
        return None
    ranked = _TOP_GROUP.search(before) if P.may_end_with(before, _TOP_ENDS) else None
    if (not ranked and P.LABEL_BEFORE.ends(before, 24)) or (clause[m.start() - 1:m.start()] == "-" and
                                                          clause[m.start() - 2:m.start() - 1].isdigit()):
        return None
    pos = m.end()
    value_max = None
    if (frac := _FRACTION.match(_near(clause, pos))) and parse_number(frac["d"]) >= parse_number(raw):
        pos += frac.end()
    elif (rng := P.RANGE_TAIL.match(clause, pos)) and not _IS_YEAR(rng["n"]):
        value_max = parse_number(rng["n"])
        pos = rng.end()
    factor = 1.0
    if scale := _SCALE.match(clause, pos):
        factor = vocab.SCALE_WORDS[scale["w"].lower()]
        pos = scale.end() - 1
    noun = P.COUNTED_NOUN.match(_near(clause, pos))
    if not noun or noun.end() == 0 or (pos == m.end() and not clause[pos:pos + 1].isspace()):
        return None
    name = noun["noun"] or noun["noun2"]
    if _not_counted(name):
        return None
    comparator, prefix = _comparator_before(before)
    if value_max is not None:
        comparator, prefix = "range", False
    elif ranked:
        comparator, prefix = "<=", True          # "nằm trong nhóm 15 tỉnh dẫn đầu": a rank of 15 or better
    elif comparator is None and _FROM_BEFORE.search(before[-8:]):
        comparator, prefix = ">=", True          # "có từ 15 trường": at least 15
    end = pos + noun.end()
    if suffix := P.SUFFIX_COMPARATOR.match(clause[end:end + 24]):
        comparator, prefix = vocab.SUFFIX_COMPARATORS[suffix["w"].casefold()], False
    value = parse_number(raw) * factor
    return Figure(m.start(), end, value, value_max * factor if value_max is not None else None,
                  name, comparator, prefix, clause[m.start():end])


def _reached_after(between: str) -> bool:
    """"... mặt nước nuôi tôm đạt" between two figures, with no "và", comma or parenthesis: the
    figure before is part of the metric ("trên 01 ha mặt nước nuôi tôm đạt 400 triệu đồng")."""
    if any(c in between for c in ",;()") or " và " in f" {between} ":
        return False
    words = between.split()
    return any(w in ("đạt", "là") for w in words[-3:]) and len(words) <= 12


def _near(text: str, pos: int, width: int = 100) -> str:
    """The `width` characters from `pos`, to match a `regex` pattern on: that engine's match at a
    position costs time in proportion to the whole string, which makes a long paragraph's
    figures quadratic."""
    return text[pos:pos + width]


def _not_counted(noun: str) -> bool:
    low = noun.casefold()
    return any(low == w or low.startswith(w + " ") for w in vocab.NOT_COUNTED)


def _in_parenthesis(clause: str, pos: int) -> bool:
    """An opening parenthesis not closed in the 120 characters before `pos`."""
    start = max(0, pos - 120)
    return clause.rfind("(", start, pos) > clause.rfind(")", start, pos)


def _by_last_word(kinds) -> dict[str, tuple[tuple[str, str], ...]]:
    """(kind, phrase) of words and phrases (lower case) by their last word: the kinds in the
    order given, each longest first."""
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for kind, words in kinds:
        for w in sorted(set(words), key=len, reverse=True):
            last = w.split()[-1]
            out[last] = out.get(last, ()) + ((kind, w),)
    return out


# comparators ("c") before neutral words ("n"): where both end a text, the comparator is read
_TAIL_WORDS = _by_last_word((("c", vocab.COMPARATORS), ("n", vocab.NEUTRAL_WORDS + ("từ",))))


def _word_at_end(text: str) -> tuple[str, int, str] | None:
    """(kind, start, word) of the longest comparator, else the longest neutral word, that ends
    `text` (any case) as a word of its own: at the start or after a space or "(". `text` has no
    trailing space. Only the phrases whose last word is the text's last word can: most texts end
    in a noun, which none ends in."""
    last = text[text.rfind(" ") + 1:]
    if not last.isprintable():          # white space other than " " in it: the last word as split() finds it
        last = text.rsplit(None, 1)[-1]
    for kind, w in _TAIL_WORDS.get(last[last.rfind("(") + 1:].lower(), ()):
        start = len(text) - len(w)
        if start >= 0 and text[start:].lower() == w and (start == 0 or text[start - 1].isspace() or text[start - 1] == "("):
            return kind, start, w
    return None


@lru_cache(maxsize=4096)
def _tail_words(before: str) -> tuple[tuple[str, int, str], ...]:
    """The comparator ("c") and neutral ("n") words that end `before`, last first, at most four,
    with where each starts: "... giảm xuống dưới" -> (("c", 31, "xuống dưới"),)."""
    out = []
    text = before.rstrip()
    for _ in range(4):
        if not (found := _word_at_end(text)):
            break
        out.append(found)
        text = text[:found[1]].rstrip()
    return tuple(out)


def _comparator_before(before: str) -> tuple[str | None, bool]:
    """The comparator written just before a figure, past neutral words ("đạt", "phấn đấu")."""
    for kind, _, word in _tail_words(before.rstrip()):
        if kind == "c":
            return vocab.COMPARATORS[word], True
    return None, False


def _attach_years(clause: str, figures: list[Figure], years: list[tuple[int, int, int]],
                  context: int | None) -> int | None:
    """Give each figure of a clause its years; returns the year context after the clause.

    A run of figures takes the run of year phrases that follows it ("dưới 5% ... và dưới 10%
    ... vào năm 2025 và năm 2030"). A year phrase that no run takes opens: it is the year of
    the figures after it (and of the clauses after it). Within a parenthesis the same holds,
    apart: a year written inside one is no year of the figures outside it."""
    if not years and "(" not in clause:          # the common clause: every figure takes the context
        for f in figures:
            f.context = context
        return context
    groups = _paren_groups(clause) if "(" in clause else []
    starts = [s for s, _ in groups]

    def group(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < groups[i][1] else -1

    ctx: dict[int, int | None] = {-1: context}
    local: dict[int, bool] = {}
    pending: dict[int, list[Figure]] = {}
    last_end: dict[int, int | None] = {}
    events = sorted([(f.start, 0, f) for f in figures] + [(y[1], 1, y) for y in years], key=lambda e: e[:2])
    for pos, kind, item in events:
        g = group(pos)
        if kind == 0:
            f = item
            f.context = ctx.get(g, ctx[-1])
            f.local = local.get(g, False)
            run = pending.setdefault(g, [])
            if run and run[-1].years:
                run.clear()
            if not f.local:
                run.append(f)
            last_end[g] = None
            continue
        run = pending.get(g)
        glued = last_end.get(g) is None or _YEAR_RUN_GLUE.match(clause[last_end[g]:item[1]])
        if run and glued and item[1] >= run[-1].end:
            for f in run:
                f.years.append(item)
            last_end[g] = item[2]
        else:
            ctx[g] = item[0]
            local[g] = True
            if run:
                run.clear()
    return ctx[-1]


def _paren_groups(clause: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost parenthesis of a clause."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(clause):
        if c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    if depth:
        out.append((start, len(clause)))
    return out


def _inherit_comparators(clause: str, figures: list[Figure]) -> None:
    for prev, f in zip(figures, figures[1:]):
        if f.comparator is None and prev.prefix and prev.comparator in ("<", "<=", ">", ">="):
            f.comparator = prev.comparator


def _raw_start(clause: str, f: Figure) -> int:
    """Where the raw text of a figure starts: at the first of the (at most four) comparator and
    neutral words before it ("xuống dưới 2,5%"), looked for in the 80 characters before it."""
    low = max(0, f.start - 80)
    before = clause[low:f.start].rstrip()
    tail = _tail_words(before)
    start = low + (tail[-1][1] if tail else len(before))
    return start if start < f.start else f.start


def _metric(clause: str, boundary: int, f: Figure, nxt: Figure | None, previous: str | None) -> str:
    before = clause[boundary:f.start]
    before = _QUALIFIER_BEFORE.sub("", before) if "(" in before else before
    metric = _clean_metric(before)
    if len(metric.split()) >= 2 and not _only_glue(metric):
        return metric
    if previous and boundary > 0:
        return previous
    end = nxt.start if nxt else len(clause)
    after = clause[f.end:end]
    if P.may_hold_year(after) and (phrases := P.year_phrases(after)):
        after = after[:phrases[0].start()]
    if "năm" in after or ";" in after or "(" in after:         # what each branch of the pattern holds
        after = _AFTER_METRIC_END.split(after, 1)[0]
    return _clean_metric(after) or metric


@lru_cache(maxsize=4096)
def _clean_metric(text: str) -> str:
    """A metric without the comparators, neutral words and years around it (memoized for a
    document: the text between two figures is often the same, " và ", " và dưới ")."""
    t = _DENOMINATOR_PHRASE.sub("", text) if "000" in text else text
    t = squash(t).strip(" ,;:-+.")
    t = cut = _cut_leading_verbs(t)
    while _may_trail(t) and (tail := rx.search_end(_TRAILING, t, 20)):     # a match is at most 13 characters
        t = t[:tail.start()]
    t = t.strip(" ,;:-+.")
    if not cut.startswith(t):       # its start changed: a leading verb may have come to the front
        t = _cut_leading_verbs(t).strip(" ,;:-+.")
    if t[:1].isupper() and not t[1:2].isupper():
        t = t[0].lower() + t[1:]
    return t


def _cut_leading_verbs(t: str) -> str:
    m = _LEADING_VERBS.match(t)
    return t[m.end():] if m else t


# how each word of _TRAILING ends (a match ends with one of these, or with the digits of a year)
_TRAILING_ENDS = (")", "còn", "xuống", "dưới", "trên", "lệ", "đạt", "mức", "là", "từ", "khoảng", "thiểu", "nhất",
                  "quá", "đa", ">", "<", "≥", "≤", "=", ",", ":", "đấu", "năm")


def _may_trail(t: str) -> bool:
    """False when _TRAILING cannot match: most metrics end in a noun, and this saves the search."""
    t = t.rstrip()[-8:].lower()
    return t.endswith(_TRAILING_ENDS) or t[-1:].isdecimal()


def _only_glue(metric: str) -> bool:
    return len(metric) <= 16 and fold(metric) in ("va", "trong do", "rieng")


def _directions(clause: str) -> list[tuple[int, str]]:
    """(end, direction) of every direction verb of a clause, in order."""
    return [(end, vocab.DIRECTIONS[word]) for end, word in rx.words_in(P.DIRECTION_WORDS, clause)
            if word in vocab.DIRECTIONS]


def _direction(directions: list[tuple[int, str]], before_end: int) -> str | None:
    """The direction of the last verb that ends before a figure: "giảm ... xuống 4%" -> decrease."""
    i = bisect.bisect_right(directions, before_end, key=lambda d: d[0])
    return directions[i - 1][1] if i else None


# ----------------------------------------------------------------------------- checks
def _check(indicators: list[Indicator], period: tuple[int | None, int | None],
           warnings: list[ParseWarning]) -> None:
    seen: dict[str, int] = {}
    start, end = period
    for ind in indicators:
        if ind.code:
            if ind.code in seen:
                warnings.append(ParseWarning(code="duplicate-indicator-code", line=ind.line,
                                             message=f"chỉ tiêu {ind.code} appears twice (first at line {seen[ind.code]})"))
            seen.setdefault(ind.code, ind.line)
        for t in ind.targets:
            label = f"chỉ tiêu {ind.code}" if ind.code else f"indicator {ind.index}"
            if t.unit == "%" and (t.value > 100 or (t.value == 100 and t.comparator == ">")):
                warnings.append(ParseWarning(code="percent-over-100", line=t.line,
                                             message=f"{label}: '{t.raw}' asks for more than 100%"))
            if t.year and start and end and not (start <= t.year <= end):
                warnings.append(ParseWarning(code="year-outside-period", line=t.line,
                                             message=f"{label}: target year {t.year} is outside the plan period {start}-{end}"))
        if any(t.unit == "%" for t in ind.targets) and _mentions_per_thousand(ind.text):
            warnings.append(ParseWarning(code="unit-mismatch", line=ind.line,
                                         message=f"chỉ tiêu {ind.code or ind.index}: a rate per 1.000 is written with '%'"))


def _mentions_per_thousand(text: str) -> bool:
    if "1.000" not in text:                  # what both patterns need
        return False
    return bool(rx.search(r"(?:tỷ\s+suất|/|\btrên\s+)\s*[^;]{0,60}?\b1\.000\s+trẻ", text)) or \
        bool(rx.search(r"\b1\.000\s+trẻ\s+đẻ\s+sống[^;]*%", text))
