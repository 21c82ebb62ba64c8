"""keoach: Vietnamese government plans (Kế hoạch) as data.

>>> plan = parse_text("KẾ HOẠCH\\nI. MỤC TIÊU\\n- Chỉ tiêu 1: Tỷ lệ hộ nghèo giảm xuống dưới 2% vào năm 2025.")
>>> [(t.value, t.unit, t.comparator, t.year) for t in plan.indicators[0].targets]
[(2.0, '%', '<', 2025)]
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import KeoachError
from .model import Plan
from .parse import parse_file, parse_text

__all__ = ["parse_file", "parse_text", "Plan", "KeoachError", "__version__"]
