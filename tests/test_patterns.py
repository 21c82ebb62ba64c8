"""Every pattern used on document text stays linear on adversarial input."""
from __future__ import annotations

import time

import re

import pytest
import regex

from keoach.parse import assignments, deadlines, header, indicators, lines, numbers, patterns, sections

COMPILED = sorted({(m.__name__ + "." + name, obj) for m in (patterns, header, deadlines, indicators, lines, sections, assignments, numbers)
                   for name, obj in vars(m).items() if isinstance(obj, (regex.Pattern, re.Pattern))}, key=lambda t: t[0])
ADVERSARIAL = ["1" * 50_000, "1.1," * 12_500, "1,000." * 8_000, "- " * 25_000, "năm 2025 và " * 4000,
               "trên 1.000 " * 5000, "Số: " + "1/" * 20_000, "a" * 50_000 + "%", "ngày 1/" * 7000,
               "Thành phố Hà Nội " * 3000 + ", ngày 5", "Aaaaaaaaaaaaaaaaaaaaaaaa " * 2000 + "ngày"]


@pytest.mark.parametrize("name, pattern", COMPILED, ids=[n for n, _ in COMPILED])
def test_linear_on_adversarial_input(name: str, pattern: regex.Pattern) -> None:
    for text in ADVERSARIAL:
        started = time.perf_counter()
        found = pattern.finditer(text, timeout=5) if isinstance(pattern, regex.Pattern) else pattern.finditer(text)
        for _ in found:
            pass
        assert time.perf_counter() - started < 2.0, (name, text[:20])
