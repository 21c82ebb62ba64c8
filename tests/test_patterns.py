"""Every pattern used on document text stays linear on adversarial input."""
from __future__ import annotations

import time

import re

import pytest
import regex

from keoach.parse import assignments, deadlines, header, indicators, lines, numbers, patterns, rx, sections

MODULES = (patterns, header, deadlines, indicators, lines, sections, assignments, numbers)
COMPILED = sorted({(m.__name__ + "." + name, obj) for m in MODULES
                   for name, obj in vars(m).items() if isinstance(obj, (regex.Pattern, re.Pattern))}
                  | {(f"{m.__name__}.{name}.{form}", getattr(obj, form)) for m in MODULES
                     for name, obj in vars(m).items() if isinstance(obj, rx.Lowered) for form in ("folded", "fallback")},
                  key=lambda t: t[0])
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


@pytest.mark.parametrize("text", ["Giảm tỷ lệ", "GIẢM xuống CÒN 2%", "tăng dần", "Nâng Cao chất lượng", "duy trì", "ổn định",
                                  "İstanbul giảm", "Kİ giảm 5%", "không đổi", "", "giảmx", "xgiảm"])
def test_lowered_finds_what_the_case_insensitive_pattern_finds(text: str) -> None:
    words = rx.Lowered(r"\b(?:giảm|xuống|còn|tăng(?:\s+dần)?|nâng\s+cao|duy\s+trì|ổn\s+định)\b")
    plain = re.compile(words.folded.pattern, re.IGNORECASE)
    assert [m.span() for m in words.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m[0] for m in words.finditer(text)] == [m[0].lower() for m in plain.finditer(text)] or "İ" in text
    assert (words.search(text) or None) is None or words.search(text).span() == plain.search(text).span()


def test_lowered_refuses_a_pattern_with_capitals() -> None:
    with pytest.raises(ValueError):
        rx.Lowered(r"Giảm|tăng")
    rx.Lowered(r"\bgiảm\s+\S+\W(?P<Word>x)\p{L}")      # escapes and group names are not text


_DEADLINE_SENTENCES = [
    "Các đơn vị báo cáo trước ngày 15/12/2026.", "Chậm nhất là vào ngày 30 tháng 6 năm 2027, hoàn thành.",
    "không muộn hơn 31/3/2026", "Hạn chót là 15/8/2026; hạn cuối 20/9", "trong tháng 9/2026 triển khai",
    "Tổ chức sơ kết vào cuối năm 2025.", "đến hết năm 2030", "Hoàn thành trong năm 2026.",
    "Thời hạn hoàn thành: Quý II/2027", "Thời gian hoàn thành: Tháng 9/2026", "Hoàn thành: ngày 30/6/2026",
    "yêu cầu đến 30/5/2026 phải bàn giao", "báo cáo định kỳ (ngày 25/12 năm 2026, năm 2027)",
    "b) Quý I/2027, các cơ quan đánh giá kết quả", "- Tháng 4/2026, tổ chức kiểm tra", "ngày 5 hằng tháng",
    "TRƯỚC NGÀY 1/7/2026 GỬI BÁO CÁO", "trong năm 2026 - 2028", "Thời hạn: 2026", "vào ngày 12/3 và trước ngày 4/5",
    "hoàn  thành   trong   năm 2029", "İ trước ngày 3/4/2026",
]


@pytest.mark.parametrize("sentence", _DEADLINE_SENTENCES)
def test_deadline_scan_from_trigger_words_finds_what_finditer_finds(sentence: str) -> None:
    """DEADLINE is tried only where a trigger word starts (finditer_from); each sentence here, and
    each line of the samples, must give the matches finditer gives, so a trigger added to the
    pattern without its first word in TRIGGER_STARTS fails here."""
    texts = [sentence]
    if sentence == _DEADLINE_SENTENCES[0]:
        from pathlib import Path
        samples = Path(__file__).parent.parent / "samples"
        texts += [line for f in sorted(samples.glob("*.txt")) + sorted(samples.glob("*.md"))
                  for line in f.read_text(encoding="utf-8").splitlines()]

    def key(matches):
        return [(m.span(), m.groupdict()) for m in matches]
    for text in texts:
        assert key(deadlines.DEADLINE.finditer_from(text, deadlines.TRIGGER_STARTS)) == key(deadlines.DEADLINE.finditer(text)), text
    assert deadlines.DEADLINE.finditer(sentence) is not None and (list(deadlines.DEADLINE.finditer(sentence)) or sentence in ("ngày 5 hằng tháng",))
