"""`keoach parse --format summary`: a human view (rich), imported only when asked for."""
from __future__ import annotations


from .output import stdout_console


def print_summary(plan: dict) -> None:
    from rich.tree import Tree

    console = stdout_console()
    d = plan["document"]
    console.print(f"[bold]{d.get('type') or 'Văn bản'}[/bold] {d.get('number') or '(không số)'} — {d.get('title') or ''}")
    console.print(f"{d.get('place') or '?'}, {d.get('date') or 'không ngày'}; ký: "
                  f"{(d.get('signer') or {}).get('name') or '?'} ({(d.get('signer') or {}).get('title') or ''})")
    tree = Tree("sections")

    def add(node, sections):
        for s in sections:
            if s["number"] in ("-", "+", "•"):
                continue
            branch = node.add(f"{s['number'] or ''} {s['title'][:80]} [dim]({s['kind']}, l.{s['start_line']})[/dim]")
            add(branch, s["children"])
    add(tree, plan["sections"])
    console.print(tree)
    n_targets = sum(len(i["targets"]) for i in plan["indicators"])
    console.print(f"{len(plan['indicators'])} indicators, {n_targets} targets, {len(plan['assignments'])} units, "
                  f"{len(plan['deadlines'])} deadlines, {len(d['references'])} references")
    for w in plan["warnings"]:
        console.print(f"[yellow]warning[/yellow] {w['code']} (line {w.get('line')}): {w['message']}")
