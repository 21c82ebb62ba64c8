"""The XML parts of a .docx, unpacked and parsed safely, with a bound on what each may cost:

- zip damage of any kind (a deflate stream, an unknown method or version, a name that is not
  UTF-8, an offset that lies) is a ReadError, not zlib.error or NotImplementedError;
- a decompression bomb is refused before and while it unpacks (size and ratio);
- any DTD is refused: expat reads the prolog first and stops at the first element, and a
  <!DOCTYPE can only stand in the prolog (after the root element it is not well-formed). So no
  entity is ever declared, whatever the expat version or however long a comment hides it;
- a large word/document.xml is parsed block by block (paragraph, table) and each block is
  dropped once read, so memory follows the largest block, not the file; a block may not hold
  more than MAX_BLOCK_ELEMENTS elements, the document not more than MAX_ELEMENTS, which keeps
  the time to read it (each element is visited in Python) to seconds.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..errors import ReadError

if TYPE_CHECKING:
    from xml.etree import ElementTree as ET

MAX_DOCX_UNPACKED = 100 * 1024 * 1024   # word/document.xml unpacked
MAX_DOCX_PART = 16 * 1024 * 1024        # numbering, styles, footnotes (parsed whole)
MAX_DOCX_RATIO = 200                    # compression ratio of a part (a decompression bomb)
STREAM_ABOVE = 4 * 1024 * 1024          # a larger document.xml is parsed block by block
MAX_BLOCK_ELEMENTS = 1_000_000          # one paragraph or table (~100 MB of elements)
MAX_ELEMENTS = 2_000_000                # all of word/document.xml (real plans: 10,000 to 500,000)
CHUNK = 1 << 20

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_zip(data: bytes, path: str):
    """(ZipFile, {name: ZipInfo}) of a .docx."""
    import io
    import zipfile
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        return zf, {i.filename: i for i in zf.infolist()}
    except zip_errors() as e:
        raise ReadError(path, f"corrupt .docx: not a readable zip archive ({zip_problem(e)})") from None


def zip_errors() -> tuple[type[BaseException], ...]:
    import struct
    import zipfile
    import zlib
    # BadZipFile, a bad offset (ValueError: negative seek), a name that is not UTF-8
    # (UnicodeDecodeError), a compression method or zip version unknown (NotImplementedError),
    # a password (RuntimeError), a damaged deflate stream (zlib.error), a short header
    return (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError, zlib.error, struct.error)


def zip_problem(e: BaseException) -> str:
    if isinstance(e, NotImplementedError):
        return f"an unsupported zip feature: {e}"
    if isinstance(e, UnicodeDecodeError):
        return "a member name that is not UTF-8"
    return str(e) or type(e).__name__


def _chunks(zf, info, path: str, limit: int) -> Iterator[bytes]:
    """A member's bytes in chunks, refusing a bomb before it unpacks (the header's sizes) and
    while it does (the header may lie)."""
    name = info.filename
    most = min(limit, MAX_DOCX_RATIO * max(info.compress_size, 1024))
    if info.file_size > most:
        raise ReadError(path, f"refused: {name} unpacks to {info.file_size:,} bytes (a decompression bomb?)")
    seen = 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(min(CHUNK if seen else STREAM_ABOVE + 1, most + 1 - seen)):
                seen += len(chunk)
                if seen > most:
                    raise ReadError(path, f"refused: {name} unpacks to more than {most:,} bytes (a decompression bomb?)")
                yield chunk
    except zip_errors() as e:
        raise ReadError(path, f"corrupt .docx: cannot unpack {name} ({zip_problem(e)})") from None


class _Prolog:
    """expat over the bytes before the first element: refuses a DOCTYPE, then steps aside."""

    class _Doctype(Exception):
        pass

    class _Element(Exception):
        pass

    def __init__(self, name: str, path: str) -> None:
        from xml.parsers import expat
        self.name, self.path, self.done = name, path, False
        self.parser = expat.ParserCreate()
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.StartElementHandler = self._element
        self.error = expat.ExpatError

    def _doctype(self, *args: object) -> None:
        raise self._Doctype

    def _element(self, *args: object) -> None:
        raise self._Element

    def feed(self, chunk: bytes, final: bool = False) -> None:
        if self.done:
            return
        try:
            self.parser.Parse(chunk, final)
        except self._Element:
            self.done = True
        except self._Doctype:
            raise ReadError(self.path, f"refused: {self.name} declares a DOCTYPE/ENTITY (unsafe XML)") from None
        except self.error as e:
            raise ReadError(self.path, f"corrupt .docx: {self.name} is not well-formed ({e})") from None
        except LookupError as e:
            raise ReadError(self.path, f"corrupt .docx: {self.name} names an unknown text encoding ({e})") from None


def _xml_problem(e: Exception, name: str) -> str:
    from xml.etree import ElementTree as ET
    if isinstance(e, ET.ParseError):
        return f"corrupt .docx: {name} is not well-formed ({e})"
    if isinstance(e, LookupError):                  # <?xml encoding="UKF-8"?>
        return f"corrupt .docx: {name} names an unknown text encoding ({e})"
    return f"corrupt .docx: {name} cannot be decoded ({e})"   # ValueError: a multi-byte encoding


def parse_part(zf, infos: dict, name: str, path: str) -> ET.Element | None:
    """A small part (numbering, styles, footnotes) parsed whole; None when it is missing or not
    well-formed (its numbering or notes are lost, the text is not). A DTD is refused."""
    from xml.etree import ElementTree as ET
    info = infos.get(name)
    if info is None:
        return None
    content = b"".join(_chunks(zf, info, path, MAX_DOCX_PART))
    _Prolog(name, path).feed(content, final=True)
    try:
        return ET.fromstring(content)
    except (ET.ParseError, LookupError, ValueError):
        return None


def document_blocks(zf, info, path: str) -> Iterator[ET.Element]:
    """The paragraphs and tables of word/document.xml in document order (inside content
    controls too). Up to STREAM_ABOVE bytes the whole tree is built at once (the fast path of
    every real plan); past it, blocks are read as they end and dropped."""
    from xml.etree import ElementTree as ET
    name = info.filename
    chunks = _chunks(zf, info, path, MAX_DOCX_UNPACKED)
    head = next(chunks, b"")
    prolog = _Prolog(name, path)
    if len(head) <= STREAM_ABOVE:
        prolog.feed(head, final=True)
        try:
            body = ET.fromstring(head).find(f"{W}body")
        except (ET.ParseError, LookupError, ValueError) as e:
            raise ReadError(path, _xml_problem(e, name)) from None
        if body is None:
            raise ReadError(path, f"corrupt .docx: {name} has no body")
        yield from blocks(body)
        return
    yield from _streamed(head, chunks, prolog, name, path)


def _streamed(head: bytes, chunks: Iterator[bytes], prolog: _Prolog, name: str, path: str) -> Iterator[ET.Element]:
    from xml.etree import ElementTree as ET
    parser = ET.XMLPullParser(events=("start",))
    body = None
    elements = 0            # since the last block was dropped: the block being built
    total = 0
    for chunk in _prepend(head, chunks):
        prolog.feed(chunk)                  # before the tree builder sees it
        try:
            parser.feed(chunk)
            for _event, element in parser.read_events():
                elements += 1
                if body is None and element.tag == f"{W}body":
                    body = element
        except (ET.ParseError, LookupError, ValueError) as e:
            raise ReadError(path, _xml_problem(e, name)) from None
        if total + elements > MAX_ELEMENTS:
            raise ReadError(path, f"refused: {name} has over {MAX_ELEMENTS:,} XML elements")
        if body is not None and len(body) > 1:      # all but the last child are whole
            done = body[:-1]
            del body[:-1]
            total += elements
            elements = 0
            for child in done:
                yield from _block(child)
        elif elements > MAX_BLOCK_ELEMENTS:
            raise ReadError(path, f"refused: {name} has a paragraph or table of over {MAX_BLOCK_ELEMENTS:,} "
                                  "XML elements")
    prolog.feed(b"", final=True)
    try:
        parser.close()
    except (ET.ParseError, LookupError, ValueError) as e:
        raise ReadError(path, _xml_problem(e, name)) from None
    if body is None:
        raise ReadError(path, f"corrupt .docx: {name} has no body")
    yield from blocks(body)


def _prepend(head: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield head
    yield from rest


def blocks(body: ET.Element) -> Iterator[ET.Element]:
    """Paragraphs and tables in document order, looking inside content controls."""
    for child in body:
        yield from _block(child)


def _block(child: ET.Element) -> Iterator[ET.Element]:
    if child.tag in (f"{W}p", f"{W}tbl"):
        yield child
    elif child.tag == f"{W}sdt":
        content = child.find(f"{W}sdtContent")
        if content is not None:
            yield from blocks(content)
