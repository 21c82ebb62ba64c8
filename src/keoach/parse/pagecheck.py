"""Is a PDF page's text layer text? Each page is `usable`, `missing` (no text: a scan, or a
blank page) or `unreadable` (glyph ids, mojibake): garbage must never reach the output as text.

Signals, measured on the corpus PDFs (all 0) and on glyph-id PDFs (C5 of PATTERNS.md: 17.5% of
letters Cyrillic, 168 control characters):
- "(cid:N)" runs, which pdfminer/pdfplumber write for a glyph with no Unicode value;
- control characters (C0 other than tab/newline, C1), which pdfium gives for low glyph ids;
- characters that are neither Vietnamese/Latin letters, digits, nor the punctuation and symbols
  of an administrative text (Cyrillic, Greek, box drawing, private use ...);
- letters impossible in Vietnamese (ñ, ø, ß ...), counted as foreign too;
- words that cannot be Vietnamese syllables, for glyph ids that happen to land on ASCII.

Mac Roman mis-decoding (pdfium reading a WinAnsi TrueType font as Mac Roman: "ngày" comes out
"ng‡y") is repaired by one fixed, checkable mapping: the word is encoded back to Mac Roman bytes
and decoded as Windows-1252 (WinAnsi). Only words holding a character Mac Roman gives for a
byte Windows-1252 reads as a Vietnamese/Latin letter are touched.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

USABLE, MISSING, UNREADABLE = "usable", "missing", "unreadable"

_BASE_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzđ"
    + "".join(unicodedata.normalize("NFC", v + t) for v in _BASE_VOWELS for t in _TONES)
)
VIETNAMESE_LETTERS = VIETNAMESE_LETTERS | frozenset(c.upper() for c in VIETNAMESE_LETTERS)
# punctuation and symbols that occur in administrative texts (beside ASCII)
TEXT_SYMBOLS = frozenset("–—‘’‚“”„…•·°%‰§№×÷±≤≥€£$½¼¾©®™→←↑↓⇒■□●○◦▪▫✓✔✗❖➢➤►▲▼♦◆◇*\u00a0\u2009\u202f\ufeff\u200b")

MIN_CHARS = 20                 # fewer non-space characters on a page: no text layer there
MAX_FOREIGN = 0.03             # share of non-space characters outside letters/digits/symbols
MAX_CONTROLS = 2
MAX_CID_RUNS = 2
MARKED_SHARE = 0.05            # share of Vietnamese letters with marks that makes a page text outright
MIN_SYLLABLES = 0.6            # share of lower-case words that can be Vietnamese syllables (or English)

CID = re.compile(r"\(cid:\d+\)")
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[^\W\d_]+")
# onset + vowels + coda of a Vietnamese syllable, on the word folded to ASCII
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")
# English and French words of cited standards, e-mail, web addresses: short ASCII words that are
# not syllables ("of", "www", "email") are tolerated by the share threshold, not listed


@dataclass(slots=True)
class PageCheck:
    status: str          # usable | missing | unreadable
    text: str            # the text, Mac Roman words repaired
    reason: str = ""     # why unreadable: "glyph ids (cid:N)", "control characters" ...


def check_page(text: str) -> PageCheck:
    """The verdict on one page's text layer."""
    # One scan finds the characters neither printable ASCII, line breaks nor letters: the foreign
    # ones and the symbols, and among them every odd white space and control character (none is
    # ASCII printable or a letter), which are then looked for in these few characters, not in
    # the page (two more scans of every page were half of the check)
    outside = _NOT_LETTERS_PAST_BREAKS.findall(text)
    size, body = _size(text, "".join(outside))
    if size < MIN_CHARS:
        return PageCheck(MISSING, text)
    if "(cid:" in text and len(CID.findall(text)) > MAX_CID_RUNS:
        return PageCheck(UNREADABLE, text, "glyph ids without a Unicode map (cid:N)")
    if len(CONTROLS.findall("".join(outside))) > MAX_CONTROLS:
        return PageCheck(UNREADABLE, text, "control characters in the text layer (glyph ids)")
    repaired = repair_mac_roman(text, outside)
    if repaired != text:
        text = repaired
        outside = _NOT_LETTERS_PAST_BREAKS.findall(text)
        size, body = _size(text, "".join(outside))
    # without its white space (body), the page's characters outside are those of the text less
    # the white space: line breaks are not among them, other white space is
    others = outside if body is None else [c for c in outside if not c.isspace()]
    foreign = [c for c in others if c not in TEXT_SYMBOLS]
    if len(foreign) > MAX_FOREIGN * size:
        return PageCheck(UNREADABLE, text, f"{len(foreign) / size:.0%} of characters are not Vietnamese text")
    if _marked_letters(body if body is not None else text, others) >= MARKED_SHARE * size:
        return PageCheck(USABLE, text)       # tone-marked letters: glyph ids landing on ASCII have none
    share = syllable_share(text)
    if share is not None and share < MIN_SYLLABLES:
        return PageCheck(UNREADABLE, text, f"only {share:.0%} of words are Vietnamese syllables")
    return PageCheck(USABLE, text)


def _size(text: str, outside: str | None = None) -> tuple[int, str | None]:
    """How many characters of the page are not white space, and the page without its white space
    when it holds any but spaces and line breaks (None: count on the text itself, whose spaces
    and line breaks no count of the check counts; joining a page's words cost 30 µs). `outside`:
    the characters of the text _NOT_LETTERS_PAST_BREAKS finds, which hold all such white space."""
    if _ODD_WHITE.search(text if outside is None else outside):
        body = "".join(text.split())
        return len(body), body
    return len(text) - text.count(" ") - text.count("\n"), None


_ODD_WHITE = re.compile(r"[^\S \n]")       # white space other than a space or a line break


def _marked_letters(body: str, others: list[str]) -> int:
    """How many of the characters are Vietnamese letters with a mark (not ASCII), counted as the
    characters outside ASCII less those of `others` (its characters neither ASCII nor letters:
    symbols, foreign ones): a list of every marked letter (a quarter of a Vietnamese page) cost
    more than the rest of the check. `body` may hold spaces and line breaks (ASCII: not counted)."""
    outside_ascii = len(body) - len(body.encode("ascii", "ignore"))
    return outside_ascii - sum(not c.isascii() for c in others)


def is_text(text: str) -> bool:
    """Every character is one of a Vietnamese/Latin text (letters, digits, punctuation)."""
    return all(_is_text_char(c) for c in text if not c.isspace())


def _is_text_char(c: str) -> bool:
    return c.isascii() and c.isprintable() or c in VIETNAMESE_LETTERS or c in TEXT_SYMBOLS


# a character neither a line break, printable ASCII nor a Vietnamese/Latin letter (a symbol, or
# one outside _is_text_char), as one scan of a page (a loop per character was half the time of
# parsing a text PDF)
_NOT_LETTERS_PAST_BREAKS = re.compile("[^\n\x20-\x7e" + re.escape("".join(sorted(VIETNAMESE_LETTERS))) + "]")


def syllable_share(text: str) -> float | None:
    """Share of lower-case words (at least 30 of them) that can be a Vietnamese syllable; None
    when there are too few words to say."""
    words = [w for w in _WORD.findall(text) if w.islower()][:SYLLABLE_SAMPLE]
    if len(words) < 30:
        return None
    ok = sum(1 for w in words if _SYLLABLE.fullmatch(_fold(w)))
    return ok / len(words)


SYLLABLE_SAMPLE = 400          # words looked at: enough to tell, and a page costs the same whatever its length


@lru_cache(maxsize=8192)
def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# ----------------------------------------------------------------------------- Mac Roman
# Mac Roman quotes, ellipsis and no-break space are ordinary punctuation in a good text layer
_PUNCTUATION = frozenset("“”‘’‚„…\u00a0")


def _mac_roman_tells() -> dict[str, str]:
    """Each character Mac Roman gives for a byte that Windows-1252 reads as a letter of a
    Vietnamese/Latin text, and that letter: "‡" -> "à", "·" -> "á", "Ù" -> "ô" ..."""
    table = {}
    for byte in range(0x80, 0x100):
        mac = bytes([byte]).decode("mac_roman")
        try:
            win = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        if mac != win and win in VIETNAMESE_LETTERS and mac not in VIETNAMESE_LETTERS | _PUNCTUATION:
            table[mac] = win
    return table


MAC_ROMAN_TELLS = _mac_roman_tells()
_TELL = "[" + re.escape("".join(MAC_ROMAN_TELLS)) + "]"
# a tell inside or at the start of a word: "ng‡y", "¿" for "À"; a lone "·" is a bullet
_MAC_WORD = re.compile(rf"[^\W\d_]*(?:{_TELL}[^\W\d_]*)+(?<!^)|{_TELL}[^\W\d_]+")


# Mac Roman capitals for WinAnsi small letters ("Ù" for "ô"): a tell only after a small letter ("cÙng")
_INNER_CAPITALS = "".join(sorted(m for b in range(0x80, 0x100)
                                 if (m := bytes([b]).decode("mac_roman")).isupper() and m in VIETNAMESE_LETTERS
                                 and bytes([b]).decode("cp1252", "replace") in VIETNAMESE_LETTERS and not m.isascii()))
_MAC_INNER = re.compile(rf"[^\W\d_]*[a-zđ][{_INNER_CAPITALS}][^\W\d_]*")


# what each pattern needs, found by one scan of the page: a tell; a small letter before a capital
# tell. _MAC_INNER itself, which starts with a run of letters, cost 0.15 ms a page, and a page in
# Vietnamese capitals ("CHÍNH") has the capitals
_ANY_TELL = re.compile(_TELL)
_INNER_PAIR = re.compile(rf"[a-zđ][{_INNER_CAPITALS}]")
_EITHER = re.compile("[" + re.escape("".join(MAC_ROMAN_TELLS) + _INNER_CAPITALS) + "]")     # most pages: neither


def repair_mac_roman(text: str, outside: list[str] | None = None) -> str:
    """Words with a Mac Roman tell re-decoded as WinAnsi ("ng‡y" -> "ngày", "cÙng" -> "công").
    `outside`: the characters of the text _NOT_LETTERS_PAST_BREAKS finds, which hold every tell
    (a tell is no letter, nor ASCII); the capitals that are tells after a small letter are
    letters, each looked for at C speed (a scan of the page for the class of both was a third of
    the check)."""
    if outside is not None:
        if not any(c in MAC_ROMAN_TELLS for c in outside):
            return _MAC_INNER.sub(_repair_word, text) if _has_inner_pair(text) else text
        text = _MAC_WORD.sub(_repair_word, text)
        return _MAC_INNER.sub(_repair_word, text) if _INNER_PAIR.search(text) else text
    if not _EITHER.search(text):
        return text
    if _ANY_TELL.search(text):
        text = _MAC_WORD.sub(_repair_word, text)
    return _MAC_INNER.sub(_repair_word, text) if _INNER_PAIR.search(text) else text


def _has_inner_pair(text: str) -> bool:
    """_INNER_PAIR.search(text), asked only of a text holding one of its capitals."""
    return any(c in text for c in _INNER_CAPITALS) and bool(_INNER_PAIR.search(text))


def _repair_word(m: re.Match[str]) -> str:
    word = m.group()
    if not any(c.isalpha() and c not in MAC_ROMAN_TELLS for c in word) and len(word) < 2:
        return word         # a lone "·" is a bullet or a mark, not a letter
    try:
        fixed = word.encode("mac_roman").decode("cp1252")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return word         # "Phát" has letters Mac Roman lacks: it was never Mac Roman
    return fixed if all(c in VIETNAMESE_LETTERS for c in fixed) else word
