"""Lines of a plan and the repairs that turn extracted text into clean paragraphs.

Every reader produces `Line`s (original line number, text, page). `repair()` runs the REPAIRS
in order; `paragraphs()` joins hard-wrapped lines: a new paragraph starts at a heading or list
marker, after a line that ends a sentence, or after a line much shorter than the text width
(the last line of a heading or paragraph in wrapped text).
"""
from __future__ import annotations

import itertools
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

import regex

from . import rx

from . import vocab
from .text import CLEAN_CHARS, clean, is_upper_text

MAX_LINE = 20_000  # a longer "line" (no newline in 10 MB) is cut into pieces of this size


@dataclass(slots=True)
class Line:
    number: int
    text: str
    page: int | None = None


@dataclass(slots=True)
class Paragraph:
    text: str               # squashed: single spaces, none at either end (paragraphs() makes it so)
    line: int
    end_line: int
    page: int | None = None


def split_lines(text: str, first_page: int | None = None) -> list[Line]:
    """Text to numbered lines (1-based); form feeds advance the page when pages are counted."""
    if "\\r\\n" in text or "\\n" in text:
        text = _literal_breaks(text)
    raws = text.split("\n")
    if "\f" not in text and "\r" not in text and max(map(len, raws)) <= MAX_LINE:   # the usual text
        return list(map(Line, itertools.count(1), raws, itertools.repeat(first_page)))
    out: list[Line] = []
    page = first_page
    for number, raw in enumerate(raws, start=1):
        if "\f" in raw and page is not None:
            page += raw.count("\f")
        raw = raw.replace("\f", "").rstrip("\r")
        for start in range(0, max(len(raw), 1), MAX_LINE):
            out.append(Line(number, raw[start:start + MAX_LINE], page))
    return out


def _literal_breaks(text: str) -> str:
    """Line breaks written as the four characters "\\r\\n" (or "\\n"), as a text exported from a
    string field holds them, are line breaks, when they outnumber the real ones; one written just
    before a real break is that break."""
    written = text.count("\\n")
    if written <= text.count("\n"):
        return text
    return _LITERAL_BREAK.sub("\n", text)


_LITERAL_BREAK = rx.compile(r"(?:\\r)?\\n(?:\r?\n)?")


# ----------------------------------------------------------------------------- repairs
def repair_characters(lines: list[Line]) -> list[Line]:
    """NFC, ƣ -> ư, odd spaces and invisible characters: text.clean() of each line that needs it,
    found by one look at the whole text (which characters to replace, whether it is all NFC)."""
    whole = "\n".join([x.text for x in lines])
    present = [c for c in CLEAN_CHARS if c in whole]
    # NFC line by line: normalize() returns an NFC line itself after a quick check, where the
    # whole text (normalized, or asked is_normalized()) is normalized all through as soon as it
    # holds one combining mark: a decomposed page cost 8 ms. A line without any of the present
    # characters has none clean() replaces: clean() of it is its NFC.
    if present:
        for line in lines:
            text = line.text
            line.text = clean(text) if any(c in text for c in present) else unicodedata.normalize("NFC", text)
        return lines
    normalize = unicodedata.normalize
    for line in lines:
        line.text = normalize("NFC", line.text)
    return lines


# "## **I. MỤC TIÊU**", "***Nơi nhận:***", "(*qua phòng ...*)", "PHÓ CHỦ TỊCH**"
_MD_HEADING = rx.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = rx.compile(r"(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)")
_MD_ESCAPE = rx.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


def looks_like_markdown(lines: list[Line]) -> bool:
    whole = "\n".join([x.text for x in lines])
    if "#" not in whole and "**" not in whole:      # one look at the whole text first
        return False
    marked = sum(1 for x in lines if ("#" in x.text and _MD_HEADING.match(x.text)) or x.text.lstrip().startswith("**"))
    return marked >= 3


def strip_markdown(lines: list[Line]) -> list[Line]:
    """Remove # marks and emphasis; their depth is never trusted, only the text is kept."""
    for line in lines:
        t = line.text
        if "#" in t:
            t = _MD_HEADING.sub("", t)
        if "*" in t or "_" in t:
            t = _MD_EMPHASIS.sub("", t)
        line.text = _MD_ESCAPE.sub(r"\1", t) if "\\" in t else t
    return lines


_PAGE_NUMBER = rx.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–—])?\s*$",
                             regex.IGNORECASE)


def drop_page_numbers(lines: list[Line]) -> list[Line]:
    """Standalone page numbers ("5", "- 5 -", "Trang 5", "5/12") are page furniture."""
    return [x for x in lines if not (_may_be_page_number(x.text) and _PAGE_NUMBER.match(x.text))]


def _may_be_page_number(text: str) -> bool:
    """What _PAGE_NUMBER can end and start with, past spaces: a digit or a dash; a dash, "Trang"
    or a digit. The end first: of the corpus's 5,700 lines 1,600 start so (each was matched), 80
    end so."""
    last = text.rstrip()[-1:]
    if not (last.isdecimal() or last in ("-", "–", "—")):
        return False
    first = text.lstrip()[:1]
    return first in ("-", "–", "—", "T", "t") or first.isdecimal()


_TRAILER = rx.compile("|".join(regex.escape(m) for m in vocab.SIGNATURE_TRAILER_MARKS))
_TRAILER_FILLER = rx.compile(r"^\s*(?:\d{4}-\d{2}-\d{2}T[\d:+.-]+|[\w.+-]+@[\w.-]+|[\p{Lu}\s]{2,30})\s*$")


def drop_signature_trailer(lines: list[Line]) -> list[Line]:
    """The digital-signature block (VGCA ...) at the end of a signed file is not the plan."""
    tail = max(0, len(lines) - 60)
    for i in range(tail, len(lines)):
        if _TRAILER.search(lines[i].text):
            rest = [x.text for x in lines[i:] if x.text.strip()]
            if all(_TRAILER.search(t) or _TRAILER_FILLER.match(t) for t in rest):
                return lines[:i]
    return lines


# Two columns printed on one line: "Số: 18/KH-...      Gia Lai, ngày 18 tháng 3 năm 2021"
# A wide gap after "ngày", "tháng", "Số:" is a blank left to fill in, not a column break.
_COLUMN_GAP = rx.compile(r"(?<=\S)(?<!(?:ngày|tháng|năm|[Ss]ố|:|\.\.)) {6,}(?=\S)")


def split_columns(lines: list[Line]) -> list[Line]:
    """Split a line at a wide run of spaces into its columns (same line number)."""
    texts = [x.text for x in lines]
    if "      " not in "\n".join(texts):
        return lines
    out: list[Line] = []
    start = 0
    # only the lines with a gap are looked at; the runs between them are copied whole
    for i in [i for i, text in enumerate(texts) if "      " in text]:
        parts = _COLUMN_GAP.split(texts[i])
        if len(parts) > 1:
            out += lines[start:i]
            out.extend(Line(lines[i].number, p, lines[i].page) for p in parts)
            start = i + 1
    out += lines[start:]
    return out


def drop_repeated_furniture(lines: list[Line]) -> list[Line]:
    """Running headers/footers: the same short line at the top or bottom of most pages."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        if line.page is not None and line.text.strip():
            pages.setdefault(line.page, []).append(line)
    if len(pages) < 3:
        return lines
    edges: Counter[str] = Counter()
    for page_lines in pages.values():
        if len(page_lines) > 4:
            edges.update({_digitless(x.text) for x in page_lines[:2] + page_lines[-2:]})
    repeated = {t for t, n in edges.items() if n >= max(3, len(pages) // 2) and len(t) < 120}
    if not repeated:
        return lines
    return [x for x in lines if _digitless(x.text) not in repeated]


_DIGITS = rx.compile(r"\d+")


def _digitless(s: str) -> str:
    return " ".join(_DIGITS.sub("#", s).split())


Repair = Callable[[list[Line]], list[Line]]
REPAIRS: tuple[Repair, ...] = (repair_characters, drop_signature_trailer, drop_page_numbers,
                               drop_repeated_furniture, split_columns)


def repair(lines: list[Line], markdown: bool | None = None) -> list[Line]:
    """Run every repair; markdown marks are stripped when asked or when the text looks like it."""
    for step in REPAIRS:
        lines = step(lines)
        if step is repair_characters and (markdown or (markdown is None and looks_like_markdown(lines))):
            lines = strip_markdown(lines)
    return lines


# ----------------------------------------------------------------------------- paragraphs
# A heading or list marker at the start of a line: "I.", "1.", "2.1.", "a)", "-", "+", "Điều 1."
MARKER = rx.compile(
    r"""^\s*(?:
        (?:[IVXLC]{1,7}|[A-ZĐ])[.)]\s
      | \d{1,2}(?:\.\d{1,2}){0,3}[.)]\s*(?=\D)
      | [a-zđ][)]\s*
      | [-+•–—*●○▪►✓]\s*(?=\S)
      | (?:Điều|ĐIỀU|Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:\d+|[IVXLC]+|thứ\s+\w+|THỨ\s+\w+)\b
      | (?:Chỉ\s+tiêu|Mục\s+tiêu)\s+(?:số\s+)?\d+\s*[:.)]
    )""",
    regex.VERBOSE,
)


def _glued_hyphen(text: str) -> bool:
    """The line ends in a hyphen glued to a letter or digit: "1822/KH-", "kinh tế-"."""
    return text[-1:] in ("-", "‐") and text[-2:-1].isalnum()


def _ends_sentence(text: str) -> bool:
    """The (squashed) line ends a sentence: ".", ":", ";", "!", "?", "…", or one of ".;:" before a
    closing quote or bracket."""
    last = text[-1:]
    return last in _SENTENCE_ENDS or (last in _CLOSERS and text[-2:-1] in (".", ";", ":"))


_SENTENCE_ENDS = frozenset(".:;!?…")
_CLOSERS = frozenset("\"”»)")


def text_width(lines: Iterable[Line]) -> float:
    """The median length of the longer lines: what a full line of this text measures."""
    lengths = [n for n in map(len, map(str.strip, [x.text for x in lines])) if n > 20]
    if not lengths:
        return 80.0
    import statistics
    return statistics.median(lengths)


# every character str.split() cuts at but the plain space (tests/test_lines.py holds it to str.isspace)
ODD_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
              "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_ODD_SPACE = rx.compile("[" + ODD_SPACES.encode("unicode_escape").decode("ascii") + "]")


def paragraphs(lines: list[Line], markdown: bool = False) -> list[Paragraph]:
    """Join hard-wrapped lines into paragraphs, keeping the first line's number and page. In
    markdown a blank line ends a paragraph, as it does for every markdown reader."""
    short = 0.8 * text_width(lines)
    out: list[Paragraph] = []
    current: Paragraph | None = None
    ends = True
    # With no space but the plain one (one search of the whole text), a line is squashed by
    # stripping it unless it holds two spaces together: most lines of a PDF end in a space.
    # (Every odd space is a control character or a separator, which isprintable() refuses: a
    # printable text, most are, has none. It asks in C what the search asks of a class of 30.)
    texts = [line.text for line in lines]
    plain = "".join(texts).isprintable() or not _ODD_SPACE.search("\x00".join(texts))
    for line in lines:
        text = line.text.strip(" ") if plain else " ".join(line.text.split())
        if plain and "  " in text:
            text = " ".join(text.split())
        if not text:
            ends = ends or markdown
            continue
        # a line starting in lower case can match MARKER only as "a)": most wrapped lines are
        # not tried (tests/test_patterns.py holds the two alike)
        starts = ((not text[0].islower() or text[1:2] == ")") and bool(MARKER.match(text))) or current is None
        # (_heading_wraps asks first that the heading is one line: most are not, and no call is made)
        if not starts and current is not None and current.line == current.end_line and _heading_wraps(current, text):
            ends = False        # "II. TỔ CHỨC" / "THỰC HIỆN": one heading
        if ends and not starts and _continues(current.text, text):
            ends = False
        if not starts and not ends and current is not None and not _heading_meets_body(current.text, text):
            # "1822/KH-" + "UBND": a hyphen glued to a word at the line end joins without a space
            current.text += ("" if _glued_hyphen(current.text) else " ") + text
            current.end_line = line.number
        else:
            current = Paragraph(text, line.number, line.number, line.page)
            out.append(current)
        # the length first: a short line ends its paragraph without asking how it ends
        ends = (len(text) < short or _ends_sentence(text)) and not _glued_hyphen(text)
    return out


def _heading_wraps(current: Paragraph, text: str) -> bool:
    """A numbered heading in capitals goes on in the next line in capitals (C12), the first line
    ending in a word or a comma, not a full stop."""
    return (current.line == current.end_line and len(text) < 120 and is_upper_text(text) and is_upper_text(current.text)
            and not current.text.endswith((".", ":", ";")) and bool(_ROMAN_HEADING.match(current.text)))


_ROMAN_HEADING = rx.compile(r"^\s*(?:[IVXLC]{1,7}|\d{1,2})[.)]\s+\S")


def _continues(previous: str, text: str) -> bool:
    """A line that goes on with the sentence of a short line before it: it starts in lower case
    after a line that no full stop ends ("- Đến năm 2026: tỷ lệ người" / "cao tuổi được ..."),
    or after a ";" of a list ("... đối với mầm non;" / "88% đối với tiểu học; ...")."""
    first = text[:1]
    last = previous[-1:]
    if last in ".!?…" or is_upper_text(previous):
        return False
    return first.islower() or (last == ";" and first.isdigit())


def _heading_meets_body(previous: str, text: str) -> bool:
    """A line in capitals ends at the next line in mixed case: "V. TỔ CHỨC THỰC HIỆN" / "Trên đây ..."."""
    return is_upper_text(previous) and not is_upper_text(text) and len(previous) > 3
