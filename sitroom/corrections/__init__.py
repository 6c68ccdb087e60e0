"""Analyst corrections, kept apart from machine output (docs/web.md, "Corrections").

`statements.py` stores them (table `corrections`: one row per statement, with author, time,
reason and the machine's value; undo marks a row undone, nothing is deleted); `overlay.py`
applies those in force when the core object reads claims, sources and measures.
"""
