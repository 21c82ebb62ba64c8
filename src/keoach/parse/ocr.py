"""OCR with Tesseract and its Vietnamese model, through pytesseract.

Why pytesseract (measured on a 300-dpi page, one thread each): pytesseract 1.72 s, tesserocr
1.59 s, bare `tesseract` 1.63 s: the same engine, so the same speed within noise. pytesseract
is pure Python and drives the `tesseract` that Debian's tesseract-ocr installs, beside the
tesseract-ocr-vie model: one install, one engine version, any platform pip runs on; a page that
hangs is killed by its timeout. tesserocr's wheel bundles its own libtesseract (5.5 beside
Debian's 5.3) and still needs the apt model; elsewhere it builds from source against
libtesseract-dev; and a C call cannot be interrupted by --timeout.

Pages are rendered with pypdfium2 at DPI = 300: on two clean corpus pages rendered at 200, 250,
300 and 400 dpi Tesseract read 0.998/0.9996 of the characters at each of 200-300 and no better at
400, which is 1.4-1.9x slower; 300 leaves room for small print and is what scans below 250 dpi
are scaled up to (a 150-dpi noisy, rotated JPEG page: 0.92 of its characters). A scanned page
renders at its own resolution (capped at 300) so its specks are filtered before any resampling.
Pages are OCR'd in parallel by threads (each runs one `tesseract` process limited to one
thread), fed by the calling thread, which renders each page as a worker is about to need it
(pdfium stays in one thread; at most jobs + 1 images in memory). Each page's text goes through
OCR_REPAIRS, general repairs of Vietnamese OCR confusions, and the document through
d_read_for_dj and number_headings, which need all its pages.

Not taken, by measurement: decoding a page's scan directly instead of rendering it (pypdfium2's
get_bitmap: 15 ms against 105 ms a 300-dpi page) read 0.0006-0.0011 fewer characters right on
the 300-dpi scans and 0.012 fewer on a 150-dpi one, and pdfium does not report an image's soft
mask (FPDFPageObj_HasTransparency is false for an image with /SMask), so a masked scan would be
read wrong; a small render to check it costs 54 ms. The temporary file's format (PNM, BMP,
TIFF, PNG) changes nothing measurable in tesseract's time (6.0-6.2 s for the six pages of a
corpus scan, each); PNM is the quickest to write.
"""
from __future__ import annotations

import os
import re
import sys
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ..errors import ReadError
from ..ocr_check import INSTALL, LANG, unavailable
from .pagecheck import MISSING, UNREADABLE, USABLE, check_page, is_text

if TYPE_CHECKING:
    from PIL.Image import Image
    from rich.console import Console

DPI = 300
# one page is laid out as a block of text: --psm 6 keeps the lines of a page in reading order
# without splitting a heading and its number into two columns (psm 3 did, on the corpus scans)
CONFIG = "--psm 6"


def require(path: str, why: str) -> None:
    """Raise the one-line error of a file that needs OCR when OCR is unavailable."""
    problem = unavailable()
    if problem:
        raise ReadError(path, f"{why}: it needs OCR, and {problem}; install: {INSTALL}")


@dataclass(slots=True)
class OcrOptions:
    """--ocr auto (pages without a usable text layer), always, or never; --jobs; --timeout;
    progress: a bar of the pages OCR'd on a terminal (`keoach parse FILE` asks for it)."""
    mode: str = "auto"
    jobs: int = 1
    timeout: float | None = None
    progress: bool = False


MODES = ("auto", "always", "never")


def settle_pages(data: bytes, path: str, texts: list[str], options: OcrOptions | None) -> tuple[list[str], list[int]]:
    """Each page's text: its text layer when usable (Mac Roman words repaired), else its OCR.
    Returns the texts and the 1-based numbers of the pages read by OCR. Garbage never passes:
    an unreadable page is OCR'd or the file is refused."""
    options = options or OcrOptions()
    checks = [check_page(t) for t in texts]
    texts = [c.text if c.status == USABLE else "" for c in checks]
    if options.mode == "always":
        need = list(range(len(texts)))
    else:
        need = [i for i, c in enumerate(checks) if c.status == UNREADABLE]
        missing = [i for i, c in enumerate(checks) if c.status == MISSING]
        if missing:
            need = sorted(need + _scanned(data, missing))
    if not need:
        return texts, []
    bad = next((checks[i] for i in need if checks[i].status == UNREADABLE), None)
    why = f"its text layer is unreadable ({bad.reason})" if bad else "it is a scan (pages without a text layer)"
    if options.mode == "never":
        if bad:
            raise ReadError(path, f"{why}: read it with OCR (--ocr auto)")
        return texts, []
    if all(c.status == USABLE for c in checks):
        why = "--ocr always asks for OCR"
    require(path, why)
    deadline = time.monotonic() + options.timeout if options.timeout else None
    with page_progress(path, len(need)) if options.progress else nullcontext() as progress:
        read = ocr_images(page_images(data, need), len(need), path, options.jobs, deadline, progress)
    for i, text in zip(need, read):
        texts[i] = text
    return number_headings(d_read_for_dj(texts, need)), [i + 1 for i in need]


def _scanned(data: bytes, indexes: list[int]) -> list[int]:
    """Those of the pages (0-based) that draw an image: scans, not blank pages."""
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(data)
    try:
        return [i for i in indexes if page_has_image(pdf[i])]
    finally:
        pdf.close()


def read_image(data: bytes, path: str, options: OcrOptions | None) -> tuple[list[str], list[int]]:
    """Pages of a PNG, JPEG or TIFF file, read by OCR."""
    options = options or OcrOptions()
    if options.mode == "never":
        raise ReadError(path, "an image is read only by OCR (not with --ocr never)")
    require(path, "it is an image")
    count, frames = open_image(data, path)
    deadline = time.monotonic() + options.timeout if options.timeout else None
    with page_progress(path, count) if options.progress and count > 1 else nullcontext() as progress:
        texts = ocr_images(frames, count, path, options.jobs, deadline, progress)
    return number_headings(d_read_for_dj(texts, range(count))), list(range(1, count + 1))


# ----------------------------------------------------------------------------- images
def render_pages(data: bytes, indexes: Iterable[int], dpi: int = DPI) -> list["Image"]:
    """PDF pages (0-based) as grey images ready for OCR, all at once (bench/run.py)."""
    return list(page_images(data, indexes, dpi))


def page_images(data: bytes, indexes: Iterable[int], dpi: int = DPI) -> Iterator["Image"]:
    """PDF pages (0-based) as grey images ready for OCR, one at a time, each rendered when it
    is asked for: pdfium is not thread-safe, so the thread that iterates makes every pdfium call.
    A scanned page renders at its scan's own resolution (no resampling before the clean-up),
    every page ends at `dpi` or above."""
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(data)
    try:
        for i in indexes:
            page = pdf[i]
            native = min(dpi, scan_dpi(page) or dpi)
            bitmap = page.render(scale=native / 72, grayscale=True)
            img = bitmap.to_pil().convert("L")      # a copy: the bitmap's memory is freed here
            bitmap.close()
            page.close()
            yield prepare(img, native, dpi)
    finally:
        pdf.close()


def scan_dpi(page) -> float | None:
    """Resolution of the largest image a page draws (a scan's), or None when it draws none."""
    import pypdfium2.raw as raw
    best = None
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        width_px, _ = obj.get_px_size()
        if right - left > 72 and (best is None or right - left > best[0]):
            best = (right - left, width_px / ((right - left) / 72))
    return best[1] if best else None


def page_has_image(page) -> bool:
    """A pypdfium2 page draws an image (a scan), not only vector text or nothing."""
    import pypdfium2.raw as raw
    return any(True for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))


# A speck is a dark pixel a 3x3 median removes: about 1% of a photocopied page's pixels, none of
# a clean scan's (measured: 0.0000-0.0001 on the corpus at 300 and 150 dpi). Tesseract reads
# through specks poorly (0.79 of the characters of a noisy page; 0.998 after a median filter,
# which costs nothing on a clean page: 0.998 both)
SPECKS = 0.001


def prepare(img: "Image", native: float, dpi: int = DPI) -> "Image":
    """Specks filtered out at the scan's own resolution, then scaled up to `dpi` if below 250:
    Tesseract reads 10-point text best with letters about 30 pixels high."""
    from PIL import Image, ImageFilter
    if speck_share(img) > SPECKS:
        img = img.filter(ImageFilter.MedianFilter(3))
    if native < 250:
        scale = dpi / native
        img = img.resize((round(img.width * scale), round(img.height * scale)), Image.LANCZOS)
    return img


def speck_share(img: "Image") -> float:
    """Share of pixels a 3x3 median changes by more than half, on five samples of the page."""
    from PIL import ImageChops, ImageFilter
    side = max(32, min(img.width, img.height) // 8)
    changed = total = 0
    for fx, fy in ((0.2, 0.2), (0.8, 0.2), (0.5, 0.5), (0.2, 0.8), (0.8, 0.8)):
        x, y = int(img.width * fx) - side // 2, int(img.height * fy) - side // 2
        crop = img.crop((max(0, x), max(0, y), max(0, x) + side, max(0, y) + side))
        diff = ImageChops.difference(crop, crop.filter(ImageFilter.MedianFilter(3)))
        changed += sum(diff.histogram()[129:])
        total += crop.width * crop.height
    return changed / total if total else 0.0


_IMAGE_ERRORS = (OSError, ValueError, EOFError)      # PIL's UnidentifiedImageError is an OSError


def open_image(data: bytes, path: str) -> tuple[int, Iterator["Image"]]:
    """The number of frames of a PNG, JPEG or (multi-page) TIFF, and the frames, grey and
    prepared for OCR, each decoded when it is asked for."""
    import io

    from PIL import Image
    errors = (*_IMAGE_ERRORS, Image.DecompressionBombError)
    try:
        img = Image.open(io.BytesIO(data))
        count = getattr(img, "n_frames", 1)
    except errors as e:
        raise ReadError(path, f"not a readable image ({type(e).__name__})") from None
    dpi = float(img.info.get("dpi", (0, 0))[0] or 0) or DPI       # no resolution written: taken as read

    def frames() -> Iterator["Image"]:
        for n in range(count):
            try:
                img.seek(n)
                frame = img.convert("L")
            except errors as e:
                raise ReadError(path, f"not a readable image ({type(e).__name__})") from None
            yield prepare(frame, dpi)
    return count, frames()


# ----------------------------------------------------------------------------- OCR
def ocr_images(images: Iterable["Image"], count: int, path: str, jobs: int = 1, deadline: float | None = None,
               progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Text of each of the `count` images, OCR'd by up to `jobs` Tesseract processes at once (one
    thread each), in the order of `images`. The images are drawn from `images` here, in the
    calling thread (pdfium renders them: it is not thread-safe), each as soon as a worker is
    about to need it: rendering the next page overlaps reading the others, and at most jobs + 1
    images are in memory, not the whole document. `progress(done, count)` after each page read."""
    import pytesseract
    from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")      # one Tesseract thread per worker

    def one(img: "Image") -> str:
        left = None if deadline is None else max(1.0, deadline - time.monotonic())
        # pytesseract hands tesseract a temporary file: PNM is written in 6 ms, PNG in 95 ms a page
        img.format = "PPM"
        try:
            return pytesseract.image_to_string(img, lang=LANG, config=CONFIG, timeout=left or 0)
        except RuntimeError as e:       # pytesseract's "Tesseract process timeout"
            raise ReadError(path, f"OCR timed out ({e}); raise --timeout") from None
        except pytesseract.TesseractError as e:
            raise ReadError(path, f"OCR failed: {str(e.message).strip().splitlines()[-1:] or e}") from None

    jobs = max(1, min(jobs or (os.cpu_count() or 1), count))
    texts = [""] * count
    source = iter(images)
    running: dict[Future[str], int] = {}        # page index of each image handed to a worker
    started = done = 0
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        while started < count or running:
            # one image waiting beside the `jobs` being read: a worker that finishes starts the
            # next page at once, while this thread renders the one after
            while started < count and len(running) <= jobs:
                running[pool.submit(one, next(source))] = started
                started += 1
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=running.__getitem__):
                texts[running.pop(future)] = repair_ocr(future.result())
                done += 1
                if progress:
                    progress(done, count)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)       # after an error: no page starts any more
        close = getattr(source, "close", None)
        if close:
            close()         # a generator's pdfium document is closed in this thread too
    return texts


@contextmanager
def page_progress(path: str, total: int, console: "Console | None" = None) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar of the pages read by OCR on stderr ("OCR plan.pdf ━━━━╸━━━ 3/9 pages
    0:00:12"), gone when they are read; rich is imported only to draw it. Only on a terminal,
    and never in a worker process of a batch (whose parent draws its own bar); NO_COLOR draws
    it without colours. `console` (tests) draws it there, whatever stderr is."""
    import multiprocessing
    if console is None and (not sys.stderr.isatty() or multiprocessing.parent_process() is not None):
        yield None
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    console = console or Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")))
    bar = Progress(TextColumn(f"OCR {escape(path)}"), BarColumn(), MofNCompleteColumn(), TextColumn("pages"),
                   TimeRemainingColumn(), console=console, transient=True)
    task = bar.add_task("ocr", total=total)
    with bar:
        yield lambda done, total: bar.update(task, completed=done, total=total)


# ----------------------------------------------------------------------------- repairs
# Each rule is a confusion Tesseract's vie model makes on printed Vietnamese, found on the
# corpus scans (300 and 150 dpi, rotated, noisy): named, with the input it repairs.

# "####" of a markdown heading printed as text and scanned comes out "#1HH†", "?‡", "tt", "1#",
# "0i": a short token of ASCII marks and letters before the "**" that opens the heading
_MARKDOWN_JUNK = re.compile(r"^[#?†‡!|0-9A-Za-z]{1,6}[ \t]+(?=\*\*\S)", re.M)
# "5%o" is a per-mille sign read as "%" and "o"
_PER_MILLE = re.compile(r"(?<=\d)\s?%o(?![a-zà-ỹ])")
# "1]5%", "2£5": a stray mark between digits is a lost comma or nothing. Rare: none in the raw OCR
# of the corpus scans (240 pages in six qualities, 6,302 numbers) and none in 59 files of good
# text (text layers, text plans), so these two rules cost nothing where they do not apply
_STRAY_IN_NUMBER = re.compile(r"(?<=\d)[\]\[£|](?=\d)")
_STRAY_AFTER_NUMBER = re.compile(r"(?<=\d)[\]£](?=\s|%|$)", re.M)
# " |" and "|" at a line's ends are the rule lines of a table or a page edge
_EDGE_BARS = re.compile(r"^[ \t]*\|[ \t|]*|[ \t|]*\|[ \t]*$", re.M)


# A top-level heading "III. NHIỆM VỤ" read as "IIL NHIỆM VỤ", "II NHIỆM VỤ", "[, MỤC ĐÍCH",
# "VI, CHẾ ĐỘ", "IH. TÔ CHỨC": a numeral of I, V, X and their look-alikes (l, L, 1, |, !, [, ], Ị, Ì, Í;
# H after an I)
# before an upper-case title, after an optional markdown prefix ("## **")
_ROMAN_HEADING = re.compile(r"^[ \t:;.,'\"`]*(?P<prefix>(?:#+[ \t]*)?(?:\*\*)?)"
                            r"(?P<numeral>[IVXỊÌÍlLi1|!\[\]]{1,5}|I[IHi]{1,3}|H[Ii]{1,2})"
                            r"(?:[ \t]*[.,:;][ \t]*|[ \t]+)(?P<title>[^\W\d_][^\n]*)$", re.M)
_LOOKALIKE_I = str.maketrans({c: "I" for c in "ỊÌÍlLi1|![]H"})   # "IH", "HI", "IiI" are "III"
_ROMAN_NUMERAL = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


def number_headings(texts: list[str]) -> list[str]:
    """Roman headings of OCR'd pages renumbered along the sequence the document makes: a
    look-alike numeral one stroke off the next number ("II" where "III" is due, "IL", "[,")
    is that number. A numeral that reads clearly otherwise ("V." after "II.") restarts the
    sequence there (an annex's own I., II.)."""
    state = {"last": 0}

    def fix(m: re.Match[str]) -> str:
        letters = [c for c in m["title"] if c.isalpha()]
        if len(letters) < 3 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
            return m.group()        # a heading is upper case ("NHIỆM VỤ VÀ GIẢI PHÁP Wì": noise after it)
        read = m["numeral"].translate(_LOOKALIKE_I)
        due = _to_roman(state["last"] + 1)
        value = _from_roman(read)
        if read == due or (abs(len(read) - len(due)) == 1 and (read.startswith(due) or due.startswith(read))):
            state["last"] += 1
        elif value:
            state["last"] = value
        else:
            return m.group()
        return f"{m['prefix']}{_to_roman(state['last'])}. {m['title']}"
    return [_ROMAN_HEADING.sub(fix, t) for t in texts]


# Tesseract reads a printed "d" as "đ" on poor scans, and never the reverse. Measured on the corpus
# scans (5 PDFs, 240 pages: clean 300 dpi, 150 dpi, rotated 1°, noisy, JPEG, all four at once),
# aligned word by word with their text layers: 98 of 3,508 d-words came out with "đ" (86 on the
# all-four copies, 9 at 150 dpi, 3 rotated, 0 clean, noisy or JPEG), 0 of 7,311 đ-words with "d".
# The syllable cannot tell which "đ" is wrong: "địch", "đựng", "điện", "đục", "đo" are words as
# much as "dịch", "dựng", "diện", "dục", "do", and "đưới", "đưỡng", "đân" are well-formed
# syllables. The document can: a đ-word whose d-twin the same document holds at least
# D_TWIN_RATIO times as often is that d-word ("đưới" among many "dưới"). On the scans this repairs
# 28 of the 98 and changes no right word (one wrong "đân", printed "dẫn", becomes "dân"); on 76,000
# words of good text (24 documents: text layers, text plans) it changes nothing. A ratio of 2
# repairs 43 but breaks 14 right words on the scans and 7 in good text ("điện" beside a "diện"
# twice as common, "đương", "đi"). All-capital words are left alone ("ĐU" beside "DU").
D_TWIN_RATIO = 3
_LETTERS = re.compile(r"[^\W\d_]+")
_DJ_WORD = re.compile(r"(?<![^\W\d_])[đĐ][^\W\d_]+")


def d_read_for_dj(texts: list[str], ocrd: Iterable[int]) -> list[str]:
    """The pages `ocrd` (0-based) with each đ-word whose d-twin the document (every page) holds
    D_TWIN_RATIO times as often written as that twin: "đưới" among "dưới" is "dưới"."""
    counts: dict[str, int] = {}
    for text in texts:
        for word in _LETTERS.findall(text):
            counts[word.lower()] = counts.get(word.lower(), 0) + 1

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        twin = ("d" if word[0] == "đ" else "D") + word[1:]
        if not word[1:].islower() or counts.get(twin.lower(), 0) < D_TWIN_RATIO * counts[word.lower()]:
            return word
        return twin
    ocrd = set(ocrd)
    return [_DJ_WORD.sub(fix, t) if i in ocrd else t for i, t in enumerate(texts)]


def _to_roman(n: int) -> str:
    out = ""
    for value, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _from_roman(s: str) -> int:
    if not s or not _ROMAN_NUMERAL.fullmatch(s):
        return 0
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        total += -values[a] if b != " " and values[b] > values[a] else values[a]
    return total


def repair_ocr(text: str) -> str:
    """The OCR_REPAIRS, in order, on one page's OCR text."""
    for rule in OCR_REPAIRS:
        text = rule(text)
    return text


# "ƣ" (U+01A3, printed by old Vietnamese fonts for "ư": SPEC's ƣ -> ư) reads as "ơj", "ơJ", "ơ",
# "ơi", "ơg" or "o", and it mostly stands before "ơ" ("ươ"): "Thơjơng", "Thơơng", "phơgờng",
# "trơiờng", "troờng". No Vietnamese syllable has "ơj", nor "ơ", "ơi", "ơg" or "o" before an ơ
_PRINTED_OI = re.compile(r"ơ[jJ]|ơ[ig]?(?=[ơờớởỡợ])|o(?=[ơờớởỡợ])")


# OCR noise outside the characters of a Vietnamese text ("‹", "¬", "ˆ", "Ÿ"): dropped
def _drop_non_text(text: str) -> str:
    return "".join(c for c in text if c.isspace() or is_text(c))


OCR_REPAIRS: tuple[Callable[[str], str], ...] = (
    _drop_non_text,
    lambda t: _EDGE_BARS.sub("", t),
    lambda t: _MARKDOWN_JUNK.sub("## ", t),
    lambda t: _PRINTED_OI.sub("ư", t),
    lambda t: _PER_MILLE.sub("‰", t),
    lambda t: _STRAY_IN_NUMBER.sub(",", t),
    lambda t: _STRAY_AFTER_NUMBER.sub("", t),
)
