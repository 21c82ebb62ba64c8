"""Numbering schemes, section kinds and the tree."""
from __future__ import annotations

import pytest

from keoach import parse_text
from keoach.parse.sections import kind_of, read_marker


@pytest.mark.parametrize("text, scheme, number", [
    ("I. MỤC TIÊU", "roman", "I"), ("IV. KINH PHÍ", "roman", "IV"), ("1. Mục tiêu chung", "arabic.", "1"),
    ("2.1. Chỉ tiêu", "decimal1", "2.1"), ("a) Về bảo vệ trẻ em", "letter)", "a"), ("đ) Khác", "letter)", "đ"),
    ("- Chỉ tiêu 1: ...", "bullet-", "-"), ("+ Giảm tỷ suất", "bullet+", "+"), ("Điều 1. Phạm vi", "dieu", "1"),
    ("Phần I. MỤC TIÊU", "part", "I"), ("A. MỤC TIÊU", "upper", "A"),
])
def test_markers(text: str, scheme: str, number: str) -> None:
    m = read_marker(text)
    assert m is not None and (m.scheme, m.number) == (scheme, number)


@pytest.mark.parametrize("text", ["1.000 trẻ em", "2025 là năm", "Trên đây là", "UBND tỉnh", "26/4/2021 của"])
def test_not_markers(text: str) -> None:
    assert read_marker(text) is None


@pytest.mark.parametrize("title, kind", [
    ("MỤC TIÊU", "objectives"), ("Mục tiêu, đối tượng, phạm vi", "objectives"), ("MỤC ĐÍCH, YÊU CẦU", "purpose"),
    ("NHIỆM VỤ VÀ GIẢI PHÁP", "tasks"), ("NỘI DUNG", "tasks"), ("KINH PHÍ THỰC HIỆN", "budget"),
    ("TỔ CHỨC THỰC HIỆN", "implementation"), ("tổ chức thực hiện", "implementation"),
    ("PHÂN CÔNG NHIỆM VỤ", "implementation"), ("TRÁCH NHIỆM THỰC HIỆN", "implementation"),
    ("CHẾ ĐỘ BÁO CÁO", "reporting"), ("CHẾ ĐỘ THÔNG TIN BÁO CÁO", "reporting"),
    ("Chế độ thông tin báo cáo", "reporting"), ("KINH PHI THUC HIEN", "budget"), ("LỜI NÓI ĐẦU", "other"),
])
def test_kinds_accent_and_case_insensitive(title: str, kind: str) -> None:
    assert kind_of(title) == kind


def test_old_and_new_tone_placement_agree() -> None:
    assert kind_of("NHIỆM VỤ, GIẢI PHÁP") == kind_of("NHIÊM VU, GIAI PHAP") == "tasks"


PLAN = """KẾ HOẠCH
Thực hiện công tác năm 2025
I. MỤC TIÊU
1. Mục tiêu chung
- Đảm bảo
II. NHIỆM VỤ
IV. TỔ CHỨC THỰC HIỆN
1. Phòng Y tế
Nơi nhận:
- Như trên;
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
PHỤ LỤC
I. Biểu tổng hợp
II. Biểu chi tiết
"""


def test_tree_gap_warning_and_annex_children() -> None:
    plan = parse_text(PLAN)
    assert [(s.number, s.kind) for s in plan.sections] == [("I", "objectives"), ("II", "tasks"),
                                                           ("IV", "implementation"), (None, "annex")]
    assert [c.number for c in plan.sections[-1].children] == ["I", "II"]
    assert [c.number for c in plan.sections[0].children[0].children] == ["-"]
    assert any(w.code == "section-numbering-gap" and w.line == 7 for w in plan.warnings)
    assert plan.document.signer.name == "Nguyễn Văn An" and plan.document.signer.title == "PHÓ CHỦ TỊCH"


def test_dieu_articles_are_never_sections() -> None:
    """C7: a decision's articles are not the parts of a plan, even when they name one."""
    plan = parse_text("QUYẾT ĐỊNH\nĐiều 1. Mục tiêu của kế hoạch\n1. Tỷ lệ đạt 90%.\nĐiều 2. Tổ chức thực hiện\n")
    assert plan.sections == []


def test_not_a_plan_warns() -> None:
    plan = parse_text("Ngày xưa có một cô bé tên là Tấm. Cô sống cùng dì ghẻ và Cám.\n")
    assert plan.sections == [] and any(w.code == "no-plan-structure" for w in plan.warnings)


def test_read_marker_tries_only_the_schemes_a_first_character_allows():
    """The first-character dispatch finds what trying every scheme in order finds."""
    from keoach.parse.sections import _MARKERS, Marker, read_marker

    def every_scheme(text):
        for scheme, pattern in _MARKERS:
            m = pattern.match(text)
            if m and m["n"]:
                return scheme, m["n"]
        return None

    heads = ["I.", "IV)", "X.", "VIII.", "C.", "Đ.", "A)", "Phần 2.", "PHẦN III", "Chương I:", "Điều 3.", "ĐIỀU 12:",
             "1.", "2)", "12.", "2.1.", "3.2.1", "a)", "đ)", "b.", "-", "+", "•", "–", "—", "*", "●", "○", "▪", "►", "✓",
             "Chỉ", "chỉ", "Ủy", "Ư.", "Ô)", "É.", "5", "(1)", "\"1.", ""]
    tails = [" MỤC TIÊU", " Nhiệm vụ cụ thể", "Tổ chức", " 2025 đạt 95%", " ", ":"]
    for head in heads:
        for tail in tails:
            text = head + tail
            m = read_marker(text)
            expected = every_scheme(text)
            if expected is None:
                assert m is None, text
            else:               # "arabic" -> "arabic.", "decimal" -> "decimal1", "bullet" -> "bullet•"
                assert isinstance(m, Marker) and m.scheme.startswith(expected[0]) and m.number == expected[1], text
