"""Targets read from sentences: corpus traps and variations in other fields (tests/cases/targets.txt)."""
from __future__ import annotations

import pytest

from keoach import parse_text
from keoach.parse.indicators import read_figures

from conftest import read_cases

CASES = read_cases("targets.txt")


def _marks(title: str):
    return [pytest.mark.xfail(strict=True)] if title.startswith("xfail:") else []


@pytest.mark.parametrize("title, sentence, expected",
                         [pytest.param(*c, id=c[0], marks=_marks(c[0])) for c in CASES])
def test_targets(title: str, sentence: str, expected: list) -> None:
    got = [[t.value, t.value_max, t.unit, t.comparator, t.year] for t in read_figures(sentence)]
    assert got == expected


def test_case_file_is_large_and_mostly_varied() -> None:
    assert len(CASES) >= 60
    assert sum(c[0].startswith("varied") for c in CASES) * 2 >= len(CASES)


PLAN = """KẾ HOẠCH
Thực hiện công tác trẻ em năm 2025
I. MỤC TIÊU
1. Mục tiêu cụ thể
a) Mục tiêu 1: Về y tế
- Chỉ tiêu 1: Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt 95% vào năm 2025.
- Chỉ tiêu 2:
+ Giảm tỷ suất tử vong trẻ sơ sinh xuống dưới 10‰ vào năm 2025.
+ Giảm tỷ suất tử vong trẻ em dưới 5 tuổi xuống dưới 15‰ vào năm 2025.
b) Mục tiêu 2: Về giáo dục
- Chỉ tiêu 3: Tỷ lệ trẻ em 5 tuổi đi học mẫu giáo đạt trên 100% vào năm 2031.
2. Các chỉ tiêu cụ thể đến năm 2030:
- Tỷ lệ hộ nghèo dưới 2%.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Y tế chủ trì thực hiện các chỉ tiêu 1, 2 và chỉ tiêu 9.
"""


def test_indicator_codes_groups_and_sub_bullets() -> None:
    plan = parse_text(PLAN)
    assert [i.code for i in plan.indicators] == ["1", "2", "3", None]
    assert plan.indicators[0].group == "Mục tiêu 1: Về y tế"
    assert [t.value for t in plan.indicators[1].targets] == [10, 15]
    assert plan.indicators[1].targets[0].direction == "decrease"
    assert plan.indicators[1].targets[0].metric == "tỷ suất tử vong trẻ sơ sinh"


def test_lead_in_year_applies_to_its_list() -> None:
    plan = parse_text(PLAN)
    assert plan.indicators[3].targets[0].year == 2030


def test_warnings_percent_over_100_year_outside_period_unknown_code() -> None:
    plan = parse_text(PLAN)
    codes = {w.code for w in plan.warnings}
    assert {"percent-over-100", "year-outside-period", "unknown-indicator-code", "indicator-without-lead"} <= codes


def test_per_thousand_rate_written_with_percent_is_kept_and_warned() -> None:
    plan = parse_text("KẾ HOẠCH\nI. MỤC TIÊU\n- Chỉ tiêu 1: Giảm tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ "
                      "sống xuống dưới 2,5% vào năm 2025.\n")
    assert plan.indicators[0].targets[0].unit == "%"
    assert any(w.code == "unit-mismatch" for w in plan.warnings)


def test_duplicate_code_warned() -> None:
    plan = parse_text("KẾ HOẠCH\nI. MỤC TIÊU\n- Chỉ tiêu 1: Đạt 90%.\n- Chỉ tiêu 1: Đạt 95%.\n")
    assert any(w.code == "duplicate-indicator-code" for w in plan.warnings)


def test_figures_outside_objectives_are_not_targets() -> None:
    plan = parse_text("KẾ HOẠCH\nI. MỤC TIÊU\n- Tỷ lệ hộ nghèo dưới 2%.\nII. NHIỆM VỤ\n1. Hỗ trợ 100% hộ nghèo.\n")
    assert [t.value for i in plan.indicators for t in i.targets] == [2]


DOCUMENTS = read_cases("target-documents.txt")


@pytest.mark.parametrize("title, text, expected", [pytest.param(*c, id=c[0]) for c in DOCUMENTS])
def test_document_targets(title: str, text: str, expected: dict) -> None:
    plan = parse_text(text)
    got = [[t.value, t.value_max, t.unit, t.comparator, t.year] for i in plan.indicators for t in i.targets]
    assert got == expected["targets"]
    assert set(expected["warnings"]) <= {w.code for w in plan.warnings}


@pytest.mark.parametrize("before, metric", [
    ("đạt - tăng tỷ lệ hộ nghèo", "tỷ lệ hộ nghèo"),
    ("Phấn đấu: + giảm tỷ lệ trẻ em bị bạo lực xuống dưới", "tỷ lệ trẻ em bị bạo lực"),
    ("và . nâng tỷ lệ xã đạt chuẩn lên trên", "tỷ lệ xã đạt chuẩn lên"),
    ("tỷ lệ lao động qua đào tạo đạt", "tỷ lệ lao động qua đào tạo"),
])
def test_a_metric_loses_the_verbs_that_come_to_its_front_once_punctuation_is_stripped(before: str, metric: str) -> None:
    from keoach.parse.indicators import _clean_metric
    assert _clean_metric(before) == metric
