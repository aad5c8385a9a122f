// Chooses the template layout and options for an export; pure, so the CLI, the app and the tests build the very
// same workbook model.

import { UserError } from '../errors.ts';
import { FRAMEWORKS } from '../frameworks.ts';
import { defaultSummaryStyle, type SummaryStyle, type YearData } from '../model.ts';
import { DEFAULT_FONTS, type ExportFonts, type WorkbookModel } from './sheet.ts';
import { buildT1 } from './t1Summary.ts';
import { buildT2, type T2Layout } from './t2Project.ts';
import { buildT3 } from './t3Overall.ts';

export type TemplateId = 'summary' | 'project' | 'overall';
export const TEMPLATE_LABEL: Readonly<Record<TemplateId, string>> = {
  summary: '项目支出绩效目标表（T1）',
  project: '项目绩效目标表（T2）',
  overall: '部门整体预算绩效目标表（T3）',
};

export interface ExportOptions {
  template: TemplateId;
  /** T1 绩效指标 grammar; default: the one the data was imported with, else B. */
  style?: SummaryStyle;
  /** T2: all projects stacked on one sheet (default) or one sheet each. */
  layout?: T2Layout;
  /** Font names per role; sizes stay the template's. */
  fontNames?: Partial<Record<keyof ExportFonts, string>>;
  /** T3 title instead of `{年}年市级部门整体预算绩效目标表`. */
  title?: string;
}

export function exportFonts(names: ExportOptions['fontNames'] = {}): ExportFonts {
  return {
    title: { ...DEFAULT_FONTS.title, ...(names.title ? { name: names.title } : {}) },
    header: { ...DEFAULT_FONTS.header, ...(names.header ? { name: names.header } : {}) },
    body: { ...DEFAULT_FONTS.body, ...(names.body ? { name: names.body } : {}) },
  };
}

export function buildWorkbook(year: YearData, opts: ExportOptions): WorkbookModel {
  const fonts = exportFonts(opts.fontNames);
  const fw = FRAMEWORKS[year.framework];
  const { sheets, notes } =
    opts.template === 'summary'
      ? { sheets: buildT1(year, fw, opts.style ?? defaultSummaryStyle(year), fonts), notes: [] }
      : opts.template === 'project'
        ? buildT2(year, opts.layout ?? 'stacked', fonts)
        : { sheets: buildT3(year, fonts, opts.title), notes: [] };
  if (sheets.length === 0) {
    throw new UserError(
      opts.template === 'overall'
        ? '年度文件中没有部门整体绩效目标，无法导出部门整体预算绩效目标表'
        : `年度文件中没有项目，无法导出${TEMPLATE_LABEL[opts.template]}`,
    );
  }
  for (const sheet of sheets) {
    const long = sheet.cells.find((c) => typeof c.value === 'string' && c.value.length > EXCEL_CELL_LIMIT);
    if (long) {
      throw new UserError(
        `工作表“${sheet.name}”第 ${long.row} 行有 ${String(long.value).length} 字的内容，超过 Excel 单元格 ${EXCEL_CELL_LIMIT} 字的上限，Excel 会截断它。请先缩短（审核会指出是哪一项），未导出`,
      );
    }
  }
  return { sheets, fonts, notes };
}

/** Excel keeps at most this many characters in a cell and cuts the rest. */
export const EXCEL_CELL_LIMIT = 32_767;
