"""Every administrative form (issue 19): the examples of ../shared/PATTERNS.md C2, C6-C24, C26,
C27 and C30, each followed by variations of our own (other numbers, topics, units, word order).
The first case of each list is the PATTERNS.md example."""
from __future__ import annotations

import pytest

from keoach import parse_text
from keoach.parse.header import find_references
from keoach.parse.lines import Paragraph

PLAN_HEAD = "KẾ HOẠCH\nPhát triển thể thao năm 2026\nI. MỤC TIÊU\n- Tỷ lệ xã có sân thể thao đạt 90%.\n"


def _implementation(items: str, heading: str = "II. TỔ CHỨC THỰC HIỆN"):
    return parse_text(f"{PLAN_HEAD}{heading}\n{items}\n")


def _deadlines(sentence: str, head: str = PLAN_HEAD):
    plan = parse_text(f"{head}II. TỔ CHỨC THỰC HIỆN\n1. Phòng Văn hóa và Thông tin\n{sentence}\n")
    return [(d.date, d.recurrence) for d in plan.deadlines]


def _refs(text: str):
    return [(r.number, r.date) for r in find_references([Paragraph(text, 1, 1)], [])]


# ----------------------------------------------------------------------------- C2 person and role units
@pytest.mark.parametrize("item, agency", [
    ("1. Đồng chí Phó Chủ tịch UBND huyện phụ trách văn hóa - xã hội: chỉ đạo chung.",
     "Đồng chí Phó Chủ tịch UBND huyện phụ trách văn hóa - xã hội"),
    ("1. Đồng chí Chủ tịch UBND xã: chịu trách nhiệm chung.", "Đồng chí Chủ tịch UBND xã"),
    ("3. Đồng chí Trưởng Công an xã phụ trách an ninh: bảo đảm trật tự.", "Đồng chí Trưởng Công an xã phụ trách an ninh"),
    ("2. Đ/c Phó Bí thư Đảng ủy: theo dõi chung.", "Đ/c Phó Bí thư Đảng ủy"),
    ("2. Cán bộ văn hóa - xã hội các xã\n- Tổng hợp số liệu.", "Cán bộ văn hóa - xã hội các xã"),
    ("4. Cán bộ địa chính xã\n- Rà soát hồ sơ đất đai.", "Cán bộ địa chính xã"),
    ("2. Công chức Tư pháp - Hộ tịch\n- Hướng dẫn thủ tục.", "Công chức Tư pháp - Hộ tịch"),
    ("5. Cán bộ thú y các thôn\n- Theo dõi dịch bệnh.", "Cán bộ thú y các thôn"),
    ("3. Chuyên viên phụ trách thể thao\n- Theo dõi giải đấu.", "Chuyên viên phụ trách thể thao"),
    ("1. Chuyên viên Phòng Giáo dục\n- Tổng hợp báo cáo.", "Chuyên viên Phòng Giáo dục"),
    ("6. Chuyên viên phụ trách môi trường\n- Kiểm tra định kỳ.", "Chuyên viên phụ trách môi trường"),
    ("2. Chuyên viên văn phòng\n- Lưu trữ hồ sơ.", "Chuyên viên văn phòng"),
    ("4. Các chủ đầu tư công trình thể thao\n- Hoàn thiện hồ sơ.", "Các chủ đầu tư công trình thể thao"),
    ("3. Các chủ đầu tư dự án giao thông\n- Giải ngân vốn.", "Các chủ đầu tư dự án giao thông"),
    ("1. Chủ đầu tư các dự án nhà ở\n- Báo cáo tiến độ.", "Chủ đầu tư các dự án nhà ở"),
    ("5. Các chủ đầu tư\n- Quyết toán công trình.", "Các chủ đầu tư"),
    ("5. Ông Trần Văn Hòa - Tổ trưởng Tổ giúp việc: điều phối chung.", "Ông Trần Văn Hòa - Tổ trưởng Tổ giúp việc"),
    ("2. Bà Nguyễn Thị Mai - Thư ký Hội đồng: ghi biên bản.", "Bà Nguyễn Thị Mai - Thư ký Hội đồng"),
    ("1. Ông Lê Minh - Trưởng đoàn kiểm tra: chỉ đạo chung.", "Ông Lê Minh - Trưởng đoàn kiểm tra"),
    ("3. Tổ trưởng Tổ công nghệ số cộng đồng: hướng dẫn người dân.", "Tổ trưởng Tổ công nghệ số cộng đồng"),
    ("6. Các thành viên Ban tổ chức: thực hiện nhiệm vụ được phân công.", "Các thành viên Ban tổ chức"),
    ("4. Các thành viên Tiểu ban nội dung: chuẩn bị văn kiện.", "Các thành viên Tiểu ban nội dung"),
    ("2. Thành viên Đoàn kiểm tra: kiểm tra hồ sơ.", "Thành viên Đoàn kiểm tra"),
    ("7. Các Phó Chủ tịch UBND xã: chỉ đạo lĩnh vực được phân công.", "Các Phó Chủ tịch UBND xã"),
])
def test_person_and_role_units(item: str, agency: str) -> None:
    assert [a.agency for a in _implementation(item).assignments] == [agency]


# ----------------------------------------------------------------------------- C6 labelled completion dates
@pytest.mark.parametrize("line, date", [
    ("- Thời gian hoàn thành: Tháng 9/2026.", "2026-09"),
    ("- Thời gian hoàn thành: tháng 12/2027.", "2027-12"),
    ("+ Thời gian hoàn thành: Tháng 03/2026", "2026-03"),
    ("- Thời hạn hoàn thành: Quý II/2027.", "2027-Q2"),
    ("- Thời hạn hoàn thành: quý IV/2026.", "2026-Q4"),
    ("- Thời hạn: Quý I/2028.", "2028-Q1"),
    ("Thời gian hoàn thành: ngày 30/6/2026.", "2026-06-30"),
    ("Thời hạn: trước ngày 15/10/2026.", "2026-10-15"),
    ("- Hoàn thành: ngày 01/12/2026.", "2026-12-01"),
    ("- Thời hạn hoàn thành: Năm 2027.", "2027"),
])
def test_labelled_completion_dates(line: str, date: str) -> None:
    assert _deadlines("- Xây dựng cơ sở dữ liệu thể thao.\n" + line) == [(date, "none")]


@pytest.mark.parametrize("line", [
    "- Thời gian thực hiện: Từ tháng 5/2026 đến tháng 8/2026.",
    "- Thời gian thực hiện: từ tháng 3/2026 đến tháng 11/2026.",
    "- Thời gian thực hiện: Từ ngày 01/4/2026 đến ngày 30/4/2026.",
    "- Thời gian thực hiện: cả năm 2026.",
])
def test_a_schedule_is_not_a_completion_date(line: str) -> None:
    """'Thời gian thực hiện' is a schedule: optional in GOLD.md, and never the start taken as a deadline."""
    assert all(date not in ("2026-05", "2026-03", "2026-04-01") for date, _ in _deadlines(line))


# ----------------------------------------------------------------------------- C7 articles are not sections
@pytest.mark.parametrize("articles", [
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển thể thao năm 2026.\n"
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
    "Điều 3. Chánh Văn phòng và các đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./.",
    "Điều 1. Phê duyệt Đề án chuyển đổi số ngành y tế giai đoạn 2026 - 2030.\n"
    "Điều 2. Tổ chức thực hiện\n1. Sở Y tế chủ trì triển khai Đề án.\n"
    "Điều 3. Quyết định này có hiệu lực kể từ ngày ký./.",
    "ĐIỀU 1. Ban hành Quy chế làm việc của Ban Chỉ đạo.\nĐIỀU 2. Quyết định có hiệu lực từ ngày ký.",
    "Điều 1. Mục tiêu của kế hoạch\n1. Tỷ lệ đạt 90%.\nĐiều 2. Nhiệm vụ và giải pháp\nĐiều 3. Tổ chức thực hiện",
])
def test_articles_of_a_decision_are_not_sections(articles: str) -> None:
    plan = parse_text(f"QUYẾT ĐỊNH\nVề việc ban hành kế hoạch năm 2026\n{articles}\n")
    assert plan.sections == []


# ----------------------------------------------------------------------------- C8 a công văn
CONG_VAN = """ỦY BAN NHÂN DÂN HUYỆN {place_upper}
Số: {number}
V/v {subject}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
{place}, ngày {day} tháng {month} năm 2026
Kính gửi: Các phòng, ban chuyên môn
1. Giao {unit} chủ trì xây dựng dự thảo quy chế, hoàn thành trước ngày {due1}.
2. Các đơn vị báo cáo kết quả trước ngày {due2}.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
{signer}
"""


@pytest.mark.parametrize("values, dates", [
    (dict(place_upper="AN PHÚ", place="An Phú", number="310/UBND-VP", subject="triển khai Kế hoạch số 15/KH-UBND",
          day="02", month="6", unit="Phòng Nội vụ", due1="15/7/2026", due2="20/12/2026", signer="Lê Văn Minh"),
     ["2026-07-15", "2026-12-20"]),
    (dict(place_upper="TÂN LẬP", place="Tân Lập", number="45/UBND-VX", subject="thực hiện Kế hoạch số 208/KH-UBND",
          day="15", month="3", unit="Phòng Y tế", due1="30/4/2026", due2="10/11/2026", signer="Nguyễn Thị Hoa"),
     ["2026-04-30", "2026-11-10"]),
    (dict(place_upper="ĐÔNG HẢI", place="Đông Hải", number="1208/UBND-KT", subject="triển khai Quyết định số 7/QĐ-UBND",
          day="9", month="1", unit="Phòng Tài chính - Kế hoạch", due1="28/2/2026", due2="05/12/2026", signer="Trần Quốc Bảo"),
     ["2026-02-28", "2026-12-05"]),
    (dict(place_upper="PHÚ HÒA", place="Phú Hòa", number="77/UBND-NV", subject="triển khai Chỉ thị số 05/CT-UBND",
          day="20", month="5", unit="Phòng Văn hóa và Thông tin", due1="01/8/2026", due2="15/12/2026", signer="Phạm Văn Đức"),
     ["2026-08-01", "2026-12-15"]),
])
def test_cong_van_is_read_without_plan_parts(values: dict, dates: list) -> None:
    plan = parse_text(CONG_VAN.format(**values))
    d = plan.document
    assert (d.type, d.number, d.place) == ("CÔNG VĂN", values["number"], values["place"])
    assert d.date == f"2026-{int(values['month']):02d}-{int(values['day']):02d}"
    assert d.title == values["subject"]
    assert [r.number for r in d.references] == [values["subject"].split("số ")[1]]
    assert [x.date for x in plan.deadlines] == dates
    assert (d.signer.name, d.signer.title) == (values["signer"], "PHÓ CHỦ TỊCH")
    assert any(w.code == "no-plan-structure" for w in plan.warnings)


# ----------------------------------------------------------------------------- C9 capitalised words of a name
@pytest.mark.parametrize("name", [
    "Ban Tổ chức Huyện ủy", "Ủy ban Kiểm tra Đảng ủy xã", "Viện Nghiên cứu phát triển tỉnh",
    "Ban Chỉ đạo chương trình mục tiêu quốc gia huyện", "Ban Thường trực Hội Liên hiệp Phụ nữ huyện", "Sở Xây dựng",
    # variations
    "Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Huyện ủy", "Viện Nghiên cứu nông nghiệp", "Ban Chỉ đạo phòng chống thiên tai tỉnh",
    "Ban Thường trực Ủy ban MTTQ xã", "Ban Tuyên giáo Thành ủy", "Trung tâm Hướng dẫn nghiệp vụ", "Ban Kiểm tra Hội Nông dân",
])
def test_capitalised_word_after_the_head_stays_in_the_name(name: str) -> None:
    plan = _implementation(f"1. {name}\n- Theo dõi, đôn đốc thực hiện.\n2. Phòng Y tế\n- Phối hợp thực hiện.")
    assert [a.agency for a in plan.assignments] == [name, "Phòng Y tế"]


@pytest.mark.parametrize("item, agency", [
    ("1. Sở Xây dựng chủ trì thẩm định hồ sơ.", "Sở Xây dựng"),
    ("2. Ban Thường trực Ủy ban MTTQ xã tổ chức tuyên truyền.", "Ban Thường trực Ủy ban MTTQ xã"),
    ("3. Viện Nghiên cứu phát triển tỉnh nghiên cứu đề xuất giải pháp.", "Viện Nghiên cứu phát triển tỉnh"),
])
def test_the_duty_still_ends_the_name(item: str, agency: str) -> None:
    assert [a.agency for a in _implementation(item).assignments] == [agency]


# ----------------------------------------------------------------------------- C10 numbered "Giao <unit>"
@pytest.mark.parametrize("item, agency", [
    ("1. Giao Trung tâm Văn hóa - Thể thao huyện chủ trì tổ chức các giải đấu.", "Trung tâm Văn hóa - Thể thao huyện"),
    ("2. Giao phòng Tài chính - Kế hoạch bố trí kinh phí.", "phòng Tài chính - Kế hoạch"),
    ("3. Đề nghị Hội Nông dân huyện phối hợp tuyên truyền.", "Hội Nông dân huyện"),
    ("4. Phân công Phòng Y tế theo dõi sức khỏe vận động viên.", "Phòng Y tế"),
    ("1. Giao Công an xã chủ trì bảo đảm an ninh trật tự.", "Công an xã"),
    ("5. Giao Ban Quản lý dự án huyện triển khai thi công nhà thi đấu.", "Ban Quản lý dự án huyện"),
    ("2. Phân công Văn phòng HĐND và UBND huyện tổng hợp báo cáo.", "Văn phòng HĐND và UBND huyện"),
    ("3. Chính phủ trân trọng đề nghị Ban Tuyên giáo Trung ương, Mặt trận Tổ quốc phối hợp thực hiện.",
     "Ban Tuyên giáo Trung ương, Mặt trận Tổ quốc"),
    ("4. UBND huyện đề nghị Huyện đoàn phối hợp vận động thanh niên.", "Huyện đoàn"),
])
def test_numbered_giao_items(item: str, agency: str) -> None:
    assert [a.agency for a in _implementation(item).assignments] == [agency]


@pytest.mark.parametrize("item, agency", [
    ("5. Trên cơ sở đề xuất của các xã, thị trấn, Phòng Tài chính - Kế hoạch tổng hợp, trình bố trí kinh phí.",
     "Phòng Tài chính - Kế hoạch"),
    ("2. Căn cứ kế hoạch này, các phòng, ban chuyên môn xây dựng kế hoạch cụ thể.", "các phòng, ban chuyên môn"),
    ("1. Trên cơ sở nội dung Kế hoạch, UBND các xã chủ động triển khai.", "UBND các xã"),
])
def test_unit_after_a_lead_in_clause(item: str, agency: str) -> None:
    assert [a.agency for a in _implementation(item).assignments][0].startswith(agency)


# ----------------------------------------------------------------------------- C11 title "Thực hiện ... số N"
@pytest.mark.parametrize("title, period", [
    ("Thực hiện Nghị quyết số 12-NQ/HU ngày 05/3/2025 của Huyện ủy về phát triển thể thao năm 2026", (2026, 2026)),
    ("THỰC HIỆN CHỈ THỊ SỐ 08/CT-UBND NGÀY 20/01/2026 VỀ TĂNG CƯỜNG PHÒNG CHÁY, CHỮA CHÁY NĂM 2026", (2026, 2026)),
    ("Triển khai Đề án số 05 về chuyển đổi số ngành y tế giai đoạn 2026-2030", (2026, 2030)),
    ("Thực hiện Kết luận số 45-KL/TU ngày 10/02/2026 của Tỉnh ủy về du lịch giai đoạn 2026 - 2030", (2026, 2030)),
    ("Triển khai Quyết định số 1234/QĐ-TTg về chuyển đổi số năm 2027", (2027, 2027)),
    ("TRIỂN KHAI NGHỊ QUYẾT SỐ 09-NQ/TU VỀ PHÁT TRIỂN NÔNG NGHIỆP ĐẾN NĂM 2030", (None, 2030)),
])
@pytest.mark.parametrize("after", ["\n", "", "-----\n", "(Kèm theo Quyết định số 5/QĐ-UBND)\n"])
def test_title_beginning_with_a_cited_document(title: str, period: tuple, after: str) -> None:
    plan = parse_text(f"KẾ HOẠCH\n{title}\n{after}Căn cứ Luật Tổ chức chính quyền địa phương;\nI. MỤC TIÊU\n- Đạt 90%.\n")
    assert plan.document.title == title
    assert (plan.document.period.start, plan.document.period.end) == period


@pytest.mark.parametrize("basis", [
    "Thực hiện Kế hoạch số 208/KH-UBND ngày 09/6/2021 của UBND tỉnh về công tác trẻ em;",
    "Căn cứ Quyết định số 15/QĐ-UBND ngày 02/01/2026 của UBND tỉnh;",
    "Triển khai Chỉ thị số 05/CT-TTg ngày 10/3/2026, UBND huyện ban hành kế hoạch như sau:",
])
def test_a_basis_under_the_type_is_not_the_title(basis: str) -> None:
    plan = parse_text(f"KẾ HOẠCH\n{basis}\nI. MỤC TIÊU\n- Đạt 90%.\n")
    assert plan.document.title is None


# ----------------------------------------------------------------------------- C12 wrapped capitals heading
@pytest.mark.parametrize("heading, title, kind", [
    ("II. TỔ CHỨC\nTHỰC HIỆN", "TỔ CHỨC THỰC HIỆN", "implementation"),
    ("I. MỤC ĐÍCH,\nYÊU CẦU", "MỤC ĐÍCH, YÊU CẦU", "purpose"),
    ("III. NHIỆM VỤ VÀ GIẢI\nPHÁP", "NHIỆM VỤ VÀ GIẢI PHÁP", "tasks"),
    ("IV. TỔ CHỨC THỰC\nHIỆN KẾ HOẠCH", "TỔ CHỨC THỰC HIỆN KẾ HOẠCH", "implementation"),
    ("V. KINH PHÍ THỰC\nHIỆN", "KINH PHÍ THỰC HIỆN", "budget"),
    ("II. CHẾ ĐỘ THÔNG TIN,\nBÁO CÁO", "CHẾ ĐỘ THÔNG TIN, BÁO CÁO", "reporting"),
])
def test_capitals_heading_wrapped_over_two_lines(heading: str, title: str, kind: str) -> None:
    text = ("KẾ HOẠCH\nPhát triển thể thao năm 2026 ở các xã miền núi, vùng sâu, vùng xa của tỉnh trong thời gian tới\n"
            f"{heading}\n1. Phòng Văn hóa và Thông tin huyện chủ trì, phối hợp các đơn vị tổ chức các giải đấu.\n")
    plan = parse_text(text)
    assert [(s.title, s.kind) for s in plan.sections] == [(title, kind)]
    if kind == "implementation":
        assert [a.agency for a in plan.assignments] == ["Phòng Văn hóa và Thông tin huyện"]


# ----------------------------------------------------------------------------- C13 "hoàn thành trong năm Y"
@pytest.mark.parametrize("sentence, date", [
    ("Phòng Văn hóa rà soát, cập nhật danh mục sân bãi, hoàn thành trong năm 2026.", "2026"),
    ("Ban Quản lý dự án triển khai thi công nhà thi đấu hoàn thành trong năm 2027.", "2027"),
    ("Sở Tài chính hoàn thành trong năm 2026 việc quyết toán vốn.", "2026"),
    ("Phòng Nội vụ số hóa hồ sơ, hoàn thành trong năm 2028.", "2028"),
    ("Trung tâm Y tế hoàn thành trong năm 2029 việc nâng cấp phòng khám.", "2029"),
    ("Các xã cắm mốc giới, hoàn thành trong năm 2026.", "2026"),
])
def test_hoan_thanh_trong_nam(sentence: str, date: str) -> None:
    assert _deadlines(sentence) == [(date, "none")]


# ----------------------------------------------------------------------------- C14 one reference per number
@pytest.mark.parametrize("text, expected", [
    ("Căn cứ Quyết định số 210/QĐ-UBND ngày 05/02/2024 của UBND tỉnh về thể thao; để triển khai Quyết định số 210/QĐ-UBND, UBND huyện ban hành",
     [("210/QĐ-UBND", "2024-02-05")]),
    ("Thực hiện Kế hoạch số 77/KH-UBND; căn cứ Kế hoạch số 77/KH-UBND ngày 12/3/2026 của UBND tỉnh",
     [("77/KH-UBND", "2026-03-12")]),
    ("Chỉ thị số 05-CT/TU ngày 01/02/2026 của Tỉnh ủy; Chỉ thị số 05-CT/TU; Chỉ thị số 05-CT/TU",
     [("05-CT/TU", "2026-02-01")]),
    ("Quyết định số 06/QĐ-TTg ngày 03/01/2021 của Thủ tướng; Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng",
     [("06/QĐ-TTg", "2021-01-03"), ("06/QĐ-TTg", "2022-01-06")]),
])
def test_one_reference_per_number(text: str, expected: list) -> None:
    assert _refs(text) == expected


@pytest.mark.parametrize("text, number, date, issuer", [
    ("Căn cứ Nghị quyết số 15-NQ/HU của Huyện ủy An Phú ngày 20/01/2026 về thể thao", "15-NQ/HU", "2026-01-20", "Huyện ủy An Phú"),
    ("Thực hiện Kế hoạch số 33/KH-UBND của UBND tỉnh ngày 3/4/2026 về du lịch", "33/KH-UBND", "2026-04-03", "UBND tỉnh"),
    ("theo Công văn số 120/SYT-NVY của Sở Y tế ngày 15 tháng 5 năm 2026;", "120/SYT-NVY", "2026-05-15", "Sở Y tế"),
    ("Chỉ thị số 07-CT/TU của Ban Thường vụ Tỉnh ủy ngày 01/3/2026", "07-CT/TU", "2026-03-01", "Ban Thường vụ Tỉnh ủy"),
])
def test_issuer_between_number_and_date(text: str, number: str, date: str, issuer: str) -> None:
    refs = find_references([Paragraph(text, 1, 1)], [])
    assert [(r.number, r.date, r.issuer) for r in refs] == [(number, date, issuer)]


def test_the_plans_own_number_is_not_a_reference() -> None:
    text = ("Số: 105/NQ-CP\nHà Nội, ngày 08 tháng 4 năm 2026\nNGHỊ QUYẾT\nBan hành Chương trình hành động\n"
            "(Kèm theo Nghị quyết số 105/NQ-CP ngày 08 tháng 4 năm 2026 của Chính phủ)\n"
            "Căn cứ Kết luận số 210-KL/TW ngày 12/11/2025 của Ban Chấp hành Trung ương;\nI. MỤC TIÊU\n- Đạt 90%.\n")
    assert [r.number for r in parse_text(text).document.references] == ["210-KL/TW"]


# ----------------------------------------------------------------------------- C15 words between type and number
@pytest.mark.parametrize("text, expected", [
    ("Căn cứ Luật Thể dục, thể thao số 77/2006/QH11 ngày 29/11/2006;", [("77/2006/QH11", "2006-11-29")]),
    ("Luật sửa đổi, bổ sung một số điều của Luật Thể dục, thể thao số 26/2018/QH14 ngày 14/6/2018;",
     [("26/2018/QH14", "2018-06-14")]),
    ("Thực hiện Chương trình hành động số 45-CTr/TU ngày 10/01/2026 của Tỉnh ủy; Kế hoạch hành động số 12/KH-UBND ngày 02/02/2026;",
     [("45-CTr/TU", "2026-01-10"), ("12/KH-UBND", "2026-02-02")]),
    ("Căn cứ Luật Bảo vệ môi trường số 72/2020/QH14 ngày 17/11/2020;", [("72/2020/QH14", "2020-11-17")]),
    ("Căn cứ Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019;", [("45/2019/QH14", "2019-11-20")]),
    ("Xét Báo cáo thẩm tra số 154/BC-HĐND ngày 07 tháng 12 năm 2025 của Ban Văn hóa - Xã hội;", [("154/BC-HĐND", "2025-12-07")]),
    ("Kế hoạch hành động số 09/KH-SVHTTDL ngày 5/1/2026 của Sở", [("09/KH-SVHTTDL", "2026-01-05")]),
])
def test_words_between_type_and_number(text: str, expected: list) -> None:
    assert _refs(text) == expected


def test_a_law_without_number_is_not_listed() -> None:
    assert _refs("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật Thể dục, thể thao;") == []


# ----------------------------------------------------------------------------- C16 dotted or letter-first numbers
@pytest.mark.parametrize("text, expected", [
    ("Xét đề nghị của Công ty TNHH Hòa Bình tại Văn bản số 15.3/CV-HB ngày 15/3/2026 và Văn bản số HB-TT02/26-KT ngày 16/3/2026;",
     [("15.3/CV-HB", "2026-03-15"), ("HB-TT02/26-KT", "2026-03-16")]),
    ("Tờ trình số 2.1/2026/TTr-HT ngày 02/01/2026", [("2.1/2026/TTr-HT", "2026-01-02")]),
    ("theo Văn bản số 24.6/GĐN ngày 24/6/2026 của Công ty", [("24.6/GĐN", "2026-06-24")]),
    ("Công văn số AT-CV05/26-QL ngày 05/5/2026", [("AT-CV05/26-QL", "2026-05-05")]),
    ("Tờ trình số 3.12/2025/TTr-XD ngày 03/12/2025", [("3.12/2025/TTr-XD", "2025-12-03")]),
])
def test_dotted_and_letter_first_numbers(text: str, expected: list) -> None:
    assert _refs(text) == expected


def test_more_numbers_after_one_type() -> None:
    text = ("Xét Tờ trình số 364/TTr-BNG ngày 19 tháng 01 năm 2026, số 1518/BNG-NV ngày 10 tháng 03 năm 2026 "
            "và số 2265/BC-BNG ngày 02 tháng 04 năm 2026;")
    assert _refs(text) == [("364/TTr-BNG", "2026-01-19"), ("1518/BNG-NV", "2026-03-10"), ("2265/BC-BNG", "2026-04-02")]


# ----------------------------------------------------------------------------- C17 authority line
@pytest.mark.parametrize("authority", [
    "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN AN PHÚ", "GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    "BỘ TRƯỞNG BỘ Y TẾ", "THỦ TƯỚNG CHÍNH PHỦ", "HỘI ĐỒNG NHÂN DÂN TỈNH SƠN LA", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
])
def test_authority_line_is_not_title(authority: str) -> None:
    text = (f"QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch phát triển thể thao năm 2026\n{authority}\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n")
    d = parse_text(text).document
    assert d.title == "Về việc ban hành Kế hoạch phát triển thể thao năm 2026"
    assert (d.period.start, d.period.end) == (2026, 2026)


# ----------------------------------------------------------------------------- C18 nhiệm kỳ
@pytest.mark.parametrize("title, period", [
    ("Tổ chức bầu cử đại biểu Hội đồng nhân dân xã nhiệm kỳ 2026 - 2031", (None, None)),
    ("Tổ chức Đại hội Hội Nông dân xã nhiệm kỳ 2025 - 2030", (None, None)),
    ("Tổ chức Đại hội Đoàn Thanh niên nhiệm kỳ 2027-2032", (None, None)),
    ("Bầu cử đại biểu Quốc hội khóa XVI và đại biểu HĐND các cấp nhiệm kỳ 2026 – 2031", (None, None)),
    ("Chuẩn bị Đại hội Công đoàn nhiệm kỳ 2028 - 2033 trong năm 2027", (2027, 2027)),
])
def test_term_of_office_is_not_the_period(title: str, period: tuple) -> None:
    d = parse_text(f"KẾ HOẠCH\n{title}\nI. MỤC ĐÍCH, YÊU CẦU\n").document
    assert (d.period.start, d.period.end) == period


def test_the_year_of_a_cited_date_is_not_the_period() -> None:
    d = parse_text("NGHỊ QUYẾT\nBan hành Chương trình thực hiện Kết luận số 210-KL/TW ngày 12 tháng 11 năm 2025 của Ban Chấp hành\n"
                   "I. MỤC ĐÍCH, YÊU CẦU\n").document
    assert (d.period.start, d.period.end) == (None, None)


# ----------------------------------------------------------------------------- C19 capital words are budget
@pytest.mark.parametrize("heading", [
    "II. NGUỒN VỐN THỰC HIỆN", "III. VỐN ĐẦU TƯ", "IV. NGUỒN VỐN VÀ CƠ CHẾ TÀI CHÍNH",
    "V. NGUỒN VỐN ĐẦU TƯ", "III. VỐN ĐẦU TƯ VÀ NGUỒN VỐN", "VI. NGUỒN VỐN, KINH PHÍ",
])
def test_capital_headings_are_budget(heading: str) -> None:
    plan = parse_text(f"{PLAN_HEAD}{heading}\n- Ngân sách tỉnh.\n")
    assert [s.kind for s in plan.sections] == ["objectives", "budget"]


# ----------------------------------------------------------------------------- C20, C21 annex and closing remnants
CLOSING = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Minh\n"


@pytest.mark.parametrize("appendix, title", [
    ("Phụ lục số 02:\nBIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN\nTT | Nội dung | Kết quả", "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN"),
    ("Phụ lục I\nDANH SÁCH ĐƠN VỊ ĐƯỢC KIỂM TRA\n(Kèm theo Kế hoạch số 12/KH-UBND)", "DANH SÁCH ĐƠN VỊ ĐƯỢC KIỂM TRA"),
    ("PHỤ LỤC 3\nĐỀ CƯƠNG BÁO CÁO\nI. Kết quả", "ĐỀ CƯƠNG BÁO CÁO"),
    ("Biểu mẫu 01\nMẪU BÁO CÁO TIẾN ĐỘ", "MẪU BÁO CÁO TIẾN ĐỘ"),
    ("DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2026\nTT | Nhiệm vụ", "DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2026"),
])
def test_annex_number_null_and_title_under_the_label(appendix: str, title: str) -> None:
    plan = parse_text(f"{PLAN_HEAD}II. TỔ CHỨC THỰC HIỆN\n1. Phòng Y tế chủ trì.\n{CLOSING}{appendix}\n")
    annexes = [s for s in plan.sections if s.kind == "annex"]
    assert [(s.number, s.title) for s in annexes] == [(None, title)]


def test_two_appendices_are_two_annexes() -> None:
    plan = parse_text(f"{PLAN_HEAD}{CLOSING}Phụ lục I\nTHỜI GIAN KIỂM TRA\nTT | Đơn vị\nPhụ lục II\nĐỀ CƯƠNG BÁO CÁO\n1. Kết quả\n")
    assert [(s.number, s.title) for s in plan.sections if s.kind == "annex"] == [
        (None, "THỜI GIAN KIỂM TRA"), (None, "ĐỀ CƯƠNG BÁO CÁO")]


@pytest.mark.parametrize("remnant", [
    "- Lưu: VT, VHTT.",
    "TRƯỞNG PHÒNG VĂN HÓA VÀ THÔNG TIN\n[1] Quyết định số 15/QĐ-UBND ngày 02/01/2026 của UBND tỉnh.",
    "| |\n|---|",
    "Theo Quyết định: Thống nhất áp dụng Quyết định số 01/2025/QĐ-UBND.",
    "- Các phòng, ban chuyên môn;\n- Lưu: VT.",
])
def test_what_follows_the_name_is_no_annex(remnant: str) -> None:
    plan = parse_text(f"{PLAN_HEAD}II. TỔ CHỨC THỰC HIỆN\n1. Phòng Y tế chủ trì.\n{CLOSING}{remnant}\n")
    assert [s.kind for s in plan.sections] == ["objectives", "implementation"]
    assert plan.document.signer.name == "Lê Văn Minh"


# ----------------------------------------------------------------------------- C22 signature in one line / before the plan
@pytest.mark.parametrize("row, name, title", [
    ("| Nơi nhận: - Như Điều 3; - Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Văn Minh |", "Lê Văn Minh", "PHÓ CHỦ TỊCH"),
    ("| Nơi nhận: - Như trên; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn An |", "Nguyễn Văn An", "CHỦ TỊCH"),
    ("| Nơi nhận: - Sở Y tế; - Lưu: VT. | KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Trần Thị Thu Hà |", "Trần Thị Thu Hà", "PHÓ GIÁM ĐỐC"),
    ("| Nơi nhận: - Các xã; | TRƯỞNG PHÒNG Hoàng Minh Tuấn |", "Hoàng Minh Tuấn", "TRƯỞNG PHÒNG"),
])
def test_signature_in_one_table_row(row: str, name: str, title: str) -> None:
    signer = parse_text(f"{PLAN_HEAD}II. TỔ CHỨC THỰC HIỆN\n1. Phòng Y tế chủ trì.\n{row}\n").document.signer
    assert (signer.name, signer.title) == (name, title)


@pytest.mark.parametrize("block, name", [
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn Minh", "Lê Văn Minh"),
    ("TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\nHồ Quốc Dũng", "Hồ Quốc Dũng"),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Thị Hoa", "Nguyễn Thị Hoa"),
    ("CHỦ TỊCH\nTrần Văn Bình", "Trần Văn Bình"),
])
def test_decision_signed_before_the_attached_plan(block: str, name: str) -> None:
    text = ("Số: 12/QĐ-UBND\nAn Phú, ngày 02 tháng 3 năm 2026\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch thể thao năm 2026\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nĐiều 2. Quyết định có hiệu lực từ ngày ký./.\n"
            f"Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n{block}\n"
            "KẾ HOẠCH\nPhát triển thể thao năm 2026\nI. MỤC TIÊU\n- Đạt 90%.\nII. TỔ CHỨC THỰC HIỆN\n1. Phòng Y tế chủ trì.\n")
    plan = parse_text(text)
    assert plan.document.signer.name == name
    assert plan.document.number == "12/QĐ-UBND"
    assert [s.number for s in plan.sections] == ["I", "II"]


# ----------------------------------------------------------------------------- C23 place and date over two lines
@pytest.mark.parametrize("lines, place, date", [
    ("An Phú, ngày 12\ntháng 3 năm 2026", "An Phú", "2026-03-12"),
    ("Tân Lập, ngày 05 tháng\n11 năm 2025", "Tân Lập", "2025-11-05"),
    ("Hà Nội, ngày\n20 tháng 01 năm 2026", "Hà Nội", "2026-01-20"),
    ("Đông Hải, ngày 30\ntháng 6 năm 2027", "Đông Hải", "2027-06-30"),
])
def test_place_and_date_over_two_lines(lines: str, place: str, date: str) -> None:
    d = parse_text(f"Số: 15/KH-UBND\n{lines}\nKẾ HOẠCH\nVề việc X\nI. MỤC TIÊU\n").document
    assert (d.place, d.date) == (place, date)


# ----------------------------------------------------------------------------- C24 annex with no signature before it
@pytest.mark.parametrize("appendix, title", [
    ("PHỤ LỤC\nDANH MỤC GIẢI THI ĐẤU NĂM 2026\nTT | Nội dung | Thời gian", "DANH MỤC GIẢI THI ĐẤU NĂM 2026"),
    ("DANH MỤC CÔNG TRÌNH ƯU TIÊN ĐẦU TƯ\nTT | Công trình", "DANH MỤC CÔNG TRÌNH ƯU TIÊN ĐẦU TƯ"),
    ("Phụ lục I\nNHIỆM VỤ TRỌNG TÂM NĂM 2026\n(Kèm theo Kế hoạch)", "NHIỆM VỤ TRỌNG TÂM NĂM 2026"),
    ("BIỂU MẪU BÁO CÁO KẾT QUẢ\n1. Tên đơn vị", "BIỂU MẪU BÁO CÁO KẾT QUẢ"),
])
def test_annex_after_the_body_closing_mark(appendix: str, title: str) -> None:
    text = (f"{PLAN_HEAD}II. TỔ CHỨC THỰC HIỆN\n1. Phòng Y tế chủ trì, các đơn vị báo cáo UBND huyện./.\n{appendix}\n")
    sections = parse_text(text).sections
    assert [(s.number, s.kind) for s in sections] == [("I", "objectives"), ("II", "implementation"), (None, "annex")]
    assert sections[-1].title == title


def test_a_phu_luc_label_alone_starts_an_annex_without_closing_mark() -> None:
    text = f"{PLAN_HEAD}II. TỔ CHỨC THỰC HIỆN\n1. Phòng Y tế chủ trì.\nPhụ lục I\nNHIỆM VỤ CỤ THỂ\nI\nTuyên truyền\n"
    assert [s.kind for s in parse_text(text).sections] == ["objectives", "implementation", "annex"]


# ----------------------------------------------------------------------------- C26 past cut-off
@pytest.mark.parametrize("sentence, found", [
    ("Phòng Tài chính thanh toán các khoản nợ phát sinh trước ngày 31/12/2020 theo quy định.", []),
    ("Xử lý dứt điểm các vụ việc xảy ra trước ngày 01/01/2024.", []),
    ("Rà soát các văn bản ban hành trước ngày 01/7/2025 để sửa đổi.", []),
    ("Thanh lý tài sản có hiệu lực trước ngày 15/3/2019.", []),
    # a date after the plan's issue is a duty, whatever the word before it
    ("Các xã ban hành kế hoạch trước ngày 15/3/2026.", [("2026-03-15", "none")]),
])
def test_past_cut_off_is_no_deadline(sentence: str, found: list) -> None:
    head = "Số: 5/KH-UBND\nAn Phú, ngày 10 tháng 01 năm 2026\nKẾ HOẠCH\nPhát triển thể thao năm 2026\nI. MỤC TIÊU\n- Đạt 90%.\n"
    assert _deadlines(sentence, head) == found


# ----------------------------------------------------------------------------- C27 full stop after the number
@pytest.mark.parametrize("text, number", [
    ("Thực hiện Thông tư số 12/2023/TT-BVHTTDL. UBND huyện ban hành Kế hoạch như sau:", "12/2023/TT-BVHTTDL"),
    ("Căn cứ Quyết định số 45/QĐ-UBND. Ủy ban nhân dân xã ban hành", "45/QĐ-UBND"),
    ("Theo Chỉ thị số 05-CT/TU.", "05-CT/TU"),
    ("thực hiện Kết luận số 213-KL/TW. Các bộ, ngành", "213-KL/TW"),
])
def test_no_full_stop_in_a_number(text: str, number: str) -> None:
    assert [n for n, _ in _refs(text)] == [number]


# ----------------------------------------------------------------------------- C30 party-style numbers
@pytest.mark.parametrize("line, number", [
    ("Số: 27-KH/HU", "27-KH/HU"), ("Số 104 -CTr/TU", "104-CTr/TU"), ("Số: 15-TB/ĐU", "15-TB/ĐU"),
    ("Số: 08-KH/ĐU", "08-KH/ĐU"), ("Số 212- CTr/TU", "212-CTr/TU"), ("Số: 3-NQ/HU", "3-NQ/HU"),
])
def test_party_style_number(line: str, number: str) -> None:
    d = parse_text(f"{line}\nAn Phú, ngày 02 tháng 3 năm 2026\nKẾ HOẠCH\nVề việc X\nI. MỤC TIÊU\n").document
    assert d.number == number


# ----------------------------------------------------------------------------- task tables (issue 19, item 6)
CLOSED = f"{PLAN_HEAD}II. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ chủ trì, các đơn vị báo cáo./.\n"


@pytest.mark.parametrize("rows, dates", [
    ("TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn hoàn thành | Sản phẩm\n"
     "1 | Xây dựng Đề án vị trí việc làm | Sở Nội vụ | Các sở | Quý II/2026 | Đề án\n"
     "2 | Ban hành quy chế phối hợp | Sở Tư pháp | Các sở | Tháng 4/2026 | Quy chế\n"
     "3 | Tổng kết thực hiện | Sở Nội vụ | Các xã | 2026 | Báo cáo\n"
     "4 | Tuyên truyền | Các sở | | Thường xuyên | Tin bài",
     [("2026-Q2", "Sở Nội vụ"), ("2026-04", "Sở Tư pháp"), ("2026", "Sở Nội vụ")]),
    ("| STT | Nội dung công việc | Đơn vị chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n"
     "| 1 | Số hóa hồ sơ | Phòng Nội vụ | Tháng 9/2027 |\n| 2 | Nâng cấp phần mềm | Trung tâm CNTT | Quý IV/2027 |",
     [("2027-09", "Phòng Nội vụ"), ("2027-Q4", "Trung tâm CNTT")]),
    ("TT | Tên nhiệm vụ | Cơ quan chủ trì | Thời hạn\n1 | Khảo sát | Sở Y tế | Trước 30/6/2026\n"
     "2 | Đánh giá | Sở Y tế | Năm 2026 - 2028",
     [("2026-06-30", "Sở Y tế"), ("2028", "Sở Y tế")]),
])
def test_task_table_rows(rows: str, dates: list) -> None:
    plan = parse_text(f"{CLOSED}PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n{rows}\n")
    assert [(d.date, d.actor) for d in plan.deadlines] == dates


FLAT = """Phụ lục
NHIỆM VỤ TRIỂN KHAI CHƯƠNG TRÌNH HÀNH ĐỘNG
TT
Nội dung công việc
Cơ quan
chủ trì
Cơ quan
phối hợp
Sản phẩm
Thời
hạn
hoàn thành
I
Hoàn thiện thể chế
1
Xây dựng, ban hành văn bản quy định chi tiết
theo Nghị quyết số 190/2025/QH15 ngày
{cited}
Các bộ, cơ
quan ngang bộ
Bộ Tư pháp
Nghị định
{due1}
2
Sắp xếp đơn vị sự nghiệp công lập trong
năm 2025 của các bộ
Bộ Nội vụ
Các bộ
Đề án
{due2}
3
Tuyên truyền kết quả thực hiện
Các bộ
Văn bản
Thường xuyên
"""


@pytest.mark.parametrize("cited, due1, due2, dates", [
    ("19/02/2025 của Quốc hội", "Trước\n01/3/2027", "Quý\nII/2026", ["2027-03-01", "2026-Q2"]),
    ("19/02/2025", "Năm\n2026", "Tháng 4/2026", ["2026", "2026-04"]),
    ("15/01/2025 của Quốc hội", "Quý III/2026.", "2026 - \n2030", ["2026-Q3", "2030"]),
    ("10/10/2025", "Tháng \n11/2026", "2026 và \nhằng năm", ["2026-11", "2026"]),
])
def test_task_table_flattened_one_cell_per_line(cited: str, due1: str, due2: str, dates: list) -> None:
    """A table copied from a PDF: one cell per line, cells wrapped; only a date and nothing else is a
    completion cell, and a cited document's date cut onto its own line is none."""
    head = "Số: 105/NQ-CP\nHà Nội, ngày 08 tháng 4 năm 2026\n"
    plan = parse_text(head + CLOSED + FLAT.format(cited=cited, due1=due1, due2=due2))
    assert [d.date for d in plan.deadlines] == dates
    assert plan.deadlines[0].action.startswith("Xây dựng, ban hành văn bản")


def test_a_date_in_lower_case_goes_on_a_cell_of_text() -> None:
    head = "Số: 105/NQ-CP\nHà Nội, ngày 08 tháng 4 năm 2026\n"
    table = FLAT.format(cited="19/02/2025", due1="Quý II/2026", due2="Tháng 5/2026").replace(
        "Đề án\n", "Báo cáo rà soát\ntrong năm 2026\nđược trình\n", 1)
    assert [d.date for d in parse_text(head + CLOSED + table).deadlines] == ["2026-Q2", "2026-05"]


def test_no_task_table_without_a_completion_column() -> None:
    table = "TT\nNội dung\nCơ quan\nchủ trì\nGhi chú\n1\nTuyên truyền\nSở Y tế\n2026\n"
    assert parse_text(f"{CLOSED}PHỤ LỤC\nDANH MỤC\n{table}").deadlines == []


# ----------------------------------------------------------------------------- references cut by a table's cells
@pytest.mark.parametrize("cells, number", [
    ("Nghị quyết\nsố 23/NQ-CP ngày\n07/02/2026", "23/NQ-CP"),
    ("Chương trình\nsố 12-CTr/BCĐ", "12-CTr/BCĐ"),
    ("Nghị quyết\nsố 119/2026/\nUBTVQH15", "119/2026/UBTVQH15"),
    ("(thay thế Thông tư\n34/2014/TT-BKHCN)", "34/2014/TT-BKHCN"),
])
def test_type_and_number_on_two_lines_of_a_cell(cells: str, number: str) -> None:
    plan = parse_text(f"{PLAN_HEAD}II. NHIỆM VỤ\nTT\nNhiệm vụ\nCăn cứ\n1\nRà soát văn bản\n{cells}\n2\nTuyên truyền\n")
    assert number in [r.number for r in plan.document.references]


@pytest.mark.parametrize("text, numbers", [
    ("Nghị quyết số 66-NQ/TW1 ... [1] Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị.", ["66-NQ/TW"]),
    ("Nghị quyết số 140/NQ-CP2; 2 Nghị quyết số 140/NQ-CP ngày 17/5/2025 của Chính phủ.", ["140/NQ-CP"]),
    ("theo Kế hoạch 2026-2030 và Kế hoạch số 12/KH-UBND", ["12/KH-UBND"]),
    ("Quyết định số 15/QĐ-UBND1 của UBND tỉnh", ["15/QĐ-UBND1"]),
])
def test_footnote_marks_and_year_ranges(text: str, numbers: list) -> None:
    assert [n for n, _ in _refs(text)] == numbers


def test_footnotes_after_the_signer_are_not_cited() -> None:
    text = (f"{PLAN_HEAD}II. TỔ CHỨC THỰC HIỆN\n1. Phòng Y tế chủ trì theo Quyết định số 15/QĐ-UBND ngày 02/01/2026.\n"
            f"{CLOSING}[1] Theo Quyết định số 01/2025/QĐ-UBND ngày 03/01/2025 của UBND tỉnh.\n"
            "PHỤ LỤC\nDANH MỤC VĂN BẢN\n1. Chỉ thị số 05/CT-UBND ngày 01/02/2026\n")
    assert [r.number for r in parse_text(text).document.references] == ["15/QĐ-UBND", "05/CT-UBND"]


@pytest.mark.parametrize("sentence, found", [
    ("Hoàn thành việc phê duyệt trong tháng 4/2026.", [("2026-04", "none")]),
    ("Các xã xây dựng kế hoạch trong Quý I/2026.", [("2026-Q1", "none")]),
    ("Bàn giao mặt bằng các điểm thi công trong tháng 5/2026.", [("2026-05", "none")]),
    # when work goes on, not when it is due
    ("Triển khai thi công các hạng mục theo kế hoạch trong tháng 4/2026.", []),
    ("Tổ chức thực hiện các giải đấu trong quý III/2026.", []),
    ("Lưu ý các vị trí triển khai thi công trong tháng 6/2026; đồng thời rà soát hồ sơ.", []),
])
def test_completion_versus_schedule(sentence: str, found: list) -> None:
    assert _deadlines(sentence) == found


@pytest.mark.parametrize("sentence, date", [
    ("b) Quý I/2027, các cơ quan, đơn vị đánh giá kết quả thực hiện phong trào.", "2027-Q1"),
    ("- Tháng 9/2026, Phòng Văn hóa tổ chức tổng kết giải.", "2026-09"),
    ("- Quý IV/2026, các xã báo cáo kết quả về UBND huyện.", "2026-Q4"),
])
def test_a_month_or_quarter_opening_an_item(sentence: str, date: str) -> None:
    assert _deadlines(sentence) == [(date, "none")]


def test_a_past_month_opening_a_sentence_is_no_deadline() -> None:
    assert _deadlines("- Tháng 3/2026, đoàn đã đến thăm.") == []


@pytest.mark.parametrize("title", [
    "Kiểm tra công tác cải cách hành chính trong năm 2026",
    "Tổng kết phong trào thi đua trong năm 2027",
    "Báo cáo kết quả thực hiện trước ngày 15/12/2026",
])
def test_the_title_is_no_deadline(title: str) -> None:
    text = f"Số: 5/KH-UBND\nAn Phú, ngày 02 tháng 01 năm 2026\nKẾ HOẠCH\n{title}\nCăn cứ Luật Tổ chức chính quyền;\nI. MỤC ĐÍCH\n- Nâng cao.\n"
    assert parse_text(text).deadlines == []


@pytest.mark.parametrize("sentence, dates", [
    ("- Các xã báo cáo định kỳ (ngày 25/12 năm 2026, năm 2027) kết quả thực hiện gửi UBND.", ["2026-12-25", "2027-12-25"]),
    ("- Báo cáo trước ngày 15/11 năm 2026 và năm 2027.", ["2026-11-15", "2027-11-15"]),
    ("- Báo cáo định kỳ (ngày 10/6 năm 2028) về Sở Nội vụ.", ["2028-06-10"]),
    ("- Gửi báo cáo trước ngày 5/1 năm 2027.", ["2027-01-05"]),
])
def test_day_month_then_year(sentence: str, dates: list) -> None:
    assert [d for d, _ in _deadlines(sentence)] == dates


def test_a_table_row_read_by_both_readers_is_one_deadline() -> None:
    rows = ("TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn hoàn thành\n1 | Khảo sát | Sở Y tế | Trước 30/6/2026\n"
            "2 | Đánh giá | Sở Nội vụ | Quý III/2026")
    plan = parse_text(f"{PLAN_HEAD}II. NHIỆM VỤ\n{rows}\n")
    assert sorted(d.date for d in plan.deadlines) == ["2026-06-30", "2026-Q3"]


@pytest.mark.parametrize("sentence, found", [
    ("2. Đã hoàn thành kiểm tra trước ngày 30/9/2026.", []),
    ("- Đã tổ chức tổng kết vào cuối năm 2025.", []),
    ("a) đã ban hành kế hoạch trong tháng 3/2026.", []),
    ("- Hoàn thành các nhiệm vụ đã đề ra trước ngày 30/9/2026.", [("2026-09-30", "none")]),
])
def test_what_was_done_is_no_deadline(sentence: str, found: list) -> None:
    assert _deadlines(sentence) == found


@pytest.mark.parametrize("appendix, title", [
    ("BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN NĂM 2026\nTT | Chỉ tiêu | Kết quả", "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN NĂM 2026"),
    ("BẢNG PHÂN CÔNG NHIỆM VỤ\nTT | Nhiệm vụ | Người thực hiện", "BẢNG PHÂN CÔNG NHIỆM VỤ"),
    ("LỊCH KIỂM TRA CÁC ĐƠN VỊ\nTT | Đơn vị | Thời gian", "LỊCH KIỂM TRA CÁC ĐƠN VỊ"),
    ("KẾ HOẠCH\nTổ chức giải bóng đá thiếu niên năm 2026\nI. MỤC ĐÍCH", "Tổ chức giải bóng đá thiếu niên năm 2026"),
])
def test_more_appendix_headings_after_the_signature(appendix: str, title: str) -> None:
    plan = parse_text(f"{PLAN_HEAD}II. TỔ CHỨC THỰC HIỆN\n1. Phòng Y tế chủ trì.\n{CLOSING}{appendix}\n")
    assert [(s.number, s.title) for s in plan.sections if s.kind == "annex"] == [(None, title)]


def test_a_type_line_inside_an_outline_is_part_of_it() -> None:
    appendix = "ĐỀ CƯƠNG\nĐƠN VỊ: ...\nBÁO CÁO\nKết quả công tác 6 tháng năm 2026\nI. KẾT QUẢ\n"
    plan = parse_text(f"{PLAN_HEAD}II. TỔ CHỨC THỰC HIỆN\n1. Phòng Y tế chủ trì.\n{CLOSING}{appendix}")
    assert [(s.number, s.title) for s in plan.sections if s.kind == "annex"] == [(None, "ĐỀ CƯƠNG")]


@pytest.mark.parametrize("sentence, found", [
    ("- Yêu cầu đến 30/5/2026 phải bàn giao toàn bộ mặt bằng.", [("2026-05-30", "none")]),
    ("- Số liệu báo cáo tính đến ngày 30/6/2026.", []),
    ("- Thực hiện từ ngày 01/3/2026 đến ngày 30/5/2026.", []),
    ("- Danh sách cập nhật đến ngày 15/10/2026.", []),
])
def test_den_a_whole_date(sentence: str, found: list) -> None:
    assert _deadlines(sentence) == found


@pytest.mark.parametrize("sentence", [
    "- Tháng 3/2026, Sở Y tế đã tổ chức kiểm tra 12 cơ sở.",
    "- Quý I/2026, các xã đã báo cáo kết quả.",
    "- Tháng 5/2026, Phòng Nội vụ vừa ban hành quy chế.",
])
def test_an_opening_month_of_what_was_done(sentence: str) -> None:
    assert _deadlines(sentence) == []


def _docx(path, paragraphs: list[str], table: list[list[str]]) -> None:
    import zipfile
    from xml.sax.saxutils import escape
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    para = lambda t: f"<w:p><w:r><w:t>{escape(t)}</w:t></w:r></w:p>"      # noqa: E731
    rows = "".join("<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>" for row in table)
    body = "".join(map(para, paragraphs)) + f"<w:tbl>{rows}</w:tbl>"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>')


@pytest.mark.parametrize("due, date", [("Quý II/2026", "2026-Q2"), ("Tháng 4/2026", "2026-04"), ("2026", "2026"),
                                       ("Trước 30/9/2026", "2026-09-30")])
def test_task_table_of_a_word_file(tmp_path, due: str, date: str) -> None:
    from keoach import parse_file
    path = tmp_path / "chuong-trinh.docx"
    _docx(path, ["CHƯƠNG TRÌNH", "Hành động năm 2026", "I. MỤC TIÊU", "- Đạt 90%.", "II. TỔ CHỨC THỰC HIỆN",
                 "1. Sở Nội vụ chủ trì./.", "PHỤ LỤC", "DANH MỤC NHIỆM VỤ"],
          [["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành", "Sản phẩm"],
           ["1", "Xây dựng Đề án vị trí việc làm", "Sở Nội vụ", "Các sở", due, "Đề án"],
           ["2", "Tuyên truyền", "Sở Văn hóa", "Các xã", "Thường xuyên", "Tin bài"]])
    plan = parse_file(path)
    assert [(d.date, d.actor, d.action) for d in plan.deadlines] == [(date, "Sở Nội vụ", "Xây dựng Đề án vị trí việc làm")]


@pytest.mark.parametrize("cell", ["Mẫu", "Phụ lục", "Biểu mẫu"])
def test_a_label_word_in_a_table_cell_does_not_end_the_body(cell: str) -> None:
    text = f"{PLAN_HEAD}II. NHIỆM VỤ\nTT\nNội dung\nHình thức\n1\nBáo cáo\n{cell}\n2\nTổng hợp\nVăn bản\nIII. TỔ CHỨC THỰC HIỆN\n1. Phòng Y tế chủ trì.\n"
    assert [s.kind for s in parse_text(text).sections] == ["objectives", "tasks", "implementation"]


@pytest.mark.parametrize("item, agency", [
    ("1. Sở Y tế chủ trì, phối hợp với các đơn vị liên quan thực hiện các nội dung sau:", "Sở Y tế"),
    ("2. Phòng Nội vụ chủ trì, phối hợp các xã tổ chức thực hiện các nhiệm vụ:", "Phòng Nội vụ"),
    ("3. Các thành viên Ban tổ chức: thực hiện nhiệm vụ được phân công.", "Các thành viên Ban tổ chức"),
])
def test_colon_or_verb_ends_the_unit(item: str, agency: str) -> None:
    assert [a.agency for a in _implementation(item + "\n- Theo dõi.").assignments] == [agency]


def test_a_labelled_date_takes_its_items_task() -> None:
    plan = parse_text(f"{PLAN_HEAD}II. NHIỆM VỤ\n1. Xây dựng cơ sở dữ liệu thể thao\n- Cơ quan chủ trì: Phòng Văn hóa.\n"
                      "- Thời gian hoàn thành: Tháng 9/2026.\n2. Tổ chức Đại hội thể dục thể thao\nThời hạn: Quý III/2026.\n")
    assert [(d.date, d.action) for d in plan.deadlines] == [
        ("2026-09", "Xây dựng cơ sở dữ liệu thể thao"), ("2026-Q3", "Tổ chức Đại hội thể dục thể thao")]
