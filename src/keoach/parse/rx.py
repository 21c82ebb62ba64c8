"""`compile`: patterns on the standard `re` engine where it can run them, on `regex` where a
pattern needs it (\\p{L}, variable-length lookbehind, a group name used twice).

Both engines are backtracking and both patterns are written linear by construction (see
tests/test_patterns.py). The split is for start-up: `re` compiles these patterns about three
times faster, and compiling them is most of what `keoach parse plan.txt` spends before reading.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


def compile(pattern: str, flags: Any = 0):  # noqa: A001 - the name the engines use
    if "\\p{" not in pattern and "\\P{" not in pattern:
        try:
            return re.compile(pattern, int(flags))
        except re.error:
            pass
    import regex
    return regex.compile(pattern, flags)


# Capital letters for the `re` engine, which has no \p{Lu}: every one up to U+1FFF (Latin with
# Vietnamese, Greek, Cyrillic ...), as a character class body.
UPPER = "".join(c for c in map(chr, range(0x41, 0x2000)) if c.isupper() and c not in "\\]^-")


def search_end(pattern, text: str, window: int = 96):
    """`pattern.search(text)` for a pattern anchored at the end ("...$"), trying only the last
    `window` characters: a search from the start would try every position of a long clause.
    Look-behinds still see the text before the window (unlike slicing)."""
    return pattern.search(text, max(0, len(text) - window))


class Lowered:
    """A case-insensitive pattern, run case-sensitively on the lower-cased text.

    Case-insensitive alternations of words are slow on both engines: every position tries
    every word. Matched against `text.lower()`, the engine skips at once the words whose first
    letter differs (3x faster on our clauses). The pattern is written in lower case; matches
    index the original text (lowering keeps lengths; where it would not, as for "İ", the
    case-insensitive pattern runs instead) but their groups hold the lowered text."""

    __slots__ = ("folded", "fallback")

    def __init__(self, pattern: str, flags: Any = 0) -> None:
        if any(c.isupper() for c in re.sub(r"\\[pP]\{\w+\}|\\.|\(\?P<\w+>", "", pattern)):
            raise ValueError(f"Lowered pattern with capitals never matches: {pattern[:60]!r}")
        self.folded = compile(pattern, flags)
        self.fallback = compile(pattern, int(flags) | re.IGNORECASE)

    def _pair(self, text: str):
        low = text.lower()
        return (self.folded, low) if len(low) == len(text) else (self.fallback, text)

    def search(self, text: str, pos: int = 0):
        pattern, text = self._pair(text)
        return pattern.search(text, pos)

    def match(self, text: str, pos: int = 0):
        pattern, text = self._pair(text)
        return pattern.match(text, pos)

    def finditer(self, text: str):
        pattern, text = self._pair(text)
        return pattern.finditer(text)

    def finditer_from(self, text: str, starts) -> list:
        """The matches of finditer(text), for a pattern each of whose matches starts at the
        start of the text or where `starts` matches (a plain alternation of the lower-case first
        words of its branches). A pattern whose branches open with groups or with \\b gives the
        engine no first characters to scan for, so finditer tries all of it at every position;
        `starts` is scanned for at C speed, and the pattern is tried only there."""
        return list(self._from(text, starts))

    def search_from(self, text: str, starts):
        """search(text), as finditer_from finds it."""
        return next(self._from(text, starts), None)

    def _from(self, text: str, starts):
        pattern, low = self._pair(text)
        if pattern is not self.folded:
            yield from pattern.finditer(low)
            return
        pos = 0
        if m := pattern.match(low):
            yield m
            pos = m.end()
        while start := starts.search(low, pos):
            if m := pattern.match(low, start.start()):
                yield m
                pos = m.end()
            else:
                pos = start.start() + 1


def words_in(pattern, text: str) -> list[tuple[int, str]]:
    """(end, word) of each match of `pattern` (lower-case words, each ending in \\b) that starts a
    word of `text`, in any case: `finditer(r"\\b(?:giảm|tăng)\\b", text, IGNORECASE)`. The
    leading \\b is checked here, so the engine scans for the words' first letters."""
    low = text.lower()
    if len(low) != len(text):                 # lowering changed lengths ("İ"): the plain way
        plain = _cached(r"\b(?:" + pattern.pattern + ")", re.IGNORECASE)
        return [(m.end(), m[0].lower()) for m in plain.finditer(text)]
    out = []
    pos = 0
    while m := pattern.search(low, pos):
        start = m.start()
        if start == 0 or not (low[start - 1].isalnum() or low[start - 1] == "_"):
            out.append((m.end(), m[0]))
            pos = m.end()
        else:
            pos = start + 1
    return out


def split_at(pattern, text: str) -> list[str]:
    """`text` cut at group 1 of each match: `split_at(compile(r"[.;](\\s+)"), text)` is
    `re.split(r"(?<=[.;])\\s+", text)`, but a pattern that starts with a character class is
    scanned for that class at C speed, where a look-behind is tried at every position."""
    out = []
    start = 0
    for m in pattern.finditer(text):
        out.append(text[start:m.start(1)])
        start = m.end(1)
    out.append(text[start:])
    return out


class Cut:
    """split_at() for a pattern that starts at one of a few characters: `Cut(".!?", r"(\\s+)")` cuts
    where `[.!?](\\s+)` matches. The engine scans for one character several times faster than for a
    class of them, so the text is first asked which of the characters it holds (at C speed), and
    the pattern for just that one runs; with none of them there is nothing to cut. Each pattern
    is compiled when first needed (a class of capitals takes milliseconds to compile)."""

    __slots__ = ("chars", "rest", "patterns")

    def __init__(self, chars: str, rest: str) -> None:
        self.chars, self.rest = chars, rest
        self.patterns: dict[str, Any] = {}

    def pattern(self, chars: str):
        """The pattern starting at any of `chars` (a subset of the characters, in their order)."""
        if chars not in self.patterns:
            self.patterns[chars] = compile(("[" + "".join(map(re.escape, chars)) + "]" if len(chars) > 1
                                            else re.escape(chars)) + self.rest)
        return self.patterns[chars]

    def split(self, text: str) -> list[str]:
        present = [c for c in self.chars if c in text]
        if not present:
            return [text]
        return split_at(self.pattern(present[0] if len(present) == 1 else self.chars), text)


class EndWords:
    """Does a text end, past white space, with one of some words or phrases (any case), within
    its last `window` characters? `re.search(r"(?i:word|two words)\\s*$", text[-window:])` as a
    truth value. The phrases, reversed, are matched once at the start of the reversed window: the
    pattern searched is tried at every position of the window, 70,000 instructions a search of
    24 characters, 30x this. Reversing keeps every character, so the case rules are the same."""

    __slots__ = ("words", "_reversed")

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words
        backwards = (r"\s+".join(re.escape(w[::-1]) for w in reversed(phrase.split())) for phrase in words)
        # (?<!\s): matched at the start, and never from inside a run of white space (linear)
        self._reversed = compile(r"(?<!\s)\s*+(?:" + "|".join(backwards) + ")", re.IGNORECASE)

    def ends(self, text: str, window: int) -> bool:
        return self._reversed.match(text[:-window - 1:-1]) is not None


@lru_cache(maxsize=512)
def _cached(pattern: str, flags: int):
    return compile(pattern, flags)


# The module-level functions of the engines, on the same choice of engine (compiled once).
def sub(pattern: str, repl, string: str, count: int = 0, flags: Any = 0) -> str:
    return _cached(pattern, int(flags)).sub(repl, string, count)


def search(pattern: str, string: str, flags: Any = 0):
    return _cached(pattern, int(flags)).search(string)


def match(pattern: str, string: str, flags: Any = 0):
    return _cached(pattern, int(flags)).match(string)


def fullmatch(pattern: str, string: str, flags: Any = 0):
    return _cached(pattern, int(flags)).fullmatch(string)


def split(pattern: str, string: str, maxsplit: int = 0, flags: Any = 0) -> list[str]:
    return _cached(pattern, int(flags)).split(string, maxsplit)


def finditer(pattern: str, string: str, flags: Any = 0):
    return _cached(pattern, int(flags)).finditer(string)


def findall(pattern: str, string: str, flags: Any = 0) -> list:
    return _cached(pattern, int(flags)).findall(string)
