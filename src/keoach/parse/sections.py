"""Headings -> a section tree. Levels come from the numbering scheme ("I.", "1.", "2.1.", "a)",
"-", "+"), never from layout: the top scheme is the one of the first heading that names a plan
part (MỤC TIÊU, NHIỆM VỤ ...); any other scheme nests under the nearest open heading, and a
scheme seen again closes everything opened after it. What follows the signature is one annex.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from . import rx

from ..model import ParseWarning, Section
from . import vocab
from .lines import Paragraph
from .text import fold, is_upper_text

ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_MARKERS = (
    ("part", rx.compile(r"^(?:Phần|PHẦN|Chương|CHƯƠNG)\s+(?P<n>\d+|[IVXLC]+|(?:thứ|THỨ)\s+\w+)[.:]?\s*(?P<rest>.*)$")),
    ("dieu", rx.compile(r"^(?:Điều|ĐIỀU)\s+(?P<n>\d+)\s*[.:]\s*(?P<rest>.*)$")),
    ("roman", rx.compile(rf"^(?P<n>(?=[IVX])(?:{ROMAN}))\s*[.)]\s*(?P<rest>\S.*)$")),
    ("upper", rx.compile(r"^(?P<n>[A-HJ-UWYZĐ])\s*[.)]\s+(?P<rest>\S.*)$")),
    ("decimal", rx.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<rest>\D.*)$")),
    ("arabic", rx.compile(r"^(?P<n>\d{1,2})\s*(?P<d>[.)])\s*(?P<rest>[^\d\s].*)$")),
    ("letter", rx.compile(r"^(?P<n>[a-zđ])\s*(?P<d>[).])\s+(?P<rest>\S.*)$")),
    ("bullet", rx.compile(r"^(?P<n>[-+•–—*●○▪►✓])\s*(?P<rest>\S.*)$")),
)
# The characters each scheme's marker can start with: a paragraph is tried only against the
# schemes its first character allows (most paragraphs start with a word and try none).
_FIRST_CHARS = {
    "part": "PC", "dieu": "Đ", "roman": "IVX", "upper": "ABCDEFGHJKLMNOPQRSTUWYZĐ",
    "decimal": "0123456789", "arabic": "0123456789", "letter": "abcdefghijklmnopqrstuvwxyzđ",
    "bullet": "-+•–—*●○▪►✓",
}
_BY_FIRST: dict[str, tuple] = {}
for _scheme, _pattern in _MARKERS:
    for _c in _FIRST_CHARS[_scheme]:
        _BY_FIRST[_c] = _BY_FIRST.get(_c, ()) + ((_scheme, _pattern),)
_BULLETS = {"–": "-", "—": "-", "●": "•", "○": "•", "▪": "•", "►": "•", "✓": "•", "*": "•"}
_KIND_KEYS = rx.compile(r"\b(?:" + "|".join(sorted(map(regex.escape, vocab.SECTION_KINDS), key=len, reverse=True)) + r")\b")
_KIND_KEY_WORDS = max(len(k.split()) for k in vocab.SECTION_KINDS)
_NOI_NHAN = rx.compile(r"^\W*(?:Nơi\s+nhận|NƠI\s+NHẬN)\b")


@dataclass(frozen=True, slots=True)
class Marker:
    scheme: str
    number: str
    rest: str


@dataclass(slots=True)
class Node:
    scheme: str
    number: str | None
    title: str
    para: Paragraph
    kind: str = "other"
    body: list[Paragraph] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)

    def walk(self) -> list["Node"]:
        """This node and its descendants, depth first in document order (a list: a recursive
        generator costs a frame per level for every node, and a plan's tree is walked often)."""
        out = []
        stack = [self]
        while stack:
            node = stack.pop()
            out.append(node)
            if node.children:
                stack.extend(reversed(node.children))
        return out

    def paragraphs(self):
        """Heading and body paragraphs of this node and its descendants, in document order
        (by line; paragraphs of one line, as columns are, in tree order)."""
        items = []
        for node in self.walk():
            items.append((node.para, node))
            if node.body:       # most nodes have none: no generator made for nothing
                items += [(p, node) for p in node.body]
        items.sort(key=lambda item: item[0].line)
        return items


@lru_cache(maxsize=4096)
def read_marker(text: str) -> Marker | None:
    """The heading or list marker that opens a paragraph (each paragraph is asked several
    times: by the closing finder, the tree builder and the indicator reader; hence the cache)."""
    for scheme, pattern in _BY_FIRST.get(text[:1], ()):
        m = pattern.match(text)
        if m and m["n"]:
            if scheme in ("arabic", "letter"):
                scheme = f"{scheme}{m['d']}"
            elif scheme == "decimal":
                scheme = f"decimal{m['n'].count('.')}"
            elif scheme == "bullet":
                scheme = "bullet" + _BULLETS.get(m["n"], m["n"])
            return Marker(scheme, m["n"], m["rest"].strip())
    return None


def kind_of(title: str, at_start: bool = False) -> str:
    """Section kind by the heading words: the keyword that starts earliest wins."""
    if at_start:        # only the first words can hold a keyword at the start (and the word after it)
        # (maxsplit: the words past these are never cut apart; a long body paragraph was)
        title = " ".join(title.split(None, _KIND_KEY_WORDS + 1)[:_KIND_KEY_WORDS + 1])
    folded = fold(title)
    # The earliest keyword is the first match: matches come in order of start, one per start (the
    # longest keyword that matches there, as _KIND_KEYS lists them longest first); at the start,
    # that is the match at 0 or none.
    m = _KIND_KEYS.match(folded) if at_start else _KIND_KEYS.search(folded)
    return vocab.SECTION_KINDS[m[0]] if m else "other"


def heading_title(rest: str) -> str:
    """A capitals heading that ran into its body keeps only the capitals: "TỔ CHỨC THỰC HIỆN"."""
    words = rest.split()
    upper = 0
    # capitals, or a word without letters ("-", "&"), continue the heading
    while upper < len(words) and (is_upper_text(words[upper]) or not rx.search(r"\p{L}", words[upper])):
        upper += 1
    if upper >= 2 and upper < len(words):
        return " ".join(words[:upper]).rstrip(" :;,")
    return rest.rstrip(" :;")


def top_scheme(paras: list[Paragraph]) -> str | None:
    first_major = None
    for p in paras:
        m = read_marker(p.text)
        # a decision's "Điều 1/2/3" are articles, never the parts of a plan
        if not m or m.scheme.startswith(("bullet", "letter")) or m.scheme == "dieu":
            continue
        if m.scheme in ("roman", "part", "upper") and first_major is None:
            first_major = m.scheme
        if kind_of(heading_title(m.rest), at_start=True) not in ("other", "annex"):
            return m.scheme
    return first_major


def build_tree(paras: list[Paragraph], warnings: list[ParseWarning]) -> tuple[list[Node], list[Paragraph]]:
    """Top-level nodes and the paragraphs before the first of them (the preamble)."""
    top = top_scheme(paras)
    roots: list[Node] = []
    preamble: list[Paragraph] = []
    stack: list[Node] = []
    for p in paras:
        m = read_marker(p.text)
        if m and m.scheme == "roman" and _continues_letters(stack, m):
            m = Marker("upper", m.number, m.rest)
        if m and m.scheme == top:
            node = Node(m.scheme, m.number, heading_title(m.rest), p)
            node.kind = kind_of(node.title)
            roots.append(node)
            stack = [node]
        elif not stack:
            preamble.append(p)
        elif m:
            for i in range(len(stack) - 1, 0, -1):
                if stack[i].scheme == m.scheme:
                    del stack[i:]
                    break
            title = m.rest if m.scheme.startswith("bullet") else heading_title(m.rest)
            node = Node(m.scheme, m.number, title, p)
            if not m.scheme.startswith("bullet"):
                node.kind = kind_of(title, at_start=True)
                node.kind = "other" if node.kind == "annex" else node.kind
            stack[-1].children.append(node)
            stack.append(node)
        else:
            stack[-1].body.append(p)
    _check_gaps(roots, warnings)
    for root in roots:
        for node in root.walk():
            if node.children:       # most nodes are leaves (list items): nothing to check
                _check_gaps(node.children, warnings)
    return roots, preamble


def _continues_letters(stack: list[Node], m: Marker) -> bool:
    """"C." after "B." is a letter, not the Roman numeral 100."""
    if len(m.number) != 1:
        return False
    return any(n.scheme == "upper" and n.number and ord(n.number) + 1 == ord(m.number) for n in stack)


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def ordinal(scheme: str, number: str | None) -> int | None:
    if not number:
        return None
    if scheme == "roman":
        total = 0
        for a, b in zip(number, number[1:] + " "):
            v = _ROMAN_VALUES.get(a, 0)
            total += -v if _ROMAN_VALUES.get(b, 0) > v else v
        return total
    if scheme.startswith("arabic") or scheme == "dieu":
        return int(number) if number.isdigit() else None
    if scheme.startswith("letter") or scheme == "upper":
        order = "abcdđefghijklmnopqrstuvwxyz"
        return order.index(number.lower()) + 1 if number.lower() in order else None
    return None


def _check_gaps(nodes: list[Node], warnings: list[ParseWarning]) -> None:
    previous: dict[str, int] = {}
    for node in nodes:
        value = ordinal(node.scheme, node.number)
        if value is None:
            continue
        before = previous.get(node.scheme)
        if before is not None and value != before + 1:
            what = "repeats" if value == before else f"skips from {before} to {value}" if value > before else "goes back"
            warnings.append(ParseWarning(code="section-numbering-gap",
                                         message=f"numbering {what} at \"{node.number}. {node.title[:60]}\"",
                                         line=node.para.line))
        previous[node.scheme] = value


def closing_index(paras: list[Paragraph], after: int) -> int | None:
    """Index of the first paragraph of the closing (Nơi nhận / signature), after the body."""
    for i in range(after, len(paras)):
        text = paras[i].text
        if _NOI_NHAN.match(text) or is_signature_title(text):
            return i
    return None


def is_signature_title(text: str) -> bool:
    if not is_upper_text(text):     # what is cut below has no lower-case letter: t would not be either
        return False
    t = rx.sub(r"^\W*(?:(?:KT|TM|TL|TUQ|Q|T/M|K/T)\s*\.?\s*)", "", text.strip()).strip(" .*")
    return is_upper_text(t) and any(t == title or t.endswith(" " + title) for title in vocab.SIGNER_TITLES) \
        and len(t.split()) <= 8


def to_sections(nodes: list[Node]) -> list[Section]:
    out = []
    for n in nodes:
        if not n.children and not n.body:       # a list item (most nodes): no call, no list to take max of
            out.append(Section(number=n.number, title=n.title, kind=n.kind, start_line=n.para.line,
                               end_line=n.para.end_line, page=n.para.page, children=[]))
            continue
        children = to_sections(n.children)     # first: a section ends where its last child does
        end = max([n.para.end_line, *(p.end_line for p in n.body), *(c.end_line for c in children)])
        out.append(Section(number=n.number, title=n.title, kind=n.kind, start_line=n.para.line,
                           end_line=end, page=n.para.page, children=children))
    return out


# "Phụ lục I", "PHỤ LỤC SỐ 02:", "Biểu mẫu 1": a line that only numbers an appendix
_ANNEX_LABEL = rx.compile(r"^\W*(?:PHỤ\s+LỤC|Phụ\s+lục|BIỂU\s+MẪU|Biểu\s+mẫu|MẪU|Mẫu)\s*(?:(?:SỐ|số)\s*)?"
                          r"(?:[IVX]{1,5}|\d{1,2}[a-z]?)?\s*[:.]?\s*$")
_ATTACHED = rx.compile(r"^\W*(?:(?:Ban\s+hành\s+)?[Kk]èm\s+theo|KÈM\s+THEO)\b")
_TYPE_LINES = frozenset(fold(t) for t in vocab.PLAN_TYPES)      # "KẾ HOẠCH" appended after the signature
_ANNEX_WORDS = tuple(w + " " for w in vocab.ANNEX_HEADINGS) + ("mau ",)


def is_annex_heading(text: str, after_body: bool) -> bool:
    """The first line of an appendix: a "Phụ lục N" label alone, or (after the body's end: the
    signature, its "./.") a capitals heading PHỤ LỤC, BIỂU MẪU, ĐỀ CƯƠNG, DANH MỤC, MẪU ..."""
    if len(text) > 400 or not text[:1].isalpha():
        return False
    if _ANNEX_LABEL.match(text):
        return True
    return after_body and is_upper_text(text) and ((fold(text) + " ").startswith(_ANNEX_WORDS) or fold(text) in _TYPE_LINES)


def annex_start(paras: list[Paragraph], after: int) -> int | None:
    """Index of the first appendix inside the body: a "Phụ lục N" label alone, or an appendix heading
    right after the body's closing "./."."""
    for i in range(after, len(paras)):
        closed = paras[i - 1].text.endswith("./.") if i else False
        if closed and is_annex_heading(paras[i].text, True):
            return i
        # a label alone ("Phụ lục I") over a capitals heading or "(Kèm theo ...)", not a cell of a table
        if _ANNEX_LABEL.match(paras[i].text) and i + 1 < len(paras) and (
                is_upper_text(paras[i + 1].text) or _ATTACHED.match(paras[i + 1].text)):
            return i
    return None


def annex_nodes(paras: list[Paragraph], warnings: list[ParseWarning]) -> list[Node]:
    """What is appended after the plan: one annex per appendix heading. Its own I., II. are its
    children; what stands before the first heading (the rest of a "Nơi nhận" list, a second title
    line, footnotes) is no annex."""
    starts: list[int] = []
    for i, p in enumerate(paras):
        # a capitals heading over "(Kèm theo Kế hoạch số ...)" is an appendix whatever its words
        attached = is_upper_text(p.text) and i + 1 < len(paras) and bool(_ATTACHED.match(paras[i + 1].text)) \
            and not (i and is_upper_text(paras[i - 1].text))       # not the second line of a heading
        # the heading under a "Phụ lục N" label is that appendix's title, not another appendix
        # a type line ("BÁO CÁO") inside an outline or form is part of it: only the first appendix may be one
        # (folded only then: most paragraphs are no heading, and folding each was a third of this loop)
        if (attached or is_annex_heading(p.text, True)) and not (starts and fold(p.text) in _TYPE_LINES) and not (
                starts and starts[-1] == i - 1 and (_ANNEX_LABEL.match(paras[i - 1].text) or fold(paras[i - 1].text) in _TYPE_LINES)):
            starts.append(i)
    nodes = []
    for a, b in zip(starts, starts[1:] + [len(paras)]):
        nodes.append(_annex(paras[a:b], warnings))
    return nodes


def _annex(paras: list[Paragraph], warnings: list[ParseWarning]) -> Node:
    first = paras[0]
    rest = paras[1:]
    title = first.text.strip(" :")
    # "Phụ lục số 02:" / "BIỂU TỔNG HỢP KẾT QUẢ": the heading under the label is the title
    labelled = _ANNEX_LABEL.match(first.text) or fold(first.text) in _TYPE_LINES
    if labelled and rest and not rest[0].text.startswith("(") and not read_marker(rest[0].text):
        title = rest[0].text.strip(" :")
        rest = rest[1:]
    node = Node("annex", None, title, first, kind="annex")
    children, preamble = build_tree(rest, warnings)
    node.body = preamble
    node.children = children
    for child in node.walk():
        if child is not node and child.kind == "annex":
            child.kind = "other"
    return node
