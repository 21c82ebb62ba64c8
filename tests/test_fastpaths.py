"""Fast paths of the page check and the repairs: what they skip must be what the code they replaced found."""
from __future__ import annotations

import random
import re
import unicodedata

from keoach.parse import pagecheck as pc
from keoach.parse.lines import Line, repair_characters


def test_every_odd_space_control_and_tell_is_outside_the_letters() -> None:
    # check_page looks for odd white space, control characters and Mac Roman tells only among
    # the characters _NOT_LETTERS_PAST_BREAKS finds on the page
    for c in map(chr, range(0x110000)):
        if pc._ODD_WHITE.match(c) or pc.CONTROLS.match(c) or c in pc.MAC_ROMAN_TELLS:
            assert pc._NOT_LETTERS_PAST_BREAKS.match(c), hex(ord(c))


# the scan the reference check made of a page without its white space
_NOT_LETTERS = re.compile("[^\x20-\x7e" + re.escape("".join(sorted(pc.VIETNAMESE_LETTERS))) + "]")


def _reference_check(text: str) -> pc.PageCheck:
    """check_page as it was before the one scan."""
    size, body = pc._size(text)
    if size < pc.MIN_CHARS:
        return pc.PageCheck(pc.MISSING, text)
    if "(cid:" in text and len(pc.CID.findall(text)) > pc.MAX_CID_RUNS:
        return pc.PageCheck(pc.UNREADABLE, text, "glyph ids without a Unicode map (cid:N)")
    if pc.CONTROLS.search(text) and len(pc.CONTROLS.findall(text)) > pc.MAX_CONTROLS:
        return pc.PageCheck(pc.UNREADABLE, text, "control characters in the text layer (glyph ids)")
    repaired = pc.repair_mac_roman(text)
    if repaired != text:
        text = repaired
        size, body = pc._size(text)
    others = _NOT_LETTERS.findall(body) if body is not None else pc._NOT_LETTERS_PAST_BREAKS.findall(text)
    foreign = [c for c in others if c not in pc.TEXT_SYMBOLS]
    if len(foreign) > pc.MAX_FOREIGN * size:
        return pc.PageCheck(pc.UNREADABLE, text, f"{len(foreign) / size:.0%} of characters are not Vietnamese text")
    if pc._marked_letters(body if body is not None else text, others) >= pc.MARKED_SHARE * size:
        return pc.PageCheck(pc.USABLE, text)
    share = pc.syllable_share(text)
    if share is not None and share < pc.MIN_SYLLABLES:
        return pc.PageCheck(pc.UNREADABLE, text, f"only {share:.0%} of words are Vietnamese syllables")
    return pc.PageCheck(pc.USABLE, text)


def test_check_page_judges_as_the_scans_it_replaced() -> None:
    rng = random.Random(11)
    words = ["ngày", "ng‡y", "cÙng", "CHÚ", "Kế", "hoạch", "số", "12/KH", "thực", "hiện", "xyzq", "Привет",
             "(cid:12)", "\x01", "\x85", "\u00a0", "\t", "\u2003", "·", "•", "ƣ", "\r", "TỔ", "CHỨC", "mÙa", "¿"]
    for _ in range(1500):
        n = rng.choice([3, 10, 40, 120])
        text = "".join(rng.choice(words) + rng.choice([" ", " ", "\n", ""]) for _ in range(n))
        assert pc.check_page(text) == _reference_check(text), repr(text)


def test_repair_characters_normalizes_line_by_line_as_the_whole_text() -> None:
    rng = random.Random(5)
    parts = ["a", "e\u0301", "\u0301", "\u0323", "ư", "ƣ", "\u00a0", "\u200b", "x", " ", "Ư\u0303", "\u0309", "đ"]
    for _ in range(1000):
        texts = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 5))]
        got = [x.text for x in repair_characters([Line(i, t) for i, t in enumerate(texts, 1)])]
        whole = "\n".join(texts)
        if any(c in whole for c in "\u00a0\u200bƣ"):
            from keoach.parse.text import clean
            assert got == [clean(t) for t in texts]
        else:
            assert got == unicodedata.normalize("NFC", whole).split("\n")
