"""Cells copied from an input file into an output file, made inert: a spreadsheet must not run a cell of
skipped_rows.csv as a formula (`=cmd|…`, `=HYPERLINK(…)`), and summary.md must not carry HTML (`<script>`)
from a cell into a page that renders the Markdown."""

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value):
    """`value` for a CSV cell: text a spreadsheet would read as a formula gets a leading apostrophe (OWASP's
    advice); numbers (also negative ones) and other text stay as they are."""
    if not isinstance(value, str) or not value or _NUMBER.fullmatch(value):
        return value
    if value.startswith(FORMULA_START) or value.lstrip().startswith(("=", "+", "@")):
        return "'" + value
    return value


def markdown_cell(text):
    """`text` for a Markdown table cell: HTML's special characters as entities (the rendered text is unchanged),
    the column separator escaped, one line."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"[\r\n]+", " ", text).replace("|", "\\|")
