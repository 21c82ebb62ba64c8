"""Deadline forms, recurrences, actors, and dates that must not be taken."""
from __future__ import annotations

import pytest

from keoach import parse_text

def _plan(body: str, head: str = "KẾ HOẠCH\nThực hiện công tác trẻ em giai đoạn 2021 - 2025\n"):
    return parse_text(f"{head}I. MỤC TIÊU\n- Tỷ lệ đạt 90%.\nII. TỔ CHỨC THỰC HIỆN\n{body}\n")


@pytest.mark.parametrize("sentence, date, recurrence", [
    # corpus forms
    ("UBND các xã xây dựng Kế hoạch triển khai thực hiện trước ngày 15/7/2021.", "2021-07-15", "none"),
    ("Định kỳ hằng năm (trước ngày 30/11) báo cáo Ủy ban nhân dân thị xã.", "--11-30", "yearly"),
    ("Báo cáo kết quả thực hiện 06 tháng (trước ngày 20/5/2025).", "2025-05-20", "none"),
    ("Các phòng báo cáo về Ủy ban nhân dân huyện trước ngày 20/11 hằng năm.", "--11-20", "yearly"),
    ("Tổ chức Diễn đàn trẻ em trước tháng 9/2021 để chuẩn bị.", "2021-09", "none"),
    ("Tham mưu tổ chức sơ kết vào cuối năm 2025.", "2025", "none"),
    # written forms beyond the corpus
    ("Sở Y tế gửi báo cáo chậm nhất ngày 10/12/2025.", "2025-12-10", "none"),
    ("Các đơn vị gửi báo cáo tháng trước ngày 18 hằng tháng.", "---18", "monthly"),
    ("Hoàn thành việc rà soát trong quý IV/2025.", "2025-Q4", "none"),
    ("Phòng Nội vụ hoàn thành trước ngày 05 tháng 9 năm 2024.", "2024-09-05", "none"),
    ("Các xã nộp hồ sơ không muộn hơn ngày 31/3/2026.", "2026-03-31", "none"),
    ("Báo cáo quý gửi trước ngày 15 hàng tháng cuối quý.", "---15", "monthly"),
    ("Tổ chức tổng kết vào năm 2030.", "2030", "none"),
    ("Hoàn thành trong tháng 12/2025.", "2025-12", "none"),
])
def test_forms(sentence: str, date: str, recurrence: str) -> None:
    found = [(d.date, d.recurrence) for d in _plan("1. Phòng Y tế\n- " + sentence).deadlines]
    assert (date, recurrence) in found


@pytest.mark.parametrize("sentence, recurrence", [
    ("Thường xuyên kiểm tra, đánh giá và báo cáo định kỳ 6 tháng, 01 năm kết quả thực hiện.", "half-yearly"),
    ("Định kỳ hằng năm hoặc đột xuất báo cáo kết quả thực hiện.", "yearly"),
    ("Hằng tháng, quý thường xuyên kiểm tra, rà soát danh sách.", "monthly"),
    ("Báo cáo hằng quý về Sở Tài chính.", "quarterly"),
])
def test_periodic_without_date(sentence: str, recurrence: str) -> None:
    found = [(d.date, d.recurrence) for d in _plan("1. Phòng Y tế\n- " + sentence).deadlines]
    assert found == [(None, recurrence)]


@pytest.mark.parametrize("sentence", [
    "Thực hiện Kế hoạch số 208/KH-UBND ngày 09/6/2021 của UBND tỉnh.",
    "Căn cứ Nghị quyết số 07/2021/NQ-HĐND ngày 26/4/2021 của Hội đồng nhân dân tỉnh.",
    "Xây dựng kế hoạch giai đoạn 2021-2025, định hướng đến năm 2030.",
    "Xây dựng kế hoạch 5 năm và hàng năm của địa phương.",
    "Giảm số vụ tai nạn so với năm 2020.",
])
def test_not_deadlines(sentence: str) -> None:
    assert _plan("1. Phòng Y tế\n- " + sentence).deadlines == []


def test_issue_date_is_not_a_deadline_and_single_year_day_month() -> None:
    head = "Số: 5/KH-UBND          Hà Nội, ngày 10 tháng 3 năm 2025\nKẾ HOẠCH\nCông tác năm 2025\n"
    plan = _plan("1. Phòng Y tế\n- Báo cáo kết quả trước ngày 15/12.", head=head)
    assert [(d.date, d.recurrence) for d in plan.deadlines] == [("2025-12-15", "none")]


def test_impossible_date_is_a_warning() -> None:
    plan = _plan("1. Phòng Y tế\n- Báo cáo trước ngày 31/2/2025.")
    assert plan.deadlines == [] and any(w.code == "invalid-date" for w in plan.warnings)


def test_deadline_before_issue_date_warned() -> None:
    head = "Số: 5/KH-UBND          Hà Nội, ngày 10 tháng 3 năm 2025\nKẾ HOẠCH\nCông tác năm 2025\n"
    plan = _plan("1. Phòng Y tế\n- Báo cáo trước ngày 15/1/2025.", head=head)
    assert any(w.code == "deadline-before-issue-date" for w in plan.warnings)


def test_actor_action_recipient() -> None:
    plan = _plan("1. Chế độ\nCăn cứ chức năng, nhiệm vụ, UBND các xã, phường và các cơ quan liên quan chủ động xây dựng "
                 "Kế hoạch triển khai thực hiện trước ngày 15/7/2021; định kỳ hằng năm (trước ngày 30/11) báo cáo "
                 "Ủy ban nhân dân thị xã kết quả thực hiện (qua Phòng Lao động - Thương binh và Xã hội) để tổng hợp.")
    first, second = plan.deadlines
    assert first.actor == "UBND các xã, phường và các cơ quan liên quan"
    assert first.action == "xây dựng Kế hoạch triển khai thực hiện"
    assert second.action == "báo cáo Ủy ban nhân dân thị xã kết quả thực hiện"
    assert second.recipient == "Ủy ban nhân dân thị xã (qua Phòng Lao động - Thương binh và Xã hội)"


def test_actor_falls_back_to_the_unit_heading() -> None:
    plan = _plan("1. Phòng Lao động - Thương binh và Xã hội các huyện:\n- Báo cáo 6 tháng đầu năm trước ngày 25/5/2021.")
    assert plan.deadlines[0].actor == "Phòng Lao động - Thương binh và Xã hội các huyện"


@pytest.mark.parametrize("sentence, actor, action", [
    # corpus shapes
    ("Các phòng, ban có liên quan căn cứ chức năng, nhiệm vụ được giao định kỳ báo cáo kết quả thực hiện "
     "về Ủy ban nhân dân huyện trước ngày 20/11 hằng năm.", "Các phòng, ban có liên quan",
     "báo cáo kết quả thực hiện"),
    ("Báo cáo 6 tháng (trước ngày 20/5/2025) và báo cáo năm (trước ngày 15/11/2025) về Ủy ban nhân dân huyện.",
     None, "báo cáo năm"),
    # a cited document's agency is not the actor; its parentheses are not the action
    ("Tổ chức Hội thi an toàn giao thông (theo Hướng dẫn số 12/HD-SGDĐT ngày 02/3/2024 của Sở Giáo dục và "
     "Đào tạo về tổ chức hội thi) trước tháng 10/2024.", "Phòng Y tế", "Tổ chức Hội thi an toàn giao thông"),
    # words that start like an agency but are not one
    ("Báo cáo kết quả kiểm tra gửi Sở Công Thương trước ngày 30/6/2026.", "Phòng Y tế",
     "Báo cáo kết quả kiểm tra"),
    ("Ban hành quy chế phối hợp trước ngày 15/4/2026.", "Phòng Y tế", "Ban hành quy chế phối hợp"),
    ("Trên cơ sở kết quả rà soát, tổng hợp danh sách hộ nghèo trước ngày 10/12/2026.", "Phòng Y tế",
     "tổng hợp danh sách hộ nghèo"),
])
def test_actor_and_action(sentence: str, actor: str | None, action: str) -> None:
    found = [d for d in _plan("1. Phòng Y tế\n- " + sentence).deadlines]
    assert found
    last = found[-1]
    assert (last.actor or None) in (actor, "Phòng Y tế") and last.action == action


# ----------------------------------------------------------------------------- fast paths stay exact
def test_no_character_casefolds_to_a_periodic_letter_but_those_looked_for() -> None:
    """_maybe_periodic looks for "ỳ", "Ỳ", "ằ", "Ằ" and [àÀ][nN][gG] before it casefolds: every
    other character must casefold to none of "ỳ", "ằ", "à", nor start with "n" or "g"."""
    import sys
    kept = {"ỳ": "ỳỲ", "ằ": "ằẰ", "à": "àÀ"}
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        folded = c.casefold()
        assert folded, code
        for letter, chars in kept.items():
            assert letter not in folded or (folded == letter and c in chars), code
        assert not folded.startswith("n") or (folded == "n" and c in "nN"), code
        assert not folded.startswith("g") or c in "gG", code


@pytest.mark.parametrize("text", ["Báo cáo định kỳ", "BÁO CÁO ĐỊNH KỲ", "hằng năm", "HẰNG NĂM", "Hàng tháng",
                                  "HÀNG QUÝ", "hÀnG", "Ký kết", "và ngày", "sàng lọc", "vàng", "KỴ", "HÀ NỘI", ""])
def test_maybe_periodic_is_the_casefolded_test(text: str) -> None:
    from keoach.parse import deadlines
    lower = text.casefold()
    assert deadlines._maybe_periodic(text) == ("kỳ" in lower or "hằng" in lower or "hàng" in lower)


def test_a_deadline_match_names_its_form_last() -> None:
    """_sentence_deadlines reads a DEADLINE match's form from m.lastgroup: the form's group must be
    the one that closed last, which is the first form group that matched."""
    from pathlib import Path
    from keoach.parse import deadlines
    root = Path(__file__).parent.parent
    texts = [line for f in sorted((root / "samples").glob("*.txt")) + sorted((root / "tests" / "cases").glob("*.txt"))
             for line in f.read_text(encoding="utf-8").splitlines()]
    texts += ["İ trước ngày 3/4/2026", "Thời hạn: 2026", "trước ngày 25/12 năm 2026, năm 2027", "trong Quý II/2027"]
    forms = set()
    for text in texts:
        for m in deadlines.DEADLINE.finditer_from(text, deadlines.TRIGGER_STARTS):
            assert m.lastgroup == next(name for name in deadlines.DEADLINE_FORMS if m[name]), text
            forms.add(m.lastgroup)
    assert len(forms) >= 6, forms
