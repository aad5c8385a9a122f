// Reading exported workbooks back, twice: with exceljs (the library we write with) and with the independent
// reader tests/tools/inspect_xlsx.py (openpyxl), so a fault of our adapter cannot hide behind the same library.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT } from './helpers.ts';

/** Debian's interpreter, where python3-openpyxl lives (a pyenv `python3` on PATH may lack it). */
const PYTHON = process.env.JXMB_PYTHON ?? '/usr/bin/python3';

// exceljs re-checks every merge against all earlier ones while reading (quadratic in the number of merges: a
// stacked T2 of 1,500 projects takes minutes). The tests read merges against an empty map and put it together.
type MergeParsing = { _merges: Record<string, unknown>; mergeCellsWithoutStyle(range: string): void };
const worksheetProto = Object.getPrototypeOf(new ExcelJS.Workbook().addWorksheet('x')) as {
  _parseMergeCells(this: MergeParsing, model: { mergeCells?: string[] }): void;
};
worksheetProto._parseMergeCells = function (this: MergeParsing, model) {
  const all: Record<string, unknown> = { ...this._merges };
  for (const range of model.mergeCells ?? []) {
    this._merges = {};
    this.mergeCellsWithoutStyle(range);
    Object.assign(all, this._merges);
  }
  this._merges = all;
};

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

export function text(ws: ExcelJS.Worksheet, ref: string | [number, number]): string {
  const cell = typeof ref === 'string' ? ws.getCell(ref) : ws.getCell(ref[0], ref[1]);
  const v = cell.value;
  return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export interface InspectedCell {
  ref: string;
  height: number | null;
  /** `宋体,11.0,b`: name, size, and `b` when bold. */
  font: string;
  fmt: string;
  wrap: boolean;
  /** The edges that have a border, of `lrtb`. */
  border: string;
  /** openpyxl's value type: `str`, `int`, `float`. */
  type: string;
  value: string;
}

export interface InspectedSheet {
  name: string;
  paper: string;
  orientation: string;
  printTitles: string;
  footer: string;
  rowBreaks: number[];
  merged: string[];
  cells: Map<string, InspectedCell>;
}

interface RawSheet {
  name: string;
  paper: number | null;
  orientation: string | null;
  printTitles: string | null;
  footer: string | null;
  rowBreaks: number[];
  merged: string[];
  cells: {
    ref: string;
    height: number | null;
    font: { name: string; size: number; bold: boolean };
    fmt: string;
    wrap: boolean;
    border: string;
    type: string;
    value: string | number;
  }[];
}

const INSPECT_SCRIPT = path.join(ROOT, 'tests/tools/inspect_xlsx.py');

/** Reads a workbook with our own openpyxl script (tests/tools/inspect_xlsx.py). */
export function inspect(file: string): InspectedSheet[] {
  const r = spawnSync(PYTHON, [INSPECT_SCRIPT, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`inspect_xlsx.py failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as RawSheet[]).map((s) => ({
    name: s.name,
    paper: String(s.paper ?? ''),
    orientation: s.orientation ?? '',
    printTitles: s.printTitles ?? '',
    footer: s.footer ?? '',
    rowBreaks: s.rowBreaks,
    merged: s.merged,
    cells: new Map(
      s.cells.map((c) => [
        c.ref,
        {
          ref: c.ref,
          height: c.height,
          font: `${c.font.name},${c.font.size.toFixed(1)}${c.font.bold ? ',b' : ''}`,
          fmt: c.fmt,
          wrap: c.wrap,
          border: c.border || '-',
          type: c.type,
          value: String(c.value),
        },
      ]),
    ),
  }));
}

/** Manual page breaks of the first sheet (rows after which a new page starts), read by openpyxl. */
export function rowBreaks(file: string): number[] {
  return inspect(file)[0]?.rowBreaks ?? [];
}
