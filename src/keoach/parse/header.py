"""Document metadata: type, number, issue date and place, issuer, title, period, signer,
recipients and the documents the plan cites (references)."""
from __future__ import annotations

import bisect
import datetime as dt
import itertools
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import rx

from ..model import Document, ParseWarning, Period, Reference, Signer
from . import vocab
from .lines import Line, Paragraph
from .sections import is_annex_heading, is_signature_title, read_marker
from .text import fold, is_upper_text, squash

# "Số:    18 /KH-SLĐTB&XH" ; "Số /KH-UBND" (left blank)
# Đảng numbers put a dash first: "Số: 27-KH/HU", "Số 104 -CTr/TU"
SO_KY_HIEU = rx.compile(
    r"^\W*Số\s*:?\s*(?P<num>\d[\w.]*\s*(?:/|[-–](?=\s?\p{Lu}[\p{L}\d&.]*\s?/))\s*(?:[\p{L}\d&.]+(?:\s?[/\-–—]\s?[\p{L}\d&.]+)*)?"
    r"|[\s./…_]*/\s*[\p{L}\d&.\-–—]+)")
# "Gia Lai, ngày 18  tháng 3  năm 2021" ; "Triệu Sơn, ngày tháng năm 2021"
PLACE_DATE = rx.compile(
    r"(?P<place>(?:\p{Lu}[\p{L}.]*+[\s-]*+){1,6}?)\s*,\s*ngày\s*(?P<d>\d{1,2})?\s*(?:tháng|/)\s*(?P<m>\d{1,2})?"
    r"\s*(?:năm|/)\s*(?P<y>\d{4})?", regex.IGNORECASE)
# without its words, a match starts where white space starts (from inside a run, the run was
# read again from each position: quadratic); the leftmost match is the same
PERIOD_RANGE = rx.compile(r"(?:(?:giai\s+đoạn|từ\s+năm|năm)\s*|(?<!\s)\s*)(?P<a>(?:19|20)\d{2})\s*(?:-|–|—|đến(?:\s+năm)?)\s*"
                          r"(?P<b>(?:19|20)\d{2})", regex.IGNORECASE)
# "năm 2025" -> 2025/2025; "đến năm 2030" -> null/2030; never the year of a date ("ngày 12 tháng 11 năm 2025")
PERIOD_YEAR = rx.compile(r"\b(?P<to>đến\s+|tới\s+)?(?:năm|trong\s+năm)\s+(?P<y>(?:19|20)\d{2})\b", regex.IGNORECASE)
_DATE_BEFORE = rx.compile(r"tháng\s*\d{1,2}\s*(?:,\s*)?$", regex.IGNORECASE)
# "nhiệm kỳ 2026 - 2031" is the term of an elected body, not the plan's period
_TERM_BEFORE = rx.compile(r"nhiệm\s+kỳ\s*(?:năm\s*)?$", regex.IGNORECASE)
MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "doc lap tu do hanh phuc")
NAME = rx.compile(r"^(?:\p{Lu}[\p{Ll}]*)(?:\s+\p{Lu}[\p{Ll}]*){1,5}$")
RULE = rx.compile(r"^[\s\-_–—=*.·]{3,}$")

# ----------------------------------------------------------------------------- references
_TYPES = "|".join(regex.escape(t) for t in sorted(vocab.DOCUMENT_TYPES, key=len, reverse=True))
# 07/2021/NQ-HĐND | 23/CT- TTg | 3309/UBND –VX | 52-CTr/TU | 1822/KH- UBND
# also numbers an office gives itself: "15.3/CV-HB" (day.month), "2.1/2026/TTr-HT", and, after "số",
# letter-first ones such as "HB-TT02/26-KT"
_NUMBER_REST = r"(?:\s?/\s?(?:19|20)\d{2})?(?:\s?[/\-–—]\s?(?:\p{Lu}|\d)[\p{L}\d&.]*)+"
DOC_NUMBER = r"\d{1,6}(?:[a-z]|\.\d{1,2}(?=/))?" + _NUMBER_REST
_LETTER_NUMBER = r"\p{Lu}{1,6}-\p{Lu}{1,6}\d[\p{L}\d]*(?:/[\p{L}\d]+)+(?:-[\p{L}\d]+)*"
DATE_NUMERIC = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4,5})"
DATE_WORDS = r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4,5})"
# words between the type and "số": "Luật Thể dục, thể thao số ...", "Chương trình hành động số ...",
# "Báo cáo thẩm tra số ..." (never another type word, nor a sentence break)
_NAMED = rf"(?:\s+(?!(?i:{_TYPES}|số)\b)[^\s;.()]+){{1,8}}?\s+số"
# "số 15-NQ/HU của Huyện ủy An Phú ngày 20/01/2026": the issuer between the number and its date
_BY = r"(?:\s*,?\s*của\s+(?P<by>(?:(?!\s(?:về|v/v|ban\s+hành|quy\s+định|tại|theo)\s)[^;()\d]){2,80}?))?"
REFERENCE = rx.compile(
    rf"(?P<type>(?i:{_TYPES}))(?:{_NAMED}\s*:?\s*|\s+(?:số\s*:?\s*)?)"
    rf"(?P<number>{DOC_NUMBER}|(?<=số\s)(?-i:{_LETTER_NUMBER}))"
    rf"(?:{_BY}\s*,?\s*(?:ban\s+hành\s+)?ngày\s+(?:{DATE_NUMERIC}|{DATE_WORDS}))?"
)
# "Tờ trình số 364/TTr-BNG ngày ..., số 1518/BNG ngày ... và số 2265/BC-BNG ngày ...": more numbers
# of the same kind (the empty type group says so)
REFERENCE_MORE = rx.compile(
    rf"(?P<type>)\s*[,;]?\s*(?:và\s+)?số\s+(?P<number>{DOC_NUMBER})"
    rf"(?:{_BY}\s*,?\s*(?:ban\s+hành\s+)?ngày\s+(?:{DATE_NUMERIC}|{DATE_WORDS}))?"
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
_AFTER_NUMBER = r"(?:(?<=\d.)|(?<=\d[a-z].)|(?<=\d\s.)|(?<=\d[a-z]\s.))"
_CITE_HINT = rx.compile(r"[/\-–—]" + _AFTER_NUMBER)
# the same, a pattern a character: on a whole text each is scanned for at C speed, 2x faster than the class
_CITE_HINTS = tuple(rx.compile(regex.escape(c) + _AFTER_NUMBER) for c in "/-–—")


# Where a REFERENCE can start, found on the lower-cased text: a type, then what REFERENCE needs
# after it: its number ("số" may stand before; a number opening with a letter stands after "số "),
# or up to 8 words and "số" (_NAMED). "kế hoạch", "báo cáo" ... are common words: REFERENCE,
# which costs 30 times more, was tried after 3 in 4 of them and failed (a seventh of read_header).
# Each part is looser than REFERENCE's (case-insensitive, no exclusions), so no start is lost.
_CITE_START = rx.compile(rf"(?:{'|'.join(regex.escape(t.lower()) for t in sorted(vocab.DOCUMENT_TYPES, key=len, reverse=True))})"
                         r"(?=\s+(?:số\s*:?\s*)?\d|\s+số\s|(?:\s+[^\s;.()]+){1,8}\s+số)")


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
            while more := REFERENCE_MORE.match(text, pos):
                out.append(more)
                pos = more.end()
        else:
            pos = start.start() + 1
    return tuple(out)


def find_references(paras: list[Paragraph], warnings: list[ParseWarning]) -> list[Reference]:
    refs: list[Reference] = []
    seen: dict[str, tuple[Reference, tuple | None]] = {}
    hinted = _hinted(paras)
    for k, p in enumerate(paras):
        kind = None
        text = p.text
        # a table cell or a short line cut between the type and the number: "Nghị quyết" / "số 23/NQ-CP ngày ..."
        # (the next paragraph's number first: a match that fails at once, where _type_at_end costs 4x more)
        following = k + 1
        if following < len(paras) and _NUMBER_AT_START.match(paras[following].text) and _type_at_end(text):
            text = f"{text} {paras[following].text}"
            following += 1
        # and a number cut after its "/" or "-": "số 119/2026/" / "UBTVQH15"
        if following < len(paras) and text.endswith(("/", "-")) and _CUT_NUMBER.search(text[-30:]):
            text += paras[following].text
        if text is p.text and k not in hinted:      # no number in it: cited_documents would find none
            continue
        for m in cited_documents(text):
            kind = m["type"] or kind
            number = normalize_doc_number(m["number"]).rstrip(".")     # "12/2023/TT-BVHTTDL. UBND ..."
            if "/" not in number and "-" not in number or _YEARS.fullmatch(number):     # not "2026-2030"
                continue
            try:
                date = make_date(m["y"], m["m"], m["d"])
            except ValueError:
                date = None
                warnings.append(ParseWarning(code="invalid-date", line=p.line,
                                             message=f"{m['type']} số {number}: impossible date "
                                                     f"{m['d']}/{m['m']}/{m['y']} (kept as null)"))
            # one item per number: a later mention is the same document, and a dated one gives its date
            # (two mentions that write different dates, even an impossible one, are two documents)
            key = number.casefold()
            written = (m["d"], m["m"], m["y"]) if m["y"] else None
            first, first_written = seen.get(key, (None, None))
            if first is not None and (not written or written == first_written):
                continue
            undated_first = first is not None and not first_written
            ref = Reference(type=_type_case(kind or ""), number=number, date=date,
                            issuer=_by(m) or _issuer(text[m.end():]) or (first.issuer if undated_first else None),
                            line=first.line if undated_first else p.line)
            if undated_first:
                refs[refs.index(first)] = ref
            else:
                refs.append(ref)
            if first is None or undated_first:
                seen[key] = (ref, written)
    return _without_footnote_marks(refs)


def _hinted(paras: list[Paragraph]) -> set[int]:
    """Indices of the paragraphs where cited_documents' _CITE_HINT finds a number, by searches of
    the whole text (_CITE_HINTS): most paragraphs cite nothing, and a search and a cache look-up
    for each cost find_references a tenth (0.50 -> 0.45 ms a document). Across a "\n" the
    look-behinds may see the end of the paragraph before: a paragraph too many, which
    cited_documents asks again."""
    texts = [p.text for p in paras]
    whole = "\n".join(texts)
    ends = list(itertools.accumulate(len(t) + 1 for t in texts))       # just past each "\n"
    return {bisect.bisect_right(ends, m.start()) for pattern in _CITE_HINTS for m in pattern.finditer(whole)}


_YEARS = rx.compile(r"(?:19|20)\d{2}-(?:19|20)\d{2}")
_MARKED = rx.compile(r"^(?P<n>.*\p{L})\d$")


def _without_footnote_marks(refs: list[Reference]) -> list[Reference]:
    """"66-NQ/TW1" is "66-NQ/TW" with its footnote mark glued on, when "66-NQ/TW" is cited too."""
    numbers = {r.number.casefold() for r in refs}
    return [r for r in refs if not ((m := _MARKED.match(r.number)) and m["n"].casefold() in numbers)]


_CUT_NUMBER = rx.compile(r"\bsố\s*\d[\w.]*(?:[/\-][\w.]*)*[/\-]$")
_TYPE_AT_END = rx.compile(rf"\b(?i:{_TYPES})(?:\s+số)?\s*$")
# the last word of every _TYPE_AT_END match: a paragraph whose last word is none of these is
# passed by at once (the search tried every type at every position of every paragraph's end)
_TYPE_LAST_WORDS = frozenset(t.split()[-1].lower() for t in vocab.DOCUMENT_TYPES) | {"số"}


def _type_at_end(text: str) -> bool:
    """The paragraph ends with a document type ("... theo Nghị quyết", "Kế hoạch số")."""
    tail = text[-40:].rstrip()
    start = len(tail)
    while start and (tail[start - 1].isalnum() or tail[start - 1] == "_"):
        start -= 1
    return tail[start:].lower() in _TYPE_LAST_WORDS and bool(_TYPE_AT_END.search(tail))


_NUMBER_AT_START = rx.compile(r"^(?:số\s*:?\s*)?\d{1,6}[\d.]*\s?[/\-]")


def _by(m) -> str | None:
    """The issuer written between the number and the date ("số 15-NQ/HU của Huyện ủy ngày ...")."""
    by = squash(m["by"] or "")
    return by if 2 <= len(by) <= 120 and by[:1].isupper() else None


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
    kind = _plan_type(head[type_index].text) if type_index is not None else None
    subject = _subject(head) if type_index is None else None
    if subject:                                   # a công văn: its "V/v ..." subject is its title
        title, kind = subject, "CÔNG VĂN"
    period = _period(title, paras)
    # the plan's own number ("Kèm theo Nghị quyết số 105/NQ-CP ...") is not a document it cites
    cited = _cited_part(paras, closing, body_start)
    refs = [r for r in find_references(cited, warnings) if not number or r.number.casefold() != number.casefold()]
    return Document(
        type=kind,
        number=number, date=date, place=place,
        issuer=_issuer_lines(head[:type_index]) if type_index is not None else None,
        title=title, period=period,
        signer=closing.signer if closing else Signer(),
        recipients=closing.recipients if closing else [],
        references=refs,
    )


_SUBJECT = rx.compile(r"^\W*(?:V/v|V/V|v/v|Về\s+việc)\s*:?\s*(?P<s>\S.*)$")
_SUBJECT_END = rx.compile(r"^\W*(?:Kính\s+gửi|KÍNH\s+GỬI)|^\W*Số\s*:?|,\s*ngày", regex.IGNORECASE)


def _subject(head: list[Line]) -> str | None:
    """The "V/v ..." subject of a công văn (it may wrap onto a second line), up to "Kính gửi"."""
    for i, line in enumerate(head):
        m = _SUBJECT.match(squash(line.text))
        if not m:
            continue
        parts = [m["s"]]
        for nxt in head[i + 1:i + 3]:
            text = squash(nxt.text)
            if not text or _SUBJECT_END.search(text) or RULE.match(text) or is_upper_text(text) or not text[:1].islower():
                break
            parts.append(text)
        return squash(" ".join(parts)).strip(" .;") or None
    return None


def _cited_part(paras: list[Paragraph], closing: Closing | None, body_start: int | None) -> list[Paragraph]:
    """The paragraphs whose cited documents are the plan's: not the footnotes and remnants between
    the signer's name and the first appendix."""
    if closing is None or (body_start is not None and body_start > closing.end_line):
        return paras
    out = []
    in_annex = False
    for p in paras:
        in_annex = in_annex or (p.line > closing.end_line and is_annex_heading(p.text, True))
        if p.line <= closing.end_line or in_annex:
            out.append(p)
    return out


def _plan_type(text: str) -> str | None:
    t = squash(text).strip(" *#:")
    if not t or not is_upper_text(t) or len(t) > 40:
        return None
    return _PLAN_TYPES_FOLDED.get(fold(t))


def _number_date_place(head: list[Line], warnings: list[ParseWarning]) -> tuple[str | None, str | None, str | None]:
    number = date = place = None
    seen_number = seen_date = False
    for i, line in enumerate(head):
        text = squash(line.text)
        if not seen_date and _DATE_CUT.search(text) and i + 1 < len(head):     # "An Phú, ngày 12" / "tháng 3 năm 2026"
            text = f"{text} {squash(head[i + 1].text)}"
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


_DATE_CUT = rx.compile(r",\s*ngày(?:\s*\d{1,2})?\s*(?:tháng\s*\d{0,2}\s*)?$", regex.IGNORECASE)


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


# the authority line of a decision or resolution, between its title and its "Căn cứ" lines:
# "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ...", "BỘ TRƯỞNG BỘ ...", "HỘI ĐỒNG NHÂN DÂN TỈNH ..."
_AUTHORITY = rx.compile(r"^\W*(?:" + "|".join(regex.escape(t) for t in sorted(vocab.SIGNER_TITLES + vocab.AUTHORITIES, key=len, reverse=True))
                        + r")\b")


def _title(after_type: list[Line]) -> str | None:
    parts: list[str] = []
    double = _double_spaced(after_type)
    for i, line in enumerate(after_type):
        raw = line.text
        text = squash(raw).strip("*_ ")
        if not text:
            if raw and parts:          # a line of spaces: an empty paragraph of the original
                break
            if not double and parts:
                break
            continue
        if RULE.match(text) or text.startswith("(") and parts:
            break
        if parts and is_upper_text(text) and _AUTHORITY.match(text):
            break
        # "Thực hiện Nghị quyết số 12-NQ/HU ... năm 2026" right under the type is the title; the
        # basis comes after it, capitalised, and ends with ";" or ":" ("Thực hiện Kế hoạch số 208/KH-UBND ...;").
        if _BASIS.match(text) and text[:1].isupper() and (parts or _is_basis(after_type[i:])):
            break
        if parts and len(parts) >= 7:
            break
        if read_marker(text) and not parts:
            break
        parts.append(text)
        if text.endswith((".", ":")):
            break
    title = squash(" ".join(parts)).strip(" *")
    return title or None


def _is_basis(lines: list[Line]) -> bool:
    """The lines from here to the next blank or rule line are a basis: they open with "Căn cứ" or
    "Xét", or end with ";" or ":", or hold a ";" (a title does neither)."""
    texts = []
    for line in lines[:8]:
        text = squash(line.text)
        if not text or RULE.match(text) or (texts and (text.startswith("(") or (_BASIS.match(text) and text[:1].isupper()))):
            break
        texts.append(text)
    joined = " ".join(texts).rstrip(" *_")
    return joined.endswith((";", ":")) or ";" in joined or joined.lower().startswith(("căn cứ", "xét"))


def _double_spaced(lines: list[Line]) -> bool:
    texts = [x.text.strip() for x in lines[:60]]
    pairs = sum(1 for a, b in zip(texts, texts[1:]) if a and not b)
    return pairs >= 0.6 * max(1, sum(1 for t in texts if t))


def _period(title: str | None, paras: list[Paragraph]) -> Period:
    stated = (p.text for p in paras if "thời gian thực hiện" in p.text.casefold())    # read only if needed
    for text in itertools.chain([title or ""], itertools.islice(stated, 3)):
        for m in PERIOD_RANGE.finditer(text):
            if not _TERM_BEFORE.search(text[max(0, m.start("a") - 16):m.start("a")]):
                return Period(start=int(m["a"]), end=int(m["b"]))
        for m in PERIOD_YEAR.finditer(text):
            if _DATE_BEFORE.search(text[max(0, m.start() - 16):m.start()]) or _TERM_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
                continue
            return Period(start=None if m["to"] else int(m["y"]), end=int(m["y"]))
    return Period()


# ----------------------------------------------------------------------------- closing
def read_closing(lines: list[Line], start_line: int) -> Closing:
    """Recipients (Nơi nhận) and the signer: the last title line before the first name line."""
    block = [x for x in lines if x.number >= start_line]
    recipients: list[str] = []
    title = None
    name_line = None
    in_recipients = False
    cells = [(x, c) for x in block for c in (x.text.split("|") if "|" in x.text else (x.text,))]
    for x, cell in cells:
        t = squash(cell).strip("* ")
        if not t:
            continue
        if (one := _title_and_name(t)) is not None:      # "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Văn Minh" (one table cell)
            title, name_line = one[0], Line(x.number, one[1], x.page)
            break
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


# sorted once: every recipient line was asked against a list sorted anew
_TITLES_LONGEST_FIRST = tuple(sorted(vocab.SIGNER_TITLES, key=len, reverse=True))
# the last word of every title: an entry that ends in none of them ends in no title
_TITLE_LAST_WORDS = tuple({t.split()[-1] for t in vocab.SIGNER_TITLES})
_TITLE_NAME = rx.compile(r"^(?P<t>[^\p{Ll}]+?)\s+(?P<n>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,5})$")


def _title_and_name(text: str) -> tuple[str, str] | None:
    """A signature run into one line: the signer's title(s) in capitals, then the name."""
    m = _TITLE_NAME.match(text)
    if not m or not is_signature_title(m["t"]):
        return None
    titles = rx.sub(r"^\W*(?:(?:KT|TM|TL|TUQ|Q|T/M|K/T)\s*\.?\s*)", "", m["t"]).strip(" .")
    last = next((t for t in _TITLES_LONGEST_FIRST if titles.endswith(t)), titles)
    return last, m["n"]


def _split_title(entry: str) -> tuple[str, str | None]:
    """"Sở LĐ-TB&XH; PHÓ CHỦ TỊCH" (two columns run together) -> entry and the signer title."""
    if not entry.endswith(_TITLE_LAST_WORDS):      # no title can end it (most "Nơi nhận" entries)
        return entry, None
    for title in _TITLES_LONGEST_FIRST:
        if entry.endswith(" " + title) or entry.endswith(";" + title):
            return entry[: -len(title)].strip(" ;"), title
    return entry, None
