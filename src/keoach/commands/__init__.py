"""The command line, one package per command a user types: `commands/parse/`, `commands/diff/`,
`commands/deadlines/` (each: `command.py` turns options into a call, the rest is that command's
own logic and views). `app.py` is the typer app and what the commands share: reading inputs,
standard input, one-line failures. Nothing here is imported by the library (keoach.diff and
keoach.deadlines use the logic modules, never typer)."""
