"""`keoach diff A B`: what changed from plan A to plan B (compare.py aligns, view.py shows)."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ...writers import write
from ..app import STDIN, Output, Quiet, Verbose, _resolve, app, fail, load_plan


class DiffFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"


@app.command()
def diff(
    a: Annotated[Path, typer.Argument(help="Plan A (file, JSON from keoach parse, or '-').")],
    b: Annotated[Path, typer.Argument(help="Plan B, compared against A ('-': standard input).")],
    fmt: Annotated[Optional[DiffFormat], typer.Option("--format", "-f", help="table (default), json, md.",
                                                      show_default=False)] = None,
    only: Annotated[Optional[str], typer.Option("--only", help="Comma list of: targets, sections, assignments, "
                                                                "deadlines, document.")] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Least similarity for a pair by meaning.")] = 0.35,
    show_same: Annotated[bool, typer.Option("--all", help="Also list unchanged targets.")] = False,
    output: Output = None,
    pdf_engine: Annotated[str, typer.Option("--pdf-engine", help="pdfium (default) or pdfplumber.")] = "pdfium",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds allowed to read each plan, and to compare them.")] = 120.0,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """What changed from plan A to plan B, target by target. Exit 0: no differences, 1: differences.

    Example: keoach diff province-plan.pdf district-plan.docx --only targets
    """
    from ...model.diff import PARTS
    form, dest = _resolve("diff", fmt.value if fmt else None, output)
    if a == STDIN and b == STDIN:
        fail("only one of A and B can be '-' (standard input)")
    parts = set(PARTS)
    if only:
        parts = {p.strip() for p in only.split(",") if p.strip()}
        unknown = parts - set(PARTS)
        if unknown:
            fail(f"--only: unknown part {', '.join(sorted(unknown))} (use {', '.join(PARTS)})")
    if not 0 <= threshold <= 1:
        fail("--threshold must be between 0 and 1")
    if not timeout >= 0:
        fail("--timeout must be a number of seconds (0 or inf: no limit)")
    from ...errors import KeoachError
    from ...run import _time_limit
    from .compare import compare_plans
    plan_a, plan_b = load_plan(a, pdf_engine, timeout), load_plan(b, pdf_engine, timeout)
    try:
        with _time_limit(timeout, f"{a} vs {b}"):
            result = compare_plans(plan_a, plan_b, threshold).only(parts)
    except KeoachError as e:
        fail(str(e))
    write(form, dest, result, show_same=show_same)
    raise typer.Exit(1 if any(result.counts().values()) else 0)
