// The one place that writes xlsx (exceljs behind an adapter: the library is unmaintained, so nothing else may
// depend on it). It turns a WorkbookModel into bytes. Every cell gets fresh style objects — exceljs shares style
// objects between cells, and a merge copies its master's style by reference — and every cell of a merged range
// gets the borders, so the printed grid has no gaps.

import ExcelJS from 'exceljs';
import { type CellStyle, type ExportFonts, FOOTER, type Merge, type SheetModel, type WorkbookModel } from '../../../shared/export/sheet.ts';

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };

function applyStyle(cell: ExcelJS.Cell, s: CellStyle, fonts: ExportFonts): void {
  const f = fonts[s.font];
  cell.font = { name: f.name, size: f.size, bold: Boolean(s.bold ?? f.bold) };
  cell.alignment = {
    horizontal: s.h,
    vertical: s.v,
    wrapText: s.wrap,
    ...(s.indent ? { indent: s.indent } : {}),
  };
  if (s.border) cell.border = { top: { ...THIN }, left: { ...THIN }, bottom: { ...THIN }, right: { ...THIN } };
  if (s.numFmt) cell.numFmt = s.numFmt;
}

/** exceljs keeps merges in a private map keyed by master address; we reach it only here. */
type WorksheetWithMerges = ExcelJS.Worksheet & { _merges: Record<string, unknown> };

/**
 * Merges ranges. exceljs checks each new merge against every earlier one (quadratic: a 5,000-project T2 has
 * ~75,000 merges and would take hours), so we check overlaps ourselves in one pass over the covered cells and
 * let exceljs merge each range against an empty map, then put the map back together.
 */
function addMerges(ws: ExcelJS.Worksheet, merges: readonly Merge[]): void {
  const covered = new Set<number>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        const key = r * 1024 + c;
        if (covered.has(key)) throw new Error(`overlapping merges at row ${r}, column ${c}`);
        covered.add(key);
      }
    }
  }
  const w = ws as WorksheetWithMerges;
  const all: Record<string, unknown> = { ...w._merges };
  for (const m of merges) {
    w._merges = {};
    ws.mergeCellsWithoutStyle(m.top, m.left, m.bottom, m.right);
    Object.assign(all, w._merges);
  }
  w._merges = all;
}

function writeSheet(wb: ExcelJS.Workbook, sheet: SheetModel, fonts: ExportFonts): void {
  const ws = wb.addWorksheet(sheet.name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: sheet.print.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { ...sheet.print.margins },
    },
    headerFooter: { oddFooter: `&C${FOOTER}`, evenFooter: `&C${FOOTER}` },
    views: [{ showGridLines: false }],
  });
  ws.columns = sheet.columns.map((width) => ({ width }));
  sheet.rowHeights.forEach((h, i) => {
    ws.getRow(i + 1).height = h;
  });
  const styleAt = new Map<string, CellStyle>();
  for (const c of sheet.cells) {
    const cell = ws.getCell(c.row, c.col);
    // Text is written as a plain string: exceljs makes formulas only from {formula}, so "=…" stays text.
    cell.value = c.value === '' ? null : c.value;
    styleAt.set(`${c.row}:${c.col}`, c.style);
  }
  addMerges(ws, sheet.merges);
  for (const c of sheet.cells) applyStyle(ws.getCell(c.row, c.col), c.style, fonts);
  for (const m of sheet.merges) {
    const s = styleAt.get(`${m.top}:${m.left}`);
    if (!s) continue;
    for (let r = m.top; r <= m.bottom; r++) {
      for (let col = m.left; col <= m.right; col++) {
        if (r !== m.top || col !== m.left) applyStyle(ws.getCell(r, col), s, fonts);
      }
    }
  }
  if (sheet.print.titleRows) ws.pageSetup.printTitlesRow = `${sheet.print.titleRows[0]}:${sheet.print.titleRows[1]}`;
  for (const r of sheet.print.pageBreaksAfter) ws.getRow(r).addPageBreak();
}

export async function workbookToBuffer(model: WorkbookModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效目标表编辑器';
  wb.created = new Date();
  for (const sheet of model.sheets) writeSheet(wb, sheet, model.fonts);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
