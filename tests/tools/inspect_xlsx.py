"""An independent reader for exported workbooks (openpyxl, not exceljs, which writes them).

Prints one JSON document: per sheet its print setup, merged ranges and every non-empty cell with row height, font,
number format, wrap, borders and value type. The tests compare it with what the templates require, so a fault in
our exceljs adapter cannot hide behind the same library reading its own output back.

Run with Debian's interpreter (/usr/bin/python3), where python3-openpyxl is installed.
"""
import json
import sys

from openpyxl import load_workbook


def cell_facts(ws, c):
    b = c.border
    edges = [name for name, side in (("l", b.left), ("r", b.right), ("t", b.top), ("b", b.bottom)) if side is not None and side.style]
    value = c.value
    return {
        "ref": c.coordinate,
        "height": ws.row_dimensions[c.row].height,
        "font": {"name": c.font.name, "size": c.font.sz, "bold": bool(c.font.b)},
        "fmt": c.number_format,
        "wrap": bool(c.alignment.wrap_text),
        "border": "".join(edges),
        "type": type(value).__name__,
        "value": value if isinstance(value, (str, int, float)) else str(value),
    }


def sheet_facts(ws):
    ps = ws.page_setup
    return {
        "name": ws.title,
        "paper": ps.paperSize,
        "orientation": ps.orientation,
        "printTitles": ws.print_title_rows,
        "footer": ws.oddFooter.center.text,
        "rowBreaks": [b.id for b in ws.row_breaks.brk],
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "cells": [cell_facts(ws, c) for row in ws.iter_rows() for c in row if c.value is not None],
    }


def main(path):
    wb = load_workbook(path)
    json.dump([sheet_facts(ws) for ws in wb.worksheets], sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
