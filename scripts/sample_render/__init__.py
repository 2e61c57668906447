"""Render a ProgressSheet JSON (the contract) into the files cities publish: a municipal-CMS
HTML page and an Excel workbook, so that the JSON is the expected answer for each rendering.

Used by ``scripts/make_samples.py``; deterministic (same bytes on every run).
"""
