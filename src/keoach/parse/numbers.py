"""Numbers in Vietnamese notation: "." groups thousands, "," marks decimals.

>>> parse_number("15,10"), parse_number("1.000"), parse_number("2.989,5"), parse_number("05")
(15.1, 1000.0, 2989.5, 5.0)
>>> parse_number("1,0"), parse_number("1.5")
(1.0, 1.5)
"""
from __future__ import annotations


from . import rx

# 2 | 15,10 | 1.000 | 100.000 | 2.989,5 | 1.5 (a lone "." before 1-2 digits can only be a decimal)
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
# NUMBER after its first digit, same alternatives in the same order: r"\d(?:NUMBER_REST)" is NUMBER
# for a pattern that must start with the digit itself (so the engine scans for digits)
NUMBER_REST = r"\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:[,.]\d+)?"
_THOUSANDS = rx.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def parse_number(raw: str) -> float:
    """Value of a figure as written in a plan; raises ValueError on anything else."""
    if raw.isdecimal():                 # digits only (what \d matches): most figures and years
        return float(raw)
    s = raw.strip().replace(" ", "")
    if _THOUSANDS.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    if s.count(",") + s.count(".") > 1:
        raise ValueError(f"not a Vietnamese number: {raw!r}")
    return float(s.replace(",", "."))


def format_number(value: float) -> str:
    """Write a value back in Vietnamese notation (the inverse of parse_number for plain values).

    >>> format_number(1000), format_number(15.1), format_number(2989.5)
    ('1.000', '15,1', '2.989,5')
    """
    whole, _, frac = f"{value:.6f}".rstrip("0").rstrip(".").partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + ".".join(groups) + ("," + frac if frac else "")
