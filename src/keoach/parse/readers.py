"""Readers: a file's bytes -> `Line`s. READERS maps an extension to its reader; heavy imports
(pypdfium2, pdfplumber) happen inside the reader that needs them.

Each reader raises a KeoachError subclass with a one-line problem for bad input.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from xml.etree import ElementTree as ET

    from .ocr import OcrOptions

from ..errors import InputError, ReadError, UnsupportedFormat
from ..files import IMAGES, MAX_INPUT_BYTES, read_regular
from .lines import Line, split_lines
from .text import fold

_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20)])    # control characters no text plan has
_CONTROLS = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")
MAX_TEXT_BYTES = MAX_INPUT_BYTES        # a plan file larger than this is refused
MAX_DOCX_LINES = 300_000                # the text of a .docx: lines (a 6,000-page document)
MAX_DOCX_CHARS = 20_000_000             # and characters


@dataclass(slots=True)
class Table:
    """A data table of a Word plan: header cells and rows of cells, with the line of each row."""
    line: int
    header: list[str]
    rows: list[list[str]]
    row_lines: list[int]


@dataclass(slots=True)
class Read:
    lines: list[Line]
    format: str
    sha256: str
    encoding: str | None = None
    pages: int | None = None
    markdown: bool = False
    tables: list[Table] = field(default_factory=list)
    ocr: list[int] | None = None        # pages (1-based) read by OCR


# ----------------------------------------------------------------------------- text
def decode(data: bytes, path: str = "-") -> tuple[str, str]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace"), "utf-16"
    head = data[:65536]
    if b"\x00" in head:
        raise InputError(path, "binary content, not a text plan")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1258", "replace"), "cp1258"
    if len(data) <= 65536:      # all of it is the head, and each control character is one byte
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    else:
        controls = len(_CONTROLS.findall(text[:65536]))
    if controls > 0.01 * min(len(text), 65536) + 2:
        raise InputError(path, "binary content, not a text plan")
    return text, encoding


def read_text(data: bytes, path: str, fmt: str = "txt") -> Read:
    text, encoding = decode(data, path)
    return Read(split_lines(text), fmt, _sha(data), encoding=encoding, markdown=fmt == "md")


# ----------------------------------------------------------------------------- pdf
def read_pdf(data: bytes, path: str, engine: str = "pdfium", ocr: OcrOptions | None = None) -> Read:
    """Text layer of a PDF, page by page; pypdfium2 by default, pdfplumber on request. Pages
    without a usable text layer (scans, glyph ids) are read by OCR (parse/ocr.py)."""
    if not data.startswith(b"%PDF"):
        raise ReadError(path, "not a PDF (no %PDF header)")
    pages = _pdf_pages_pdfplumber(data, path) if engine == "pdfplumber" else _pdf_pages_pdfium(data, path)
    from .ocr import settle_pages
    pages, ocr_pages = settle_pages(data, path, pages, ocr)
    lines: list[Line] = []
    for page_no, text in enumerate(pages, start=1):
        page_lines = split_lines(text)
        for number, line in enumerate(page_lines, start=len(lines) + 1):    # numbered on through the pages
            line.number, line.page = number, page_no
        lines += page_lines
    chars = 0
    for x in lines:                  # enough text is all that is asked: the count stops at 200
        chars += len(x.text.strip())
        if chars >= 200:
            break
    if chars < 20 * max(1, len(pages)) and chars < 200:
        raise ReadError(path, "no text layer: this PDF needs OCR first")
    return Read(lines, "pdf", _sha(data), pages=len(pages), ocr=ocr_pages or None)


def read_image(data: bytes, path: str, ocr: OcrOptions | None = None) -> Read:
    """A PNG, JPEG or (multi-page) TIFF scan, read by OCR."""
    from . import ocr as ocr_module
    texts, ocr_pages = ocr_module.read_image(data, path, ocr)
    lines: list[Line] = []
    for page_no, text in enumerate(texts, start=1):
        page_lines = split_lines(text)
        for number, line in enumerate(page_lines, start=len(lines) + 1):
            line.number, line.page = number, page_no
        lines += page_lines
    if sum(len(x.text.strip()) for x in lines) < 20:
        raise ReadError(path, "no text found in the image by OCR")
    return Read(lines, "image", _sha(data), pages=len(texts), ocr=ocr_pages)


def _pdf_pages_pdfium(data: bytes, path: str) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        problem = str(e).lower()
        if "password" in problem or "security" in problem:
            raise ReadError(path, "encrypted PDF: remove the password first") from None
        raise ReadError(path, "corrupt or truncated PDF") from None
    try:
        out = []
        for number in range(len(pdf)):
            try:
                text = pdf[number].get_textpage().get_text_range()
            except pdfium.PdfiumError as e:     # the document opens, a page does not
                raise ReadError(path, f"corrupt PDF: page {number + 1} cannot be read ({e})") from None
            # pdfium ends lines with \r\n and turns a line-final hyphen into U+FFFE; Vietnamese
            # does not hyphenate words, so it is a real hyphen ("1822/KH-" / "UBND"): keep it
            out.append(text.replace("\ufffe", "-").replace("\r\n", "\n").replace("\r", "\n"))
        return out
    finally:
        pdf.close()


def _pdf_pages_pdfplumber(data: bytes, path: str) -> list[str]:
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [page.extract_text() or "" for page in pdf.pages]
    except PDFPasswordIncorrect:
        raise ReadError(path, "encrypted PDF: remove the password first") from None
    except Exception as e:  # pdfminer raises many types for broken files; pdfplumber wraps them
        cause = e.__cause__ or e.__context__ or (e.args[0] if e.args and isinstance(e.args[0], Exception) else None)
        if isinstance(cause, PDFPasswordIncorrect):
            raise ReadError(path, "encrypted PDF: remove the password first") from None
        raise ReadError(path, f"corrupt or truncated PDF ({type(e).__name__})") from None


# ----------------------------------------------------------------------------- docx
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TABLE_HEADER_WORDS = {"tt", "stt", "so tt", "noi dung", "nhiem vu", "chi tieu", "don vi", "thoi gian",
                      "ghi chu", "nguoi thuc hien", "don vi chu tri", "don vi phoi hop", "don vi tinh",
                      "nhiem vu thuc hien", "thoi gian thuc hien", "thoi gian hoan thanh", "san pham",
                      "co quan chu tri", "co quan phoi hop", "ke hoach", "muc tieu",
                      # a task table's columns (its rows are read for deadlines: tasktables.py)
                      "thoi han", "thoi han hoan thanh", "tien do", "ten nhiem vu", "noi dung cong viec",
                      "co quan thuc hien", "don vi thuc hien", "ket qua", "san pham du kien"}


def read_docx(data: bytes, path: str) -> Read:
    """Body of a .docx in document order, tables included, auto-numbering rendered. Its text may
    not pass MAX_DOCX_LINES lines or MAX_DOCX_CHARS characters, which bounds what the rest of
    the pipeline costs (README: a .docx near the limits is refused within 15 s and 200 MB)."""
    from .docxzip import document_blocks, open_zip, parse_part
    zf, infos = open_zip(data, path)
    if "word/document.xml" not in infos:
        raise ReadError(path, "not a Word document: the zip has no word/document.xml")
    numberer = _Numberer(parse_part(zf, infos, "word/numbering.xml", path),
                         parse_part(zf, infos, "word/styles.xml", path))
    footnotes = parse_part(zf, infos, "word/footnotes.xml", path)
    lines: list[Line] = []
    tables: list[Table] = []
    chars = 0
    for block in document_blocks(zf, infos["word/document.xml"], path):
        if block.tag == f"{W}p":
            for text in _paragraph_lines(block, numberer):
                lines.append(Line(len(lines) + 1, text))
                chars += len(text)
        else:
            start = len(lines)
            _emit_table(block, numberer, lines, tables)
            chars += sum(len(x.text) for x in lines[start:])
        if len(lines) > MAX_DOCX_LINES or chars > MAX_DOCX_CHARS:
            raise ReadError(path, f"refused: word/document.xml holds more than {MAX_DOCX_LINES:,} lines or "
                                  f"{MAX_DOCX_CHARS:,} characters of text")
    for note in _notes(footnotes):
        lines.append(Line(len(lines) + 1, note))
    return Read(lines, "docx", _sha(data), tables=tables)


def _notes(footnotes: ET.Element | None) -> list[str]:
    if footnotes is None:
        return []
    texts = ("".join(t.text or "" for t in fn.iter(f"{W}t")).strip() for fn in footnotes.iter(f"{W}footnote"))
    return [t for t in texts if t]


_T, _BR, _CR, _TAB = f"{W}t", f"{W}br", f"{W}cr", f"{W}tab"


def _runs_text(p: ET.Element) -> str:
    # most paragraphs have no break or tab: their text is their w:t elements, which iter() finds
    # in C (a Python look at every element, mostly run properties, was a third of reading a .docx)
    if next(p.iter(_BR), None) is None and next(p.iter(_TAB), None) is None and next(p.iter(_CR), None) is None:
        return "".join([t.text or "" for t in p.iter(_T)])
    out: list[str] = []
    for el in p.iter():
        if el.tag == f"{W}t":
            out.append(el.text or "")
        elif el.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif el.tag == f"{W}tab":
            out.append(" ")
    return "".join(out)


def _paragraph_lines(p: ET.Element, numberer: "_Numberer") -> list[str]:
    """A paragraph's lines: w:br is a line break, not glue; the list number is prefixed."""
    text = _runs_text(p)
    label = numberer.label(p)
    if label:
        text = f"{label} {text.lstrip()}" if text.strip() else label
    return text.split("\n")


def _emit_table(tbl: ET.Element, numberer: "_Numberer", lines: list[Line], tables: list[Table]) -> None:
    rows: list[list[list[str]]] = []
    for tr in tbl.iter(f"{W}tr"):
        cells = []
        for tc in tr.findall(f"{W}tc"):
            cell_lines: list[str] = []
            for p in tc.iter(f"{W}p"):
                cell_lines.extend(_paragraph_lines(p, numberer))
            cells.append(cell_lines)
        rows.append(cells)
    if _is_data_table(rows):
        header = [" ".join(" ".join(c).split()) for c in rows[0]]
        table = Table(len(lines) + 1, header, [], [])
        columns = indicator_columns(header)
        for cells in rows:
            flat = ["; ".join(s.strip() for s in c if s.strip()) for c in cells]
            sentence = indicator_sentence(flat, columns) if columns and cells is not rows[0] else None
            lines.append(Line(len(lines) + 1, sentence or " | ".join(flat)))
            if cells is not rows[0]:
                table.rows.append(flat)
                table.row_lines.append(len(lines))
        tables.append(table)
        return
    # a layout table (header, signature): each column is a block of lines, read column by column
    width = max((len(r) for r in rows), default=0)
    for col in range(width):
        for cells in rows:
            if col < len(cells):
                for text in cells[col]:
                    lines.append(Line(len(lines) + 1, text))


_YEAR_HEADER = re.compile(r"(?<![\d/-])((?:19|20)\d{2})(?![\d/-]|\s*[-–]\s*(?:19|20)\d{2})")
_METRIC_HEADERS = ("chi tieu", "ten chi tieu", "noi dung", "noi dung chi tieu", "muc tieu")
_UNIT_HEADERS = ("don vi tinh", "don vi", "dvt", "dv tinh")


def indicator_columns(header: list[str]) -> tuple[int, int | None, list[tuple[int, str]]] | None:
    """(metric column, unit column, [(column, year)]) when a table is one of targets by year:
    "TT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030"; else None."""
    folded = [fold(h).rstrip(".:") for h in header]
    metric = next((i for i, h in enumerate(folded) if h in _METRIC_HEADERS), None)
    unit = next((i for i, h in enumerate(folded) if h in _UNIT_HEADERS), None)
    years = [(i, m[1]) for i, h in enumerate(header) if i not in (metric, unit) and (m := _YEAR_HEADER.search(h))]
    if metric is None or not years:
        return None
    return metric, unit, years


def indicator_sentence(cells: list[str], columns: tuple[int, int | None, list[tuple[int, str]]]) -> str | None:
    """A row of an indicator table written as the sentence a plan would use, so the one reader
    of targets reads it: ["Tỷ lệ hộ nghèo", "%", "3", "1,5"] -> "- Tỷ lệ hộ nghèo đạt 3 % vào
    năm 2025, đạt 1,5 % vào năm 2030." Rows without any value stay a table row."""
    metric_col, unit_col, years = columns

    def cell(i: int | None) -> str:
        return cells[i].strip() if i is not None and i < len(cells) else ""

    metric = cell(metric_col)
    unit = cell(unit_col)
    values = [(cell(i), year) for i, year in years if re.search(r"\d", cell(i))]
    if not metric or not values:
        return None
    parts = [f"đạt {value} {unit} vào năm {year}".replace("  ", " ") for value, year in values]
    return f"- {metric.rstrip(' .:;')} " + ", ".join(parts) + "."


def _is_data_table(rows: list[list[list[str]]]) -> bool:
    if len(rows) < 3 or max(len(r) for r in rows) < 2:
        return False
    header = {fold(" ".join(" ".join(c).split())).rstrip(".") for c in rows[0]}
    return bool(header & TABLE_HEADER_WORDS)


LEVELS = 9              # Word's list levels: w:ilvl 0..8
MAX_START = 32767       # the largest list start Word accepts


class _Numberer:
    """Renders w:numPr auto-numbers ("I.", "1.", "a)") as Word shows them. Values Word would not
    write (a level past 8, a start past 32767, "one") are dropped or clamped: a label is never
    longer than a few characters per level, whatever numbering.xml says."""

    def __init__(self, numbering: ET.Element | None, styles: ET.Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}   # abstractNumId -> ilvl -> fmt
        self.nums: dict[str, str] = {}                                  # numId -> abstractNumId
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            for st in styles.iter(f"{W}style"):
                num = st.find(f"{W}pPr/{W}numPr")
                if num is not None:
                    self.style_num[st.get(f"{W}styleId", "")] = _num_ref(num)

    def _read_numbering(self, root: ET.Element) -> None:
        for an in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in an.findall(f"{W}lvl"):
                ilvl = _int(lvl.get(f"{W}ilvl"), 0)
                if not 0 <= ilvl < LEVELS:
                    continue
                fmt = _val(lvl.find(f"{W}numFmt")) or "decimal"
                text = (_val(lvl.find(f"{W}lvlText")) or "")[:100]
                start = min(max(_int(_val(lvl.find(f"{W}start")), 1), 0), MAX_START)
                levels[ilvl] = (fmt, text, start)
            self.levels[an.get(f"{W}abstractNumId", "")] = levels
        for num in root.findall(f"{W}num"):
            self.nums[num.get(f"{W}numId", "")] = _val(num.find(f"{W}abstractNumId")) or ""

    def label(self, p: ET.Element) -> str:
        ppr = p.find(f"{W}pPr")
        if ppr is None:
            return ""
        num = ppr.find(f"{W}numPr")
        if num is not None:
            num_id, ilvl = _num_ref(num)
        else:
            style = _val(ppr.find(f"{W}pStyle"))
            if not style or style not in self.style_num:
                return ""
            num_id, ilvl = self.style_num[style]
        levels = self.levels.get(self.nums.get(num_id, ""), {})
        if num_id in ("", "0") or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * LEVELS)
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, LEVELS):
            counters[deeper] = 0
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""
        out = text
        for level in range(ilvl + 1):
            lfmt, _, lstart = levels.get(level, ("decimal", "", 1))
            out = out.replace(f"%{level + 1}", _format_counter(counters[level] or lstart, lfmt))
        return out.strip()


def _num_ref(num: ET.Element) -> tuple[str, int]:
    return _val(num.find(f"{W}numId")) or "", _int(_val(num.find(f"{W}ilvl")), 0)


def _val(el: ET.Element | None) -> str | None:
    return None if el is None else el.get(f"{W}val")


def _int(text: str | None, default: int) -> int:
    """A decimal attribute; "x", "1.5" or a 5,000-digit number is the default."""
    if text is None or len(text) > 12:
        return default
    try:
        return int(text)
    except ValueError:
        return default


def _format_counter(n: int, fmt: str) -> str:
    """1 -> "I", "a"; past what a format can write (3999 in Roman, 780 = "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
    in letters) Word's number is written in digits: the label stays short."""
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("upperLetter", "lowerLetter") and 0 < n <= 780:
        s = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    return str(n)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


# ----------------------------------------------------------------------------- dispatch
def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


Reader = Callable[[bytes, str], Read]
READERS: dict[str, Reader] = {
    ".txt": lambda data, path: read_text(data, path, "txt"),
    ".text": lambda data, path: read_text(data, path, "txt"),
    ".md": lambda data, path: read_text(data, path, "md"),
    ".markdown": lambda data, path: read_text(data, path, "md"),
    ".pdf": read_pdf,
    ".docx": read_docx,
}
REFUSED = {
    ".doc": "legacy Word .doc is not read: convert it to .docx (e.g. libreoffice --headless --convert-to docx)",
    ".rtf": "RTF is not read: save it as .docx",
    ".odt": "OpenDocument is not read: save it as .docx",
    ".xls": "a spreadsheet is not a plan", ".xlsx": "a spreadsheet is not a plan",
}


def read_path(path: Path, pdf_engine: str = "pdfium", ocr: OcrOptions | None = None) -> Read:
    """Read a file of any supported kind, with clear errors for what cannot be read."""
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory (pass -r to parse the files inside)")
    ext = path.suffix.lower()
    if ext in REFUSED:
        raise UnsupportedFormat(path, REFUSED[ext])
    if ext not in READERS and ext not in IMAGES:
        raise UnsupportedFormat(path, f"unknown extension {ext or '(none)'}: keoach reads .txt .md .pdf .docx "
                                      "and, by OCR, .png .jpg .tif")
    data = read_regular(path, MAX_TEXT_BYTES)
    if not data.strip():
        raise InputError(path, "empty file")
    if ext == ".pdf":
        return read_pdf(data, str(path), pdf_engine, ocr)
    if ext in IMAGES:
        return read_image(data, str(path), ocr)
    return READERS[ext](data, str(path))
