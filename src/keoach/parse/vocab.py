"""The Vietnamese of plans, as data. Logic lives elsewhere; adding a word touches only this file.

Matching runs on NFC text; section kinds and agency words are also compared folded
(`text.fold`: no tone marks, no case), so "hoá"/"hóa" and "MỤC TIÊU"/"Mục tiêu" agree.
"""
from __future__ import annotations

# Top-level section kinds (SPEC "section kind"), keyed by folded heading words. When several
# keys occur in one heading, the one that starts earliest wins ("PHÂN CÔNG NHIỆM VỤ" is
# implementation, not tasks), and at the same position the longest.
SECTION_KINDS: dict[str, str] = {
    "muc dich": "purpose",
    "yeu cau": "purpose",
    "muc tieu": "objectives",
    "chi tieu": "objectives",
    "nhiem vu": "tasks",
    "giai phap": "tasks",
    "noi dung": "tasks",
    "cac hoat dong": "tasks",
    "hoat dong": "tasks",
    "kinh phi": "budget",
    "nguon kinh phi": "budget",
    "nguon luc": "budget",
    "nguon von": "budget",
    "von dau tu": "budget",
    "to chuc thuc hien": "implementation",
    "phan cong nhiem vu": "implementation",
    "phan cong thuc hien": "implementation",
    "trach nhiem thuc hien": "implementation",
    "trach nhiem cua": "implementation",
    "che do bao cao": "reporting",
    "che do thong tin bao cao": "reporting",
    "thong tin bao cao": "reporting",
    "che do thong tin": "reporting",
    "bao cao ket qua": "reporting",
    "phu luc": "annex",
    "de cuong": "annex",
    "bieu mau": "annex",
}

# Headings of an appended part (after the signature, or standing alone in capitals).
ANNEX_HEADINGS = ("phu luc", "de cuong", "bieu mau", "mau bao cao", "danh muc", "danh sach", "bieu tong hop",
                  "bieu so", "bang tong hop", "bang phan cong", "lich")

# Document types a plan cites or is ("Kế hoạch số 208/KH-UBND").
DOCUMENT_TYPES = (
    "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết liên tịch", "Nghị quyết", "Nghị định",
    "Quyết định", "Chỉ thị", "Thông tư liên tịch", "Thông tư", "Công văn", "Công điện",
    "Kế hoạch", "Chương trình", "Văn bản", "Thông báo", "Hướng dẫn", "Đề án", "Kết luận",
    "Báo cáo", "Tờ trình", "Thông tri", "Quy định", "Quy chế", "Chiến lược",
)

# The type line of the plan itself, in capitals.
PLAN_TYPES = (
    "KẾ HOẠCH", "CHƯƠNG TRÌNH", "ĐỀ ÁN", "QUYẾT ĐỊNH", "CHỈ THỊ", "HƯỚNG DẪN", "BÁO CÁO",
    "THÔNG BÁO", "CÔNG VĂN", "NGHỊ QUYẾT", "CHƯƠNG TRÌNH HÀNH ĐỘNG",
)

# Words that open the legal-basis paragraph right after the title.
BASIS_OPENERS = ("Căn cứ", "Thực hiện", "Tiếp tục thực hiện", "Triển khai", "Thi hành", "Theo",
                 "Xét đề nghị", "Nhằm", "Để")

# Comparators (SPEC "comparator"). Words that only say "reach" are NEUTRAL: they are skipped
# when looking for the comparator nearest a figure, so "> đạt 90%" stays ">".
COMPARATORS: dict[str, str] = {
    "dưới": "<", "thấp hơn": "<", "ít hơn": "<", "nhỏ hơn": "<", "<": "<",
    "xuống": "<=", "còn": "<=", "xuống còn": "<=", "không quá": "<=", "không vượt quá": "<=",
    "tối đa": "<=", "không cao hơn": "<=", "không lớn hơn": "<=", "≤": "<=", "<=": "<=",
    "trên": ">", "hơn": ">", "cao hơn": ">", "lớn hơn": ">", "vượt": ">", ">": ">",
    "ít nhất": ">=", "tối thiểu": ">=", "không dưới": ">=", "không thấp hơn": ">=",
    "không ít hơn": ">=", "≥": ">=", ">=": ">=",
}
NEUTRAL_WORDS = ("đạt", "là", "bằng", "ở mức", "mức", "đạt mức", "đạt tỷ lệ", "đạt khoảng",
                 "khoảng", "phấn đấu", "phấn đấu đạt", "duy trì", "giữ", "giữ vững", "có")
# "X% trở lên" and "từ X% trở lên" are ">="; "X% trở xuống" is "<=".
SUFFIX_COMPARATORS = {"trở lên": ">=", "trở xuống": "<="}

# Direction of change, by verb.
DIRECTIONS: dict[str, str] = {
    "giảm": "decrease", "xuống": "decrease", "còn": "decrease", "hạ": "decrease",
    "tăng": "increase", "nâng": "increase", "nâng cao": "increase", "mở rộng": "increase",
    "duy trì": "maintain", "giữ vững": "maintain", "giữ": "maintain", "ổn định": "maintain",
}

# Units as written -> SPEC unit. Per-mille rates, per-10,000/100,000 rates and percentages.
RATE_UNITS: dict[str, str] = {
    "%/năm": "%/năm", "%": "%", "phần trăm": "%",
    "‰": "‰", "‰o": "‰", "p/1000": "‰", "p/1.000": "‰", "/1000": "‰", "/1.000": "‰",
    "/10.000": "/10000", "/10000": "/10000", "/100.000": "/100000", "/100000": "/100000",
}
# Money: multiplier to đồng / dollars.
MONEY_UNITS: dict[str, tuple[float, str]] = {
    "nghìn tỷ đồng": (1e12, "VND"), "ngàn tỷ đồng": (1e12, "VND"), "tỷ đồng": (1e9, "VND"),
    "triệu đồng": (1e6, "VND"), "nghìn đồng": (1e3, "VND"), "ngàn đồng": (1e3, "VND"),
    "đồng": (1.0, "VND"), "tỷ USD": (1e9, "USD"), "triệu USD": (1e6, "USD"), "USD": (1.0, "USD"),
    "tỷ VNĐ": (1e9, "VND"), "triệu VNĐ": (1e6, "VND"), "VNĐ": (1.0, "VND"), "VND": (1.0, "VND"),
}
# Physical units, kept as written.
PHYSICAL_UNITS = ("ha", "héc-ta", "km", "km2", "m2", "m3", "MW", "kW", "kWh", "GWh", "GW", "tấn",
                  "tạ", "tấn/ha", "tạ/ha", "tấn/năm", "lít", "cm", "mm", "m", "m3/ngày", "m3/ngày đêm",
                  "m3/ngày.đêm", "lần")
# Scale words between a number and its unit or counted noun: "12,5 nghìn tấn" is 12500 tấn.
SCALE_WORDS: dict[str, float] = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9}
# Denominators that make a clause a per-N rate: "trên 1.000 trẻ đẻ sống" -> ‰ for bare figures.
DENOMINATORS: dict[str, str] = {"1.000": "‰", "1000": "‰", "10.000": "/10000", "10000": "/10000",
                                "100.000": "/100000", "100000": "/100000"}

# Nouns that never make a count target: ages, durations, labels and dates ("dưới 5 tuổi").
NOT_COUNTED = ("tuổi", "tháng tuổi", "năm", "tháng", "ngày", "giờ", "phút", "quý", "tuần",
               "giai đoạn", "lần thứ", "khóa", "khoá", "nhiệm kỳ", "%", "điểm", "loại", "sao", "buổi",
               "chỉ tiêu", "mục tiêu", "mức", "mức độ", "cụ thể", "nhiệm vụ", "nhóm nhiệm vụ", "giải pháp",
               "nhóm giải pháp", "nội dung", "phần", "chương", "về", "của", "và", "cho",
               "với", "tại", "theo", "trong", "là", "được", "có", "từ", "đến", "trên", "dưới", "đạt",
               "so", "người/", "tiêu chí", "điều", "khoản", "số")

# Qualifiers after a figure ("dưới 5% đối với nông thôn") or before it ("riêng trẻ em ...").
QUALIFIER_LEADS = ("đối với", "ở khu vực", "tại khu vực", "khu vực")

# Deadline words.
RECURRENCE_WORDS: dict[str, str] = {
    "hằng năm": "yearly", "hàng năm": "yearly", "mỗi năm": "yearly", "định kỳ năm": "yearly",
    "01 năm": "yearly", "1 năm": "yearly",
    "6 tháng": "half-yearly", "06 tháng": "half-yearly", "sáu tháng": "half-yearly",
    "nửa năm": "half-yearly",
    "hằng quý": "quarterly", "hàng quý": "quarterly", "mỗi quý": "quarterly", "định kỳ quý": "quarterly",
    "hằng tháng": "monthly", "hàng tháng": "monthly", "mỗi tháng": "monthly",
}
ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Phrases that begin with an agency head word but name no agency: "Báo cáo" (a report, not
# the newspaper "Báo ..."), "Ban hành" (to issue), "Hội nghị" (a conference), "Trường hợp" (a case).
NOT_AGENCIES = ("Báo cáo", "Ban hành", "Hội nghị", "Hội thảo", "Hội thi", "Hội diễn", "Hội giảng",
                "Trường hợp", "Bộ tiêu chí", "Bộ chỉ số", "Bộ công cụ", "Bộ câu hỏi", "Bộ tài liệu",
                "Cục bộ", "Đài phát thanh" if False else "Báo chí")

# Words that start an agency name in TỔ CHỨC THỰC HIỆN ("Phòng Y tế", "UBND các xã").
AGENCY_HEADS = (
    "Sở", "Phòng", "Ban", "Văn phòng", "UBND", "Ủy ban", "Uỷ ban", "Công an", "Bộ Chỉ huy",
    "Ban Chỉ huy", "Trung tâm", "Hội", "Đoàn", "Tỉnh đoàn", "Huyện đoàn", "Thành đoàn",
    "Liên đoàn", "Mặt trận", "Bộ", "Cục", "Chi cục", "Bảo hiểm", "Ngân hàng", "Kho bạc",
    "Đài", "Báo", "Trường", "Bệnh viện", "Tòa án", "Toà án", "Viện", "Công ty", "Tổng công ty",
    "Các cơ quan", "Các sở", "Các phòng", "Các ban", "Các đơn vị", "Các tổ chức", "Các hội",
    "Các đoàn thể", "Các ngành", "Các xã", "Các địa phương", "Chủ tịch", "Thủ trưởng",
    "Hiệu trưởng", "Giám đốc", "Tổ công tác", "Tổ kiểm tra", "Đội", "Hạt", "Quỹ", "Chi nhánh",
    "Hợp tác xã", "Thanh tra", "Viễn thông", "Bưu điện", "Điện lực", "Cảng vụ", "HĐND", "Hội đồng",
    "Huyện ủy", "Thị ủy", "Thành ủy", "Tỉnh ủy", "Đảng ủy", "Cơ quan", "Người đứng đầu", "Các bộ",
)
# People and roles a unit heading may name in TỔ CHỨC THỰC HIỆN / PHÂN CÔNG NHIỆM VỤ (as written,
# capitalised): "Đồng chí Phó Chủ tịch UBND huyện", "Cán bộ văn hóa - xã hội", "Các thành viên Tiểu ban".
PERSON_HEADS = (
    "Đồng chí", "Đ/c", "Ông", "Bà", "Cán bộ", "Công chức", "Chuyên viên", "Phó Chủ tịch", "Các Phó Chủ tịch",
    "Tổ trưởng", "Tổ phó", "Trưởng đoàn", "Phó Trưởng đoàn", "Trưởng ban", "Phó Trưởng ban", "Các Phó Trưởng ban",
    "Thư ký", "Thành viên", "Các thành viên", "Các chủ đầu tư", "Chủ đầu tư", "Bộ trưởng", "Các Bộ trưởng",
    "Trưởng phòng", "Thông tấn xã",
)
# Words that hand a numbered item to a unit: "1. Giao Phòng Nội vụ ...", "3. Chính phủ trân trọng đề nghị Ban ..."
ASSIGN_WORDS = ("Giao", "Phân công", "Đề nghị", "Yêu cầu", "Trân trọng đề nghị")
# A request to a body the plan cannot command: dropped from the agency name.
REQUEST_WORDS = ("Đề nghị", "Kính đề nghị", "Đề xuất")
# Verbs that end an agency name written inline ("Sở Y tế chủ trì, phối hợp ...").
# Verbs that start the action of a deadline sentence ("... báo cáo kết quả trước ngày 20/11"),
# and the words that join an actor to it; together they end the actor ("Phòng Y tế chủ trì ...").
ACTION_VERBS = ("xây dựng", "báo cáo", "tổ chức", "gửi", "hoàn thành", "tham mưu", "triển khai", "tổng hợp",
                "sơ kết", "tổng kết", "đánh giá", "ban hành", "rà soát", "kiểm tra")
ACTOR_LINKS = ("chủ động", "có trách nhiệm", "chịu trách nhiệm", "thực hiện", "định kỳ", "căn cứ", "đôn đốc",
               "trình", "phối hợp", "chủ trì")

AGENCY_VERBS = (
    "chủ trì", "phối hợp", "có trách nhiệm", "chịu trách nhiệm", "triển khai", "thực hiện",
    "tham mưu", "căn cứ", "quan tâm", "chỉ đạo", "hướng dẫn", "tổ chức", "xây dựng", "theo dõi",
    "là cơ quan", "là đầu mối", "làm đầu mối", "chủ động", "tích cực", "tăng cường", "đẩy mạnh",
    "giúp", "được giao", "thường trực", "trong phạm vi", "bố trí", "cân đối", "kiểm tra",
    "đôn đốc", "báo cáo", "lồng ghép", "phối kết hợp", "cùng", "nghiên cứu", "rà soát", "theo chức năng", "tổng hợp",
)
LEAD_VERBS = ("chủ trì", "là cơ quan chủ trì", "là cơ quan thường trực", "làm đầu mối", "là đầu mối")
SUPPORT_VERBS = ("phối hợp", "phối kết hợp", "tham gia phối hợp")

# Titles in a signature block, in capitals ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH").
SIGNER_TITLES = (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG",
    "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "BÍ THƯ",
    "PHÓ BÍ THƯ", "HIỆU TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ", "TỔNG GIÁM ĐỐC", "CỤC TRƯỞNG",
    "PHÓ CỤC TRƯỞNG", "CHI CỤC TRƯỞNG", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "CHỦ NHIỆM", "TRƯỞNG ĐOÀN",
    "CHÁNH THANH TRA", "TRƯỞNG CÔNG AN", "CHỈ HUY TRƯỞNG", "VỤ TRƯỞNG",
)
# Bodies that issue a decision or resolution, as its authority line reads them (in capitals).
AUTHORITIES = ("HỘI ĐỒNG NHÂN DÂN", "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "CHÍNH PHỦ", "BAN THƯỜNG VỤ",
               "BAN CHẤP HÀNH", "THƯỜNG TRỰC", "BAN CHỈ ĐẠO")
# Lines of a digital-signature trailer (VGCA and the like) that end a scanned/signed file.
SIGNATURE_TRAILER_MARKS = ("VGCA", "đã ký lên văn bản", "Ký bởi", "Signature Not Verified",
                           "Thời gian ký", "Người ký:", "Cơ quan:", "Signed by", "bcy.gov.vn")
