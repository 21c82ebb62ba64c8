"""keoach: Vietnamese government plans (Kế hoạch) as data.

>>> plan = parse_text("KẾ HOẠCH\\nI. MỤC TIÊU\\n- Chỉ tiêu 1: Tỷ lệ hộ nghèo giảm xuống dưới 2% vào năm 2025.")
>>> [(t.value, t.unit, t.comparator, t.year) for t in plan.indicators[0].targets]
[(2.0, '%', '<', 2025)]
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["parse_file", "parse_text", "Plan", "KeoachError", "__version__"]

_LAZY = {"parse_file": ".parse", "parse_text": ".parse", "Plan": ".model", "KeoachError": ".errors"}


def __getattr__(name: str):
    """The public names load on first use, so `keoach --version` imports nothing heavy (PEP 562)."""
    if name in _LAZY:
        import importlib
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'keoach' has no attribute {name!r}")
