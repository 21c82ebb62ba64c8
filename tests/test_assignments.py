"""Units of TỔ CHỨC THỰC HIỆN, their roles and chỉ tiêu."""
from __future__ import annotations

import pytest

from keoach import parse_text

OBJ = "KẾ HOẠCH\nI. MỤC TIÊU\n" + "".join(f"- Chỉ tiêu {i}: Đạt {90 + i % 10}%.\n" for i in range(1, 22))


def _units(body: str):
    return parse_text(OBJ + "II. TỔ CHỨC THỰC HIỆN\n" + body).assignments


@pytest.mark.parametrize("body, agency, codes, role", [
    ("1. Phòng Y tế, Trung tâm Y tế huyện\n- Chủ trì thực hiện các chỉ tiêu 2,3,4,9 của Kế hoạch.\n"
     "- Phối hợp thực hiện tốt chỉ tiêu 16.\n", "Phòng Y tế, Trung tâm Y tế huyện", ["2", "3", "4", "9", "16"], "lead"),
    ("1. Sở Lao động-Thương binh và Xã hội chủ trì, phối hợp với các sở thực hiện các chỉ tiêu 1, 6, 8.\n",
     "Sở Lao động-Thương binh và Xã hội", ["1", "6", "8"], "lead"),
    ("2. Đề nghị các sở, ngành: Sở Giáo dục và Đào tạo, Sở Y tế, Công an tỉnh phối hợp với Sở Lao động.\n",
     "các sở, ngành: Sở Giáo dục và Đào tạo, Sở Y tế, Công an tỉnh", [], "support"),
    ("6. Các cơ quan, ban ngành đoàn thể: Căn cứ chức năng, nhiệm vụ xây dựng kế hoạch.\n",
     "Các cơ quan, ban ngành đoàn thể", [], None),
    ("3. Phòng Văn hóa\n- Phối hợp với các cơ quan thực hiện chỉ tiêu 11, 17 của Kế hoạch.\n",
     "Phòng Văn hóa", ["11", "17"], "support"),
    ("1. Phòng Giáo dục\n- Thực hiện từ chỉ tiêu 1 đến chỉ tiêu 5.\n", "Phòng Giáo dục", ["1", "2", "3", "4", "5"], "lead"),
    ("1. Công an huyện\nPhối hợp đấu tranh phòng, chống tội phạm để thực hiện tốt chỉ tiêu 7 của Kế hoạch.\n",
     "Công an huyện", ["7"], "support"),
    ("8. Đề nghị Ủy ban Mặt trận tổ quốc Việt Nam huyện và các tổ chức thành viên.\nPhối hợp tuyên truyền.\n",
     "Ủy ban Mặt trận tổ quốc Việt Nam huyện và các tổ chức thành viên", [], "support"),
    ("1. Phòng Tư pháp\n- Chủ trì xây dựng kế hoạch để thực hiện chỉ tiêu 13, 21.\n", "Phòng Tư pháp", ["13", "21"], "lead"),
])
def test_unit_forms(body: str, agency: str, codes: list, role) -> None:
    unit = _units(body)[0]
    assert (unit.agency, unit.indicator_codes, unit.role) == (agency, codes, role)


def test_tasks_are_the_bullets_and_numbered_tasks_are_not_units() -> None:
    units = _units("Giao phòng Quản lý Công nghiệp triển khai các công việc:\n1. Tổ chức kiểm tra an toàn.\n"
                   "2. Chuẩn bị điều kiện.\n")
    assert [(u.agency, u.tasks) for u in units] == [("phòng Quản lý Công nghiệp", ["1. Tổ chức kiểm tra an toàn.",
                                                                                 "2. Chuẩn bị điều kiện."])]
