"""`keoach deadlines`: command.py (options), agenda.py (occurrences, windows, iCalendar), view.py
(table, CSV, JSON)."""
