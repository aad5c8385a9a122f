// A workbook as the templates describe it, independent of any xlsx library: cells with a style role, merges,
// column widths, row heights and print setup. The template layouts (t1/t2/t3) build these; the core's exceljs
// adapter writes them. Keeping this pure lets the layout — including row heights — be tested without files.

export type FontRole = 'title' | 'header' | 'body';

export interface FontSpec {
  name: string;
  size: number;
  bold?: boolean;
}

/** Fonts per role; offices differ, so every name and size can be changed. */
export interface ExportFonts {
  title: FontSpec;
  header: FontSpec;
  body: FontSpec;
}

export const DEFAULT_FONTS: ExportFonts = {
  title: { name: '方正小标宋简体', size: 18 },
  header: { name: '宋体', size: 11, bold: true },
  body: { name: '宋体', size: 10 },
};

export type HAlign = 'left' | 'center' | 'right';

export interface CellStyle {
  font: FontRole;
  bold?: boolean;
  h: HAlign;
  v: 'top' | 'middle';
  wrap: boolean;
  border: boolean;
  /** Excel number format for numeric cells. */
  numFmt?: string;
  /** Indent level (left-aligned text), e.g. project names under their unit. */
  indent?: number;
}

export interface SheetCell {
  /** 1-based row and column. */
  row: number;
  col: number;
  /** Text stays text (never a formula); numbers are written as numbers with the style's format. */
  value: string | number | null;
  style: CellStyle;
}

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface PrintSetup {
  orientation: 'portrait' | 'landscape';
  /** Rows repeated at the top of every printed page, 1-based inclusive. */
  titleRows: [number, number] | null;
  /** Rows after which a new page starts (between project blocks). */
  pageBreaksAfter: number[];
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

export interface SheetModel {
  name: string;
  /** Column widths in Excel character units. */
  columns: number[];
  cells: SheetCell[];
  merges: Merge[];
  /** Row heights in points, index 0 = row 1. */
  rowHeights: number[];
  print: PrintSetup;
}

export interface WorkbookModel {
  sheets: SheetModel[];
  fonts: ExportFonts;
  /** What the officer is told about the layout (a department split over several sheets to stay within Excel's limits). */
  notes: string[];
}

/** Money in 万元 with grouping; zero prints blank (the T1/T2 templates leave zero columns empty). */
export const MONEY_BLANK_ZERO = '#,##0.00;-#,##0.00;""';
/** Money with grouping, zero shown. */
export const MONEY = '#,##0.00';
/** Money as the department table (T3) prints it: no grouping. */
export const MONEY_PLAIN = '0.00';

/** The page footer every template gets. `&P`/`&N` are Excel's page number and page count. */
export const FOOTER = '第 &P 页 共 &N 页';

export const A4_MARGINS = { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique within the workbook. */
export function sheetName(wanted: string, taken: ReadonlySet<string>): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || '表';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, 31 - String(i).length - 2)}(${i})`;
  return name;
}
