"""TỔ CHỨC THỰC HIỆN -> Assignments: each unit, its role, the chỉ tiêu it is given, its tasks.

A unit is a first-level item of an implementation section that names an agency: as a heading
("3. Phòng Y tế, Trung tâm Y tế Hương Trà"), inline ("1. Sở Lao động-Thương binh và Xã hội chủ
trì, ..."), as a list ("Đề nghị các sở, ngành: Sở Giáo dục và Đào tạo, Sở Y tế, ...") or with a
colon ("6. Các cơ quan, ban ngành đoàn thể: Căn cứ ...").
"""
from __future__ import annotations

import dataclasses

import regex

from . import rx

from ..model import Assignment, Indicator, ParseWarning
from . import patterns as P
from . import vocab
from .sections import Node
from .text import fold, squash

_PERSON_HEAD = "|".join(regex.escape(h) for h in sorted(vocab.PERSON_HEADS, key=len, reverse=True))
AGENCY_START = rx.compile(rf"^(?:(?:{'|'.join(map(regex.escape, vocab.REQUEST_WORDS))})\s+)?"
                          rf"(?P<head>(?i:{P.AGENCY_HEAD})(?!\s+chức\b)|(?:{_PERSON_HEAD})\b)")
# what may stand before the unit of a numbered item: "Giao", "Phân công", "Chính phủ trân trọng đề nghị",
# and a lead-in clause "Trên cơ sở đề xuất của ..., " / "Căn cứ ..., "
_ASSIGN_LEAD = rx.compile(r"^(?:\p{Lu}[\p{L}]*(?:\s+[\p{L}]+){0,2}\s+)?(?:trân\s+trọng\s+)?(?i:"
                          + "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in vocab.ASSIGN_WORDS) + r")\s+")
_LEAD_IN = rx.compile(r"^(?:Trên\s+cơ\s+sở|Căn\s+cứ|Để|Nhằm)\b")
_AFTER_COMMA = rx.compile(r",\s+(?=\S)")
_OF = rx.compile(r"\bcủa\b")
_ACTS = rx.compile(r"\s(?:" + "|".join(regex.escape(v) for v in sorted(vocab.AGENCY_VERBS + vocab.ACTION_VERBS, key=len, reverse=True)) + r")\b")
# "các tổ chức thành viên" is a noun phrase: no verb right after "các"/"những"
# A match starts where a run of spaces and commas starts (no verb starts with either): tried at
# every position of a long run, the run was read again from each (quadratic)
_VERB_AT = rx.compile(r"(?<!\b(?:các|những|mọi))(?<![\s,])(?:\s|,)+(?P<v>" + "|".join(regex.escape(v) for v in sorted(vocab.AGENCY_VERBS, key=len, reverse=True)) + r")\b",
                         regex.IGNORECASE)
# "các chỉ tiêu 1, 6, 8, 10, 18", "chỉ tiêu 2,3,4,9", "chỉ tiêu số 7", "từ chỉ tiêu 1 đến chỉ tiêu 5"
CODE_LIST = rx.compile(
    r"\b(?:các\s+)?chỉ\s+tiêu\s+(?:số\s+)?(?P<list>\d{1,3}(?:\s*(?:,|và|;|-|–|đến)\s*(?:chỉ\s+tiêu\s+)?(?:số\s+)?\d{1,3})*)",
    regex.IGNORECASE)
CODE_RANGE = rx.compile(r"\btừ\s+chỉ\s+tiêu\s+(?:số\s+)?(?P<a>\d{1,3})\s+đến\s+(?:chỉ\s+tiêu\s+)?(?:số\s+)?(?P<b>\d{1,3})",
                           regex.IGNORECASE)
_SENTENCES = rx.Cut(".;", r"(\s+)")    # cut at the spaces


def find_assignments(roots: list[Node], indicators: list[Indicator],
                     warnings: list[ParseWarning]) -> tuple[list[Assignment], dict[int, str]]:
    """Assignments, and the unit that owns each paragraph line (for deadline actors)."""
    out: list[Assignment] = []
    owners: dict[int, str] = {}
    for root in roots:
        if root.kind != "implementation":
            continue
        for para in root.body:
            assignment = _giao(para, root)
            if assignment is not None:
                out.append(assignment)
        for node in root.children:
            if node.scheme.startswith("bullet") and any(not c.scheme.startswith("bullet") for c in root.children):
                continue
            assignment = _unit(node)
            if assignment is None:
                continue
            out.append(assignment)
            for para, _ in node.paragraphs():
                owners[para.line] = assignment.agency
    out = _merged(out)
    _check(out, indicators, warnings)
    return out, owners


def _merged(assignments: list[Assignment]) -> list[Assignment]:
    """One item per unit: a unit named again in a later item is the same unit."""
    first: dict[str, int] = {}
    out: list[Assignment] = []
    for a in assignments:
        key = fold(a.agency)
        if key not in first:
            first[key] = len(out)
            out.append(a)
            continue
        i = first[key]
        was = out[i]
        out[i] = dataclasses.replace(
            was, tasks=was.tasks + a.tasks, indicator_codes=_ordered(was.indicator_codes + a.indicator_codes),
            lead_codes=_ordered(was.lead_codes + a.lead_codes), role=was.role or a.role)
    return out


def _unit(node: Node) -> Assignment | None:
    title = node.para.text
    title = rx.sub(r"^\W*(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[IVX]+)?\s*[.)]?\s*", "", title, count=1) \
        if not node.scheme.startswith("bullet") else title.lstrip("-+•–— ")
    title = _unit_text(title)
    if title is None:
        return None
    agency, rest = _split_agency(title)
    texts = [rest] if rest else []
    texts += [p.text for p in node.body]
    tasks = [c.para.text.lstrip("-+•–— ") for c in node.children] + ([rest] if rest else [])
    tasks += [p.text for p in node.body]
    for child in node.children:
        texts.extend(p.text for p, _ in child.paragraphs())
    lead, support = _codes(texts)
    codes = _ordered(lead + support)
    role = "lead" if lead or _says(texts, vocab.LEAD_VERBS) else "support" if support or _says(texts, vocab.SUPPORT_VERBS) else None
    return Assignment(agency=agency, role=role, indicator_codes=codes, lead_codes=_ordered(lead),
                      tasks=[t for t in tasks if t], line=node.para.line, page=node.para.page)


def _unit_text(title: str) -> str | None:
    """The item from its unit on: "Giao Phòng Y tế ..." -> "Phòng Y tế ...", "Trên cơ sở đề xuất
    của ..., Bộ Tài chính tổng hợp ..." -> "Bộ Tài chính tổng hợp ..."; None when no unit opens it."""
    lead = _ASSIGN_LEAD.match(title)
    if lead and AGENCY_START.match(title[lead.end():]):
        return title[lead.end():]
    if AGENCY_START.match(title):
        return title
    if _LEAD_IN.match(title):
        commas = [c for c in _AFTER_COMMA.finditer(title, 0, 300) if AGENCY_START.match(title[c.end():])]
        if not commas:
            return None
        # "Trên cơ sở đề xuất của các bộ, ..., Bộ Tài chính tổng hợp": units listed after "của" belong to
        # the lead-in; the unit is the one whose own words (to the next comma) hold its verb
        if _OF.search(title, 0, commas[0].start()):
            acting = [c for c in commas if _ACTS.search(title[c.end():].split(",")[0])]
            commas = acting or commas
        return title[commas[0].end():]
    return None


_GIAO = rx.compile(rf"^(?:Giao|Phân\s+công|Đề\s+nghị)\s+(?P<agency>(?i:{P.AGENCY_HEAD}).*?)(?=\s+(?:chủ\s+trì|triển\s+khai|thực\s+hiện|"
                      r"tổ\s+chức|phối\s+hợp|là\s+cơ\s+quan|làm\s+đầu\s+mối|chịu\s+trách\s+nhiệm)\b)")


def _giao(para, root: Node) -> Assignment | None:
    """"Giao phòng Quản lý Công nghiệp triển khai, thực hiện ...:" followed by numbered tasks."""
    m = _GIAO.match(squash(para.text))
    if not m:
        return None
    following = [c for c in root.children if c.para.line > para.line]
    tasks = [squash(c.para.text) for c in following] if para.text.rstrip().endswith(":") else []
    texts = [squash(para.text)] + tasks
    lead, support = _codes(texts)
    return Assignment(agency=m["agency"].strip(" ,"), role="lead", indicator_codes=_ordered(lead + support),
                      lead_codes=_ordered(lead), tasks=tasks or [squash(para.text[m.end("agency"):])],
                      line=para.line, page=para.page)


_REQUEST_LEAD = rx.compile(rf"^(?:{'|'.join(map(regex.escape, vocab.REQUEST_WORDS))})\s+")


def _split_agency(title: str) -> tuple[str, str]:
    """"Sở Y tế chủ trì, phối hợp ..." -> ("Sở Y tế", "chủ trì, phối hợp ...")."""
    text = _REQUEST_LEAD.sub("", title)
    colon = text.find(":")
    verb = _VERB_AT.search(text)
    while verb and verb["v"][:1].isupper():      # "Sở Xây dựng", "Ban Thường trực ...", "Viện Nghiên cứu ..."
        verb = _VERB_AT.search(text, verb.end("v"))
    cut = len(text)
    if verb:
        cut = verb.start()
    # a short unit heading ended by a colon is whole up to it ("Các thành viên Ban tổ chức: thực hiện ...");
    # "Sở Y tế chủ trì, phối hợp ... các nội dung sau:" ends at its verb
    if 0 <= colon and (colon < cut or (colon <= 60 and "," not in text[:colon])):
        after = text[colon + 1:].strip()
        if not AGENCY_START.match(after):     # "Các cơ quan, ban ngành đoàn thể: Căn cứ ..."
            cut = colon
    agency = text[:cut].strip(" ,;:.")
    return agency, text[cut:].strip(" ,;:")


def _codes(texts: list[str]) -> tuple[list[str], list[str]]:
    lead: list[str] = []
    support: list[str] = []
    for text in texts:
        if "tiêu" not in text.lower():      # no sentence of it names "chỉ tiêu" (_sentence_codes): not cut
            continue
        for sentence in _SENTENCES.split(text):
            found = _sentence_codes(sentence)
            if not found:
                continue
            first = rx.match(r"^\W*(?P<w>\w+(?:\s+\w+)?)", sentence)
            supportive = bool(first) and rx.match(r"(?i)phối\s+hợp|tham\s+gia|phối\s+kết\s+hợp", first["w"]) \
                and not rx.search(r"(?i)\bchủ\s+trì\b", sentence[:40])
            (support if supportive else lead).extend(found)
    return lead, support


def _sentence_codes(sentence: str) -> list[str]:
    codes: list[str] = []
    if "tiêu" not in sentence.lower():      # both patterns name "chỉ tiêu"
        return codes
    for r in CODE_RANGE.finditer(sentence):
        codes.extend(str(n) for n in range(int(r["a"]), int(r["b"]) + 1))
    for m in CODE_LIST.finditer(sentence):
        parts = rx.split(r"\s*(?:,|và|;)\s*(?:chỉ\s+tiêu\s+)?(?:số\s+)?", m["list"])
        for part in parts:
            span = rx.match(r"^(\d{1,3})\s*(?:-|–|đến)\s*(?:chỉ\s+tiêu\s+)?(?:số\s+)?(\d{1,3})$", part)
            if span and int(span[1]) < int(span[2]) <= int(span[1]) + 50:
                codes.extend(str(n) for n in range(int(span[1]), int(span[2]) + 1))
            elif part.strip().isdigit():
                codes.append(str(int(part)))
    return codes


def _ordered(codes: list[str]) -> list[str]:
    seen: list[str] = []
    for c in codes:
        if c not in seen:
            seen.append(c)
    return seen


def _says(texts: list[str], verbs: tuple[str, ...]) -> bool:
    joined = " ".join(texts[:3]).casefold()
    return any(v in joined for v in verbs)


def _check(assignments: list[Assignment], indicators: list[Indicator], warnings: list[ParseWarning]) -> None:
    known = {i.code for i in indicators if i.code}
    if not known:
        return
    led = {c for a in assignments for c in a.lead_codes}
    for a in assignments:
        for code in a.indicator_codes:
            if code not in known:
                warnings.append(ParseWarning(code="unknown-indicator-code", line=a.line,
                                             message=f"{a.agency} is given chỉ tiêu {code}, which the objectives do not define"))
    if assignments and any(a.indicator_codes for a in assignments):
        for ind in indicators:
            if ind.code and ind.code not in led:
                warnings.append(ParseWarning(code="indicator-without-lead", line=ind.line,
                                             message=f"chỉ tiêu {ind.code} has no lead unit in TỔ CHỨC THỰC HIỆN"))
