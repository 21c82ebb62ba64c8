"""The pipeline: read -> repair -> paragraphs -> sections -> header, indicators, assignments,
deadlines, checks. `parse_lines` is the whole of it, top to bottom."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from . import rx

from ..model import Document, ParseWarning, Plan, Source, Table
from .assignments import find_assignments
from .deadlines import Context, find_deadlines
from .tasktables import table_deadlines
from .header import cited_documents, read_closing, read_header
from .indicators import _clean_metric, _tail_words, find_indicators
from .lines import Line, Paragraph, paragraphs, repair, split_lines
from .readers import Read, decode, read_path
from .text import fold
from .sections import Node, annex_nodes, annex_start, build_tree, closing_index, read_marker, to_sections, top_scheme


# Memoized steps that ask again of the same text within one document. They start empty for each
# document: a batch of copies must cost what a batch of different plans costs.
_DOCUMENT_CACHES = (read_marker, cited_documents, _tail_words, _clean_metric, fold)


def parse_read(read: Read, path: str) -> Plan:
    for cached in _DOCUMENT_CACHES:
        cached.cache_clear()
    warnings: list[ParseWarning] = []
    lines = repair(read.lines, markdown=read.markdown or None)
    paras = paragraphs(lines, markdown=bool(read.markdown))
    body, closing, after = _split_closing(paras, lines)
    roots, preamble = build_tree(body, warnings)
    roots = roots + annex_nodes(after, warnings)
    body_start = roots[0].para.line if roots else None
    document = read_header(lines, body_start, closing, paras, warnings)
    _check_references(document, warnings)
    period = (document.period.start, document.period.end)
    indicators = find_indicators(roots, period, warnings, body)
    assignments, owners = find_assignments(roots, indicators, warnings)
    outside = [p for p in preamble if not (document.title and p.text[:40] in document.title)]     # not the title
    deadlines = find_deadlines(_deadline_items(roots, owners, outside), document.date, period, warnings)
    deadlines += table_deadlines(lines, warnings, period[0] if period[0] == period[1] else None, document.date, deadlines)
    if not any(r.kind != "annex" for r in roots):
        warnings.append(ParseWarning(code="no-plan-structure", message="no numbered plan sections "
                                     "(I. MỤC TIÊU, II. NHIỆM VỤ ...) were found: this may not be a plan"))
    source = Source(path=path, format=read.format, sha256=read.sha256, pages=read.pages, encoding=read.encoding,
                    ocr=read.ocr)
    return Plan(source=source, document=document, sections=to_sections(roots), indicators=indicators,
                assignments=assignments, deadlines=deadlines,
                tables=[Table(line=t.line, header=t.header, rows=t.rows) for t in read.tables],
                warnings=sorted(warnings, key=_warning_order))


def _split_closing(paras: list[Paragraph], lines: list[Line]):
    """Body paragraphs, the closing (Nơi nhận, signature) and what is appended after it."""
    top = top_scheme(paras)
    first = next((i for i, p in enumerate(paras) if (m := read_marker(p.text)) and m.scheme == top), None)
    # with no plan sections (a công văn, a decision of articles) the closing is looked for from the start
    idx = closing_index(paras, first + 1 if first is not None else 0)
    annex = annex_start(paras, first + 1) if first is not None else None
    # a decision signed before the plan it attaches: the decision's signer is the document's
    early = closing_index(paras[:first], 0) if first else None
    decision = read_closing(lines, paras[early].line) if early is not None else None
    if decision is not None and not (decision.signer.name and decision.end_line < paras[first].line):
        decision = None
    if annex is not None and (idx is None or annex < idx):      # an appendix before any signature
        return paras[:annex], decision, paras[annex:]
    if idx is None:
        return paras, decision, []
    closing = read_closing(lines, paras[idx].line)
    if decision is not None:
        closing = dataclasses.replace(closing, signer=decision.signer)
    return paras[:idx], closing, [p for p in paras[idx:] if p.line > closing.end_line]


def _deadline_items(roots, owners: dict[int, str], outside: list[Paragraph] = ()) -> list[tuple]:
    """Paragraphs read for deadlines: every section but the annexes, and the text outside any
    section (a công văn's numbered duties, a decision's articles)."""
    items = [(para, Context(dated_only=True)) for para in outside]
    for root in roots:
        if root.kind == "annex":
            continue
        tasks = _item_titles(root)
        for para, _node in root.paragraphs():
            items.append((para, Context(actor=owners.get(para.line), in_objectives=root.kind == "objectives",
                                        task=tasks.get(para.line))))
    return items


def _item_titles(root) -> dict[int, str]:
    """Line -> the title of the numbered item it stands under ("1. Xây dựng cơ sở dữ liệu" for its
    "- Thời gian hoàn thành: ..." lines)."""
    out: dict[int, str] = {}
    # depth first in document order, with a stack (a call per node was most of the cost): a node's
    # heading stands under its parent's item, its body under its own; a bullet is no item of its own
    stack: list[tuple[Node, str | None]] = [(child, None) for child in reversed(root.children)]
    while stack:
        node, title = stack.pop()
        bullet = node.scheme.startswith("bullet")
        own = title if bullet else node.title
        out[node.para.line] = own if bullet else title
        for p in node.body:
            out[p.line] = own
        if node.children:
            stack += [(child, own) for child in reversed(node.children)]
    return {line: t for line, t in out.items() if t}


def _check_references(document: Document, warnings: list[ParseWarning]) -> None:
    for ref in document.references:
        if ref.date and document.date and ref.date > document.date:
            warnings.append(ParseWarning(code="reference-after-issue-date", line=ref.line,
                                         message=f"{ref.type} số {ref.number} is dated {ref.date}, after the plan's issue date {document.date}"))
        m = rx.search(r"/((?:19|20)\d{2})/", ref.number)
        if m and ref.date and ref.date[:4] != m[1]:
            warnings.append(ParseWarning(code="reference-date-mismatch", line=ref.line,
                                         message=f"{ref.type} số {ref.number} is dated {ref.date}: its number says {m[1]}"))


def _warning_order(w: ParseWarning):
    return (w.line or 0, w.code)


def parse_text(text: str, path: str = "-", fmt: str = "txt") -> Plan:
    """Parse a plan given as text."""
    import hashlib
    read = Read(split_lines(text), fmt, hashlib.sha256(text.encode("utf-8")).hexdigest(), encoding="utf-8",
                markdown=fmt == "md")
    return parse_read(read, path)


def parse_bytes(data: bytes, path: str = "-", fmt: str = "txt") -> Plan:
    from .readers import read_text
    return parse_read(read_text(data, path, fmt), path)


def parse_file(path: str | Path, pdf_engine: str = "pdfium", ocr=None) -> Plan:
    """Parse a plan file (.txt, .md, .pdf, .docx, and scans: .png, .jpg, .tif); raises
    KeoachError for unreadable input. `ocr` is an ocr.OcrOptions (default: OCR the pages that
    need it, one at a time)."""
    from ..errors import ReadError, display_path
    p = Path(path)
    try:
        return parse_read(read_path(p, pdf_engine, ocr), display_path(path))
    except RecursionError:
        raise ReadError(path, "too deeply nested to read") from None


__all__ = ["parse_file", "parse_text", "parse_bytes", "parse_read", "decode"]
