"""`keoach parse`: command.py (options), batch.py (many files in a process pool), summary.py (the
Vietnamese view). The parser itself is the library's `keoach.parse`."""
