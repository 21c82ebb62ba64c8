"""Normalizers and paragraph joining."""
from __future__ import annotations

import unicodedata

import pytest

from keoach.parse.lines import Line, paragraphs, repair, split_lines
from keoach.parse.numbers import format_number, parse_number


def _repaired(text: str, markdown=None) -> list[str]:
    return [x.text for x in repair(split_lines(text), markdown=markdown) if x.text.strip()]


@pytest.mark.parametrize("raw, value", [("15,10", 15.1), ("1.000", 1000), ("100.000", 100000), ("2.989,5", 2989.5),
                                        ("05", 5), ("1,0", 1.0), ("0,06", 0.06), ("1.5", 1.5), ("12", 12)])
def test_parse_number(raw: str, value: float) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize("value", [0, 5, 15.1, 1000, 2989.5, 100000, 0.06, 1234567.25])
def test_number_round_trip(value: float) -> None:
    assert parse_number(format_number(value)) == value


def test_nfc_glyphs_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "Mục tiêu")
    assert _repaired(f"{decomposed}\u00a0và\u200b Thƣơng binh") == ["Mục tiêu và Thương binh"]


def test_markdown_marks_removed_depth_ignored() -> None:
    md = "## **KẾ HOẠCH**\n#### **I. MỤC TIÊU**\n- Tỷ lệ (*qua phòng*) đạt **95%**\n### ***Nơi nhận:***\n"
    assert _repaired(md, markdown=True) == ["KẾ HOẠCH", "I. MỤC TIÊU", "- Tỷ lệ (qua phòng) đạt 95%", "Nơi nhận:"]


@pytest.mark.parametrize("page", ["5", " 12 ", "- 3 -", "Trang 4", "2/10"])
def test_page_numbers_dropped(page: str) -> None:
    assert _repaired(f"Một câu dài\n{page}\nhết") == ["Một câu dài", "hết"]


def test_signature_trailer_dropped() -> None:
    text = ("CHỦ TỊCH\nLê Văn Tý\n\n\tVGCA | ĐT: 0243.7738668; Email: ca@bcy.gov.vn\n\t2023-08-16T11:43:11+0700\n"
            "\tHÀ NỘI\n\tLê Văn Tý<ty@x.gov.vn> đã ký lên văn bản này!\n\t\t2023-08-16T15:38:34+0700\n")
    assert _repaired(text) == ["CHỦ TỊCH", "Lê Văn Tý"]


def test_two_columns_split_but_form_blanks_kept() -> None:
    assert _repaired("Số: 18/KH-UBND          Gia Lai, ngày 18 tháng 3 năm 2021") == \
        ["Số: 18/KH-UBND", "Gia Lai, ngày 18 tháng 3 năm 2021"]
    assert _repaired("Lào Cai, ngày        tháng 7 năm 2026") == ["Lào Cai, ngày        tháng 7 năm 2026"]


WRAPPED = """I. MỤC TIÊU
1. Phòng Nội vụ
Chủ trì và phối hợp phòng Lao động - Thương binh và Xã hội và các đơn vị liên quan xây dựng Kế
hoạch đào tạo nâng cao năng lực đội ngũ công chức, viên chức làm công tác bảo vệ trẻ em
tại cơ sở theo Kế hoạch số 1822/KH-
UBND.
- Chỉ tiêu 1: 100% xã đạt chuẩn.
"""


def test_paragraph_joining() -> None:
    paras = paragraphs(repair(split_lines(WRAPPED)))
    texts = [p.text for p in paras]
    assert texts[0] == "I. MỤC TIÊU"
    assert texts[1] == "1. Phòng Nội vụ"
    assert texts[2].startswith("Chủ trì") and texts[2].endswith("1822/KH-UBND.")
    assert paras[2].line == 3 and paras[2].end_line == 6
    assert texts[3] == "- Chỉ tiêu 1: 100% xã đạt chuẩn."


def test_capitals_heading_does_not_swallow_body() -> None:
    paras = paragraphs([Line(1, "V. TỔ CHỨC THỰC HIỆN"), Line(2, "Trên đây là Kế hoạch triển khai của xã")])
    assert [p.text for p in paras] == ["V. TỔ CHỨC THỰC HIỆN", "Trên đây là Kế hoạch triển khai của xã"]


@pytest.mark.parametrize("text", ["Mục tiêu.", "như sau:", "a;", "Xong!", "Sao?", "v.v…", "(số 5).", "“Năm 2025.”",
                                  "(xem Phụ lục I.)", "Kế hoạch số 18/KH-", "kinh tế-", "- ", "-", "a-", "2021-",
                                  "_-", "ban hành kèm theo", "đạt 95%", "»", ".»", ";)", ":\"", "x)", "", "."])
def test_line_end_tests_match_their_definitions(text: str) -> None:
    """The string tests of paragraphs() say what these patterns say, on lines without trailing space."""
    import re

    from keoach.parse.lines import _ends_sentence, _glued_hyphen
    assert _ends_sentence(text) == bool(re.search(r"""(?:[.:;!?…]|\./\.|[.;:]["”»)])\s*$""", text))
    assert _glued_hyphen(text) == bool(re.search(r"[^\W_][-‐]$", text))


@pytest.mark.parametrize("line", ["a  b", " a", "a ", "a\tb", "a\u00a0b", "a\u2028b", "a\x1cb", "  ", "a b"])
def test_paragraph_text_squashed_whatever_the_spaces(line: str) -> None:
    paras = paragraphs([Line(1, "I. MỤC TIÊU"), Line(2, line)])
    assert [p.text for p in paras][1:] == ([" ".join(line.split())] if line.strip() else [])


def test_running_headers_dropped_body_kept() -> None:
    from keoach.parse.lines import drop_repeated_furniture
    lines = []
    for page in range(1, 5):
        lines.append(Line(len(lines) + 1, f"Kế hoạch 12/KH-UBND   trang {page}", page))
        lines += [Line(len(lines) + 1, f"Việc {'abcd'[page - 1]}{'vwxyz'[i]} của kế hoạch", page) for i in range(5)]
    kept = drop_repeated_furniture(lines)
    assert [x.text for x in kept] == [x.text for x in lines if not x.text.startswith("Kế hoạch")]
    plain = [x for x in lines if not x.text.startswith("Kế hoạch")]
    assert drop_repeated_furniture(plain) == plain          # nothing repeats: every line stays


def test_odd_spaces_are_every_space_str_split_cuts_at_but_the_plain_one() -> None:
    import sys

    from keoach.parse.lines import ODD_SPACES, _ODD_SPACE
    assert set(ODD_SPACES) == {chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()} - {" "}
    assert all(_ODD_SPACE.fullmatch(c) for c in ODD_SPACES) and not _ODD_SPACE.search(" x\x00y")
    # paragraphs() takes a printable text to hold none of them
    assert not any(c.isprintable() for c in ODD_SPACES)
