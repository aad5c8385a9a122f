// Reading exported workbooks back, twice: with exceljs (the library we write with) and with the independent
// reader ../shared/tools/xlsx-inspect (openpyxl), so a fault of our adapter cannot hide behind the same library.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT } from './helpers.ts';

export const XLSX_INSPECT = process.env.XLSX_INSPECT ?? path.resolve(ROOT, '../shared/tools/xlsx-inspect');

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
  font: string;
  fmt: string;
  wrap: string;
  border: string;
  type: string;
  value: string;
}

export interface InspectedSheet {
  header: string;
  paper: string;
  orientation: string;
  printTitles: string;
  footer: string;
  merged: string[];
  cells: Map<string, InspectedCell>;
}

/** Runs xlsx-inspect and parses what it prints. */
export function inspect(file: string): InspectedSheet[] {
  if (!fs.existsSync(XLSX_INSPECT)) throw new Error(`xlsx-inspect not found at ${XLSX_INSPECT}`);
  const r = spawnSync(XLSX_INSPECT, [file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`xlsx-inspect failed: ${r.stderr}`);
  const sheets: InspectedSheet[] = [];
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('== sheet ')) {
      const pick = (key: string) => new RegExp(`${key}=('[^']*'|None|\\S+)`).exec(line)?.[1]?.replace(/^'|'$/g, '') ?? '';
      sheets.push({
        header: line,
        paper: pick('paper'),
        orientation: pick('orientation'),
        printTitles: pick('print_titles'),
        footer: pick('footer'),
        merged: [],
        cells: new Map(),
      });
      continue;
    }
    const sheet = sheets[sheets.length - 1];
    if (!sheet) continue;
    if (line.startsWith('merged: ')) {
      sheet.merged = line.slice(8) === '-' ? [] : line.slice(8).split(' ');
      continue;
    }
    const parts = line.split('\t');
    if (parts.length < 8 || !/^[A-Z]+\d+$/.test(parts[0] ?? '')) continue;
    const [ref, h, font, fmt, wrap, border, type, ...rest] = parts as string[];
    sheet.cells.set(ref as string, {
      ref: ref as string,
      height: h === 'h=None' ? null : Number((h as string).slice(2)),
      font: font as string,
      fmt: (fmt as string).slice(4),
      wrap: (wrap as string).slice(5),
      border: (border as string).slice(7),
      type: type as string,
      value: rest.join('\t'),
    });
  }
  return sheets;
}

/** Manual page breaks of the first sheet (rows after which a new page starts), read by openpyxl. */
export function rowBreaks(file: string): number[] {
  const script = 'import sys\nfrom openpyxl import load_workbook\nws = load_workbook(sys.argv[1]).worksheets[0]\nprint(" ".join(str(b.id) for b in ws.row_breaks.brk))';
  const r = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openpyxl failed: ${r.stderr}`);
  return r.stdout.trim() === '' ? [] : r.stdout.trim().split(' ').map(Number);
}
