"""Document metadata and references."""
from __future__ import annotations

import pytest

from keoach import parse_text
from keoach.parse.header import find_references, normalize_doc_number
from keoach.parse.lines import Paragraph

HEAD = """UBND TỈNH GIA LAI
SỞ LAO ĐỘNG
Số:    18 /KH-SLĐTB&XH          Gia Lai, ngày 18  tháng 3  năm 2021
KẾ HOẠCH
Thực hiện công tác bảo vệ trẻ em
giai đoạn 2021 - 2025
Căn cứ Công văn số 375/LĐTBXH-TE ngày 23/12/2021 của Bộ Lao động-Thương binh và Xã hội về việc hướng dẫn;
I. MỤC TIÊU
- Tỷ lệ đạt 90%.
"""


def test_header_fields() -> None:
    d = parse_text(HEAD).document
    assert (d.type, d.number, d.date, d.place) == ("KẾ HOẠCH", "18/KH-SLĐTB&XH", "2021-03-18", "Gia Lai")
    assert d.title == "Thực hiện công tác bảo vệ trẻ em giai đoạn 2021 - 2025"
    assert (d.period.start, d.period.end) == (2021, 2025)
    assert d.issuer == "UBND TỈNH GIA LAI / SỞ LAO ĐỘNG"


@pytest.mark.parametrize("line, number, date", [
    ("Số /KH-UBND", None, None), ("Số:      /KH-SCT", None, None),
    ("Triệu Sơn, ngày   tháng   năm 2021", None, None), ("Số: 05/KH-UBND", "05/KH-UBND", None),
])
def test_blank_number_and_date_are_null(line: str, number, date) -> None:
    d = parse_text(f"{line}\nKẾ HOẠCH\nVề việc X\nI. MỤC TIÊU\n").document
    assert (d.number, d.date) == (number, date)


@pytest.mark.parametrize("raw, clean", [("23/CT- TTg", "23/CT-TTg"), ("3309/UBND –VX", "3309/UBND-VX"),
                                        ("1822/KH- UBND", "1822/KH-UBND"), ("52-CTr/TU", "52-CTr/TU")])
def test_doc_number_normalized(raw: str, clean: str) -> None:
    assert normalize_doc_number(raw) == clean


@pytest.mark.parametrize("text, expected", [
    ("Thực hiện Kế hoạch số 208/KH-UBND ngày 09 tháng 6 năm 2021 của UBND tỉnh Thừa Thiên Huế về việc",
     ("Kế hoạch", "208/KH-UBND", "2021-06-09", "UBND tỉnh Thừa Thiên Huế")),
    ("theo Chỉ thị số 23/CT- TTg ngày 26/5/2020 của Thủ tướng Chính phủ.", ("Chỉ thị", "23/CT-TTg", "2020-05-26", "Thủ tướng Chính phủ")),
    ("Công văn số 3309/UBND –VX ngày 14/12/2022 của UBND tỉnh về việc", ("Công văn", "3309/UBND-VX", "2022-12-14", "UBND tỉnh")),
    ("Căn cứ Quyết định 1883/QĐ-UBND ngày 06/11/2025 của UBND tỉnh Lào Cai;", ("Quyết định", "1883/QĐ-UBND", "2025-11-06", "UBND tỉnh Lào Cai")),
    ("Chương trình số 52-CTr/TU ngày 18/04/2013 của Tỉnh uỷ về", ("Chương trình", "52-CTr/TU", "2013-04-18", "Tỉnh uỷ")),
    ("theo Thông tư số 29/2019/TT-BLĐTBXH ngày 26/12/2019 của Bộ Lao động-TB&XH về", ("Thông tư", "29/2019/TT-BLĐTBXH", "2019-12-26", "Bộ Lao động-TB&XH")),
    ("Nghị định số 80/2017/NĐ- CP ngày 17/7/2018 của Chính phủ", ("Nghị định", "80/2017/NĐ-CP", "2018-07-17", "Chính phủ")),
])
def test_references(text: str, expected: tuple) -> None:
    refs = find_references([Paragraph(text, 1, 1)], [])
    assert [(r.type, r.number, r.date, r.issuer) for r in refs] == [expected]


def test_impossible_reference_date_is_null_and_warned() -> None:
    warnings: list = []
    refs = find_references([Paragraph("theo Quyết định số 06/QĐ-TTg ngày 03/01/20219 của Thủ tướng", 7, 7)], warnings)
    assert refs[0].date is None and warnings[0].code == "invalid-date"


def test_each_document_once_and_reference_checks() -> None:
    text = HEAD + "II. NHIỆM VỤ\nThực hiện Công văn số 375/LĐTBXH-TE ngày 23/12/2021 và Nghị định số 80/2017/NĐ-CP ngày 17/7/2018.\n"
    plan = parse_text(text)
    assert [r.number for r in plan.document.references] == ["375/LĐTBXH-TE", "80/2017/NĐ-CP"]
    codes = {w.code for w in plan.warnings}
    assert {"reference-after-issue-date", "reference-date-mismatch"} <= codes
