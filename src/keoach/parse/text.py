"""Small text helpers shared by every stage: folding for comparison, whitespace, word tests."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u200a\u3000\t"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\ufffe\u00ad"), None)
# PDF fonts map "ư" to the Latin glyph "ƣ" (oi); Vietnamese never uses the latter.
_GLYPHS = {ord("ƣ"): "ư", ord("Ƣ"): "Ư"}


_CLEAN = {**_SPACES, **_INVISIBLE, **_GLYPHS}
# the characters clean() replaces or removes (lines.repair_characters looks for them in the whole text)
CLEAN_CHARS = tuple(map(chr, _CLEAN))
# str.translate looks every character up in the table; most lines need nothing, and this finds
# the ones that do at the speed of the re engine.
_NEEDS_CLEAN = re.compile("[" + "".join(map(chr, _CLEAN)).replace("\t", "\\t") + "]")


def clean(s: str) -> str:
    """NFC, Vietnamese glyph repairs, odd spaces to plain spaces, invisible characters removed."""
    if _NEEDS_CLEAN.search(s):
        s = s.translate(_CLEAN)
    return s if unicodedata.is_normalized("NFC", s) else unicodedata.normalize("NFC", s)


class _Marks(dict):
    """str.translate table that drops combining marks, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Accent- and case-insensitive key: "Tổ chức Thực hiện" -> "to chuc thuc hien"."""
    s = unicodedata.normalize("NFD", s.casefold().replace("đ", "d"))     # casefold makes "Đ" "đ"
    return " ".join(s.translate(_MARKS).split())


def squash(s: str) -> str:
    """Collapse runs of white space to one space and strip."""
    return " ".join(s.split())


def is_upper_text(s: str) -> bool:
    """True when the letters of `s` are all capitals (a heading or signature title)."""
    return s.isupper()      # at least one cased letter, and no lower-case one
