"""Document metadata: type, number, issue date and place, issuer, title, period, signer,
recipients and the documents the plan cites (references)."""
from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import rx

from ..model import Document, ParseWarning, Period, Reference, Signer
from . import vocab
from .lines import Line, Paragraph
from .sections import is_signature_title, read_marker
from .text import fold, is_upper_text, squash

# "Số:    18 /KH-SLĐTB&XH" ; "Số /KH-UBND" (left blank)
SO_KY_HIEU = rx.compile(
    r"^\W*Số\s*:?\s*(?P<num>\d[\w.]*\s*/\s*(?:[\p{L}\d&.]+(?:\s?[/\-–—]\s?[\p{L}\d&.]+)*)?"
    r"|[\s./…_]*/\s*[\p{L}\d&.\-–—]+)")
# "Gia Lai, ngày 18  tháng 3  năm 2021" ; "Triệu Sơn, ngày tháng năm 2021"
PLACE_DATE = rx.compile(
    r"(?P<place>(?:\p{Lu}[\p{L}.]*+[\s-]*+){1,6}?)\s*,\s*ngày\s*(?P<d>\d{1,2})?\s*(?:tháng|/)\s*(?P<m>\d{1,2})?"
    r"\s*(?:năm|/)\s*(?P<y>\d{4})?", regex.IGNORECASE)
# without its words, a match starts where white space starts (from inside a run, the run was
# read again from each position: quadratic); the leftmost match is the same
PERIOD_RANGE = rx.compile(r"(?:(?:giai\s+đoạn|từ\s+năm|năm)\s*|(?<!\s)\s*)(?P<a>(?:19|20)\d{2})\s*(?:-|–|—|đến(?:\s+năm)?)\s*(?P<b>(?:19|20)\d{2})")
PERIOD_YEAR = rx.compile(r"\b(?:năm|đến\s+năm|trong\s+năm)\s+(?P<y>(?:19|20)\d{2})\b")
MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "doc lap tu do hanh phuc")
NAME = rx.compile(r"^(?:\p{Lu}[\p{Ll}]*)(?:\s+\p{Lu}[\p{Ll}]*){1,5}$")
RULE = rx.compile(r"^[\s\-_–—=*.·]{3,}$")

# ----------------------------------------------------------------------------- references
_TYPES = "|".join(regex.escape(t) for t in sorted(vocab.DOCUMENT_TYPES, key=len, reverse=True))
# 07/2021/NQ-HĐND | 23/CT- TTg | 3309/UBND –VX | 52-CTr/TU | 1822/KH- UBND
DOC_NUMBER = r"\d{1,6}[a-z]?(?:\s?/\s?(?:19|20)\d{2})?(?:\s?[/\-–—]\s?(?:\p{Lu}|\d)[\p{L}\d&.]*)+"
DATE_NUMERIC = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4,5})"
DATE_WORDS = r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4,5})"
REFERENCE = rx.compile(
    rf"(?P<type>(?i:{_TYPES}))\s+(?:số\s*:?\s*)?(?P<number>{DOC_NUMBER})"
    rf"(?:\s*,?\s*(?:ban\s+hành\s+)?ngày\s+(?:{DATE_NUMERIC}|{DATE_WORDS}))?"
)
_ISSUER_END = rx.compile(        # "(?<!\s)\s+": from a run's start only (linear, same leftmost match)
    r"(?<!\s)\s+(?:về|v/v|phê\s+duyệt|quy\s+định|ban\s+hành|hướng\s+dẫn|triển\s+khai|thực\s+hiện|tại|theo|để|"
    r"đã|thì|nhằm|trong|đối\s+với|và\s+(?=\p{Ll}|(?i:" + _TYPES + r")\b))\b|[,;.()“”\"«:]|(?<!\s)\s+[-–]\s")


def make_date(y: str | None, m: str | None, d: str | None) -> str | None:
    """ISO date, or None when blank; raises ValueError when impossible ("31/2/2025", year 20219)."""
    if not (y and m and d):
        return None
    return dt.date(int(y), int(m), int(d)).isoformat()


def normalize_doc_number(s: str) -> str:
    """"23/CT- TTg" -> "23/CT-TTg"; "3309/UBND –VX" -> "3309/UBND-VX"."""
    return rx.sub(r"[–—‐]", "-", "".join(s.split()))


# What every document number has (DOC_NUMBER): a digit, maybe a letter and a space, then "/" or a
# dash ("208/KH-UBND", "13-CT/TW", "12-NQ", "5a/QĐ"): `\d[a-z]?\s?[/\-–—]`, written to start at the
# "/" or dash, which the engine scans for 1.8x faster than for a digit.
_CITE_HINT = rx.compile(r"[/\-–—](?:(?<=\d.)|(?<=\d[a-z].)|(?<=\d\s.)|(?<=\d[a-z]\s.))")


# Where a REFERENCE can start, found on the lower-cased text: a type, then a digit.
_CITE_START = rx.compile(rf"(?:{'|'.join(regex.escape(t.lower()) for t in sorted(vocab.DOCUMENT_TYPES, key=len, reverse=True))})"
                         r"\s+(?:số\s*:?\s*)?\d")


@lru_cache(maxsize=1024)
def cited_documents(text: str) -> tuple:
    """The REFERENCE matches of a text, as REFERENCE.finditer finds them. REFERENCE (on the
    `regex` engine, case-insensitive) is tried only where _CITE_START finds a start, which the
    `re` engine finds 3x faster. Cached: the header reads every paragraph, and the deadline
    reader then asks again of each sentence with a date (often the same text)."""
    if not _CITE_HINT.search(text):
        return ()
    low = text.lower()
    if len(low) != len(text):
        return tuple(REFERENCE.finditer(text))
    out = []
    pos = 0
    while start := _CITE_START.search(low, pos):
        if m := REFERENCE.match(text, start.start()):
            out.append(m)
            pos = m.end()
        else:
            pos = start.start() + 1
    return tuple(out)


def find_references(paras: list[Paragraph], warnings: list[ParseWarning]) -> list[Reference]:
    refs: list[Reference] = []
    seen: set[tuple[str, str | None]] = set()
    for p in paras:
        for m in cited_documents(p.text):
            number = normalize_doc_number(m["number"])
            if "/" not in number and "-" not in number:
                continue
            try:
                date = make_date(m["y"], m["m"], m["d"])
            except ValueError:
                date = None
                warnings.append(ParseWarning(code="invalid-date", line=p.line,
                                             message=f"{m['type']} số {number}: impossible date "
                                                     f"{m['d']}/{m['m']}/{m['y']} (kept as null)"))
            key = (number.casefold(), date)
            if key in seen:
                continue
            seen.add(key)
            refs.append(Reference(type=_type_case(m["type"]), number=number, date=date,
                                  issuer=_issuer(p.text[m.end():]), line=p.line))
    return refs


def _first_by_fold(words) -> dict[str, str]:
    """Folded word -> the first vocabulary word that folds to it."""
    out: dict[str, str] = {}
    for w in words:
        out.setdefault(fold(w), w)
    return out


_DOCUMENT_TYPES_FOLDED = _first_by_fold(vocab.DOCUMENT_TYPES)
_PLAN_TYPES_FOLDED = _first_by_fold(vocab.PLAN_TYPES)


def _type_case(t: str) -> str:
    folded = fold(t)
    return _DOCUMENT_TYPES_FOLDED.get(folded, t)


def _issuer(after: str) -> str | None:
    m = rx.match(r"\s*,?\s*(?:của|do)\s+", after)
    if not m:
        return None
    rest = after[m.end():m.end() + 160]
    end = _ISSUER_END.search(rest)
    issuer = squash(rest[:end.start()] if end else rest)
    return issuer if 2 <= len(issuer) <= 120 and issuer[:1].isupper() else None


# ----------------------------------------------------------------------------- header
@dataclass(slots=True)
class Closing:
    signer: Signer
    recipients: list[str]
    start_line: int
    end_line: int


def read_header(lines: list[Line], body_start: int | None,
                closing: Closing | None, paras: list[Paragraph],
                warnings: list[ParseWarning]) -> Document:
    head = [x for x in lines if body_start is None or x.number < body_start][:80]
    type_index = next((i for i, x in enumerate(head) if _plan_type(x.text)), None)
    number, date, place = _number_date_place(head, warnings)
    title = _title(head[type_index + 1:]) if type_index is not None else None
    period = _period(title, paras)
    refs = find_references(paras, warnings)
    return Document(
        type=_plan_type(head[type_index].text) if type_index is not None else None,
        number=number, date=date, place=place,
        issuer=_issuer_lines(head[:type_index]) if type_index is not None else None,
        title=title, period=period,
        signer=closing.signer if closing else Signer(),
        recipients=closing.recipients if closing else [],
        references=refs,
    )


def _plan_type(text: str) -> str | None:
    t = squash(text).strip(" *#:")
    if not t or not is_upper_text(t) or len(t) > 40:
        return None
    return _PLAN_TYPES_FOLDED.get(fold(t))


def _number_date_place(head: list[Line], warnings: list[ParseWarning]) -> tuple[str | None, str | None, str | None]:
    number = date = place = None
    seen_number = seen_date = False
    for line in head:
        text = squash(line.text)
        m = SO_KY_HIEU.match(text)
        if m and not seen_number:
            seen_number = True
            raw = normalize_doc_number(m["num"])
            number = raw if raw[:1].isdigit() else None      # "Số /KH-UBND": left blank
            text = text[m.end():]
        m = PLACE_DATE.search(text[:400]) if not seen_date and "ngày" in text[:400].casefold() else None
        if m:
            seen_date = True
            place = squash(m["place"]).strip(" ,-") or None
            try:
                date = make_date(m["y"], m["m"], m["d"])
            except ValueError:
                warnings.append(ParseWarning(code="invalid-date", line=line.number,
                                             message=f"impossible issue date in {text!r}"))
    return number, date, place


def _issuer_lines(head: list[Line]) -> str | None:
    parts = []
    for line in head:
        t = squash(line.text)
        if not t or fold(t) in MOTTO or RULE.match(t) or SO_KY_HIEU.match(t) or PLACE_DATE.search(t):
            continue
        if is_upper_text(t) and len(t) < 80:
            parts.append(t)
    return " / ".join(parts) or None


_BASIS = rx.compile(
    r"^(?:Căn\s+cứ|Xét\s+đề\s+nghị|(?:Tiếp\s+tục\s+)?(?:thực\s+hiện|triển\s+khai|thi\s+hành)\s+(?:\S+\s+){0,4}?(?:số\s+)?\d"
    r"|(?:Tiếp\s+tục\s+)?(?:thực\s+hiện|triển\s+khai|thi\s+hành)\s+(?i:" + _TYPES + r")\s)", regex.IGNORECASE)


_CITES = rx.compile(r"\bsố\s*\d|(?<!\d)\d++\s*/\s*\d|\bngày\s+\d", regex.IGNORECASE)


def _title(after_type: list[Line]) -> str | None:
    parts: list[str] = []
    double = _double_spaced(after_type)
    for line in after_type:
        raw = line.text
        text = squash(raw)
        if not text:
            if raw and parts:          # a line of spaces: an empty paragraph of the original
                break
            if not double and parts:
                break
            continue
        if RULE.match(text) or text.startswith("(") and parts:
            break
        # "Thực hiện Chương trình hành động ... giai đoạn 2021 - 2030" right under the type is the
        # title; a basis cites a document by number ("Thực hiện Kế hoạch số 208/KH-UBND ...").
        if (_BASIS.match(text) and (parts or _CITES.search(text))) or (parts and len(parts) >= 4):
            break
        if read_marker(text) and not parts:
            break
        parts.append(text)
        if text.endswith((".", ":")):
            break
    title = squash(" ".join(parts)).strip(" *")
    return title or None


def _double_spaced(lines: list[Line]) -> bool:
    texts = [x.text.strip() for x in lines[:60]]
    pairs = sum(1 for a, b in zip(texts, texts[1:]) if a and not b)
    return pairs >= 0.6 * max(1, sum(1 for t in texts if t))


def _period(title: str | None, paras: list[Paragraph]) -> Period:
    stated = (p.text for p in paras if "thời gian thực hiện" in p.text.casefold())    # read only if needed
    for text in itertools.chain([title or ""], itertools.islice(stated, 3)):
        m = PERIOD_RANGE.search(text)
        if m:
            return Period(start=int(m["a"]), end=int(m["b"]))
        m = PERIOD_YEAR.search(text)
        if m:
            return Period(start=int(m["y"]), end=int(m["y"]))
    return Period()


# ----------------------------------------------------------------------------- closing
def read_closing(lines: list[Line], start_line: int) -> Closing:
    """Recipients (Nơi nhận) and the signer: the last title line before the first name line."""
    block = [x for x in lines if x.number >= start_line]
    recipients: list[str] = []
    title = None
    name_line = None
    in_recipients = False
    for x in block:
        t = squash(x.text).strip("* ")
        if not t:
            continue
        if rx.match(r"^\W*Nơi\s+nhận", t, regex.IGNORECASE):
            in_recipients = True
            t = rx.sub(r"^\W*Nơi\s+nhận\s*:?\s*", "", t, flags=regex.IGNORECASE)
            if not t:
                continue
        if t.startswith(("-", "+", "•")):
            entry, found = _split_title(t.lstrip("-+• "))
            if entry and in_recipients:
                recipients.append(entry.rstrip(" ;."))
            title = found or title
            continue
        if is_signature_title(t):
            title = rx.sub(r"^\W*(?:(?:KT|TM|TL|TUQ|Q|T/M|K/T)\s*\.?\s*)", "", t).strip(" .")
            continue
        if NAME.match(t) and not is_upper_text(t):
            name_line = x
            break
        if in_recipients and len(t) < 80 and not is_upper_text(t):
            recipients.append(t.rstrip(" ;."))
    name = squash(name_line.text).strip("* ") if name_line else None
    end = name_line.number if name_line else (block[-1].number if block else start_line)
    return Closing(Signer(name=name, title=title), recipients, start_line, end)


def _split_title(entry: str) -> tuple[str, str | None]:
    """"Sở LĐ-TB&XH; PHÓ CHỦ TỊCH" (two columns run together) -> entry and the signer title."""
    for title in sorted(vocab.SIGNER_TITLES, key=len, reverse=True):
        if entry.endswith(" " + title) or entry.endswith(";" + title):
            return entry[: -len(title)].strip(" ;"), title
    return entry, None
