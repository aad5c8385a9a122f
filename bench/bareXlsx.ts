// The export baseline: exceljs' streaming writer putting the very cells, merges, styles, row heights, page setup
// and page breaks of a workbook model into a file, with nothing else around it. Merges are pushed onto the writer's
// list directly: its mergeCells compares each new merge with every earlier one, which no writer needs to do.

import ExcelJS from 'exceljs';
import { columnLetters } from '../shared/import/sheetGrid.ts';
import { FOOTER, type CellStyle, type ExportFonts, type WorkbookModel } from '../shared/export/sheet.ts';

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };

function styleOf(s: CellStyle, fonts: ExportFonts): Partial<ExcelJS.Style> {
  const f = fonts[s.font];
  return {
    font: { name: f.name, size: f.size, bold: Boolean(s.bold ?? f.bold) },
    alignment: { horizontal: s.h, vertical: s.v, wrapText: s.wrap, ...(s.indent ? { indent: s.indent } : {}) },
    ...(s.border ? { border: { top: THIN, left: THIN, bottom: THIN, right: THIN } } : {}),
    ...(s.numFmt ? { numFmt: s.numFmt } : {}),
  };
}

type StreamSheet = ExcelJS.Worksheet & { _merges: string[] };

export async function writeModelBare(model: WorkbookModel, file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      pageSetup: { paperSize: 9, orientation: sheet.print.orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { ...sheet.print.margins } },
      headerFooter: { oddFooter: `&C${FOOTER}`, evenFooter: `&C${FOOTER}` },
      views: [{ showGridLines: false }],
    }) as StreamSheet;
    ws.columns = sheet.columns.map((width) => ({ width }));
    if (sheet.print.titleRows) ws.pageSetup.printTitlesRow = `${sheet.print.titleRows[0]}:${sheet.print.titleRows[1]}`;
    // Every cell of a merged range carries its master's style (the borders must be on all of them).
    const styleAt = new Map<number, Partial<ExcelJS.Style>>();
    for (const c of sheet.cells) styleAt.set(c.row * 1024 + c.col, styleOf(c.style, model.fonts));
    for (const m of sheet.merges) {
      const s = styleAt.get(m.top * 1024 + m.left);
      if (!s) continue;
      for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (!styleAt.has(r * 1024 + c)) styleAt.set(r * 1024 + c, s);
      ws._merges.push(`${columnLetters(m.left)}${m.top}:${columnLetters(m.right)}${m.bottom}`);
    }
    const values = new Map<number, string | number | null>();
    for (const c of sheet.cells) values.set(c.row * 1024 + c.col, c.value === '' ? null : c.value);
    const breaks = new Set(sheet.print.pageBreaksAfter);
    for (let r = 1; r <= sheet.rowHeights.length; r++) {
      const row = ws.getRow(r);
      row.height = sheet.rowHeights[r - 1] as number;
      for (let c = 1; c <= sheet.columns.length; c++) {
        const s = styleAt.get(r * 1024 + c);
        if (!s) continue;
        const cell = row.getCell(c);
        cell.value = values.get(r * 1024 + c) ?? null;
        cell.style = s;
      }
      if (breaks.has(r)) row.addPageBreak();
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
}
