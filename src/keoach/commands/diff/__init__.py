"""`keoach diff`: command.py (options), compare.py (alignment and verdicts), view.py (table, Markdown)."""
