"""Small text helpers shared by every stage: folding for comparison, whitespace, word tests."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u200a\u3000\t"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\ufffe\u00ad"), None)
# PDF fonts map "ư" to the Latin glyph "ƣ" (oi); Vietnamese never uses the latter.
_GLYPHS = {ord("ƣ"): "ư", ord("Ƣ"): "Ư"}


def clean(s: str) -> str:
    """NFC, Vietnamese glyph repairs, odd spaces to plain spaces, invisible characters removed."""
    s = s.translate(_INVISIBLE).translate(_SPACES).translate(_GLYPHS)
    return unicodedata.normalize("NFC", s)


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Accent- and case-insensitive key: "Tổ chức Thực hiện" -> "to chuc thuc hien"."""
    s = unicodedata.normalize("NFD", s.casefold().replace("đ", "d").replace("Đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.split())


def squash(s: str) -> str:
    """Collapse runs of white space to one space and strip."""
    return " ".join(s.split())


def is_upper_text(s: str) -> bool:
    """True when the letters of `s` are all capitals (a heading or signature title)."""
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
