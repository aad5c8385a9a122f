// The 导出 dialog's job: one or more of the three tables in one go. Every workbook is made in memory first (with
// progress, and a cancel point between steps); only then are the targets checked — all of them, before any is
// written — and the files put in place, each atomically. A cancel before that moment leaves no file at all; the
// officer's choices are remembered in the year file for next time.

import path from 'node:path';
import type { ExportChoices, ExportDefaults, ExportFileResult, ExportJobResult } from '../../shared/api.ts';
import { UserError } from '../../shared/errors.ts';
import { TEMPLATE_LABEL, type TemplateId, buildWorkbook } from '../../shared/export/workbook.ts';
import { defaultSummaryStyle } from '../../shared/model.ts';
import type { JobContext } from './jobs.ts';
import { checkExportTarget } from './xlsx/exportYear.ts';
import { writeFileAtomic } from './files.ts';
import type { YearStore } from './store/yearStore.ts';
import { workbookToBuffer } from './xlsx/writeWorkbook.ts';

const CHOICES_KEY = 'export_choices';

const FILE_STEM: Readonly<Record<TemplateId, string>> = {
  summary: '项目支出绩效目标表',
  project: '项目绩效目标表',
  overall: '部门整体预算绩效目标表',
};

/** `2024年项目支出绩效目标表.xlsx`: what the file of each table is called unless the officer says otherwise. */
export function defaultFileName(template: TemplateId, fiscalYear: number): string {
  return `${fiscalYear}年${FILE_STEM[template]}.xlsx`;
}

export function exportDefaults(store: YearStore): ExportDefaults {
  const info = store.info();
  const tables = new Set<TemplateId>();
  if (store.db.prepare('SELECT 1 FROM project LIMIT 1').get()) {
    tables.add('summary');
    tables.add('project');
  }
  if (store.db.prepare('SELECT 1 FROM overall LIMIT 1').get()) tables.add('overall');
  const saved = readChoices(store);
  const choices: ExportChoices = saved ?? {
    tables: [...tables],
    style: defaultSummaryStyle(info),
    layout: 'stacked',
    fontNames: {},
    dir: path.dirname(store.path),
  };
  return {
    choices,
    available: [...tables],
    names: {
      summary: defaultFileName('summary', info.fiscalYear),
      project: defaultFileName('project', info.fiscalYear),
      overall: defaultFileName('overall', info.fiscalYear),
    },
  };
}

function readChoices(store: YearStore): ExportChoices | null {
  const raw = store.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(CHOICES_KEY) as string | undefined;
  if (!raw) return null;
  try {
    return JSON.parse(raw) as ExportChoices;
  } catch {
    return null;
  }
}

/** Remembered quietly: not an edit of the year, so not an undo step. */
function saveChoices(store: YearStore, choices: ExportChoices): void {
  if (store.readonly) return;
  store.db
    .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(CHOICES_KEY, JSON.stringify(choices));
}

export interface ExportRequest extends ExportChoices {
  names?: Partial<Record<TemplateId, string>>;
  overwrite?: boolean;
  /** Browser mode: hand the files to the page (the browser's download) instead of writing them into `dir`. */
  download?: boolean;
}

export async function runExport(store: YearStore, req: ExportRequest, ctx: JobContext): Promise<ExportJobResult> {
  if (req.tables.length === 0) throw new UserError('请至少选择一种要导出的表格');
  const year = store.read();
  const info = store.info();
  const steps = req.tables.length + 1;
  const made: { template: TemplateId; name: string; bytes: Buffer; sheets: string[]; notes: string[] }[] = [];
  for (const [i, template] of req.tables.entries()) {
    ctx.progress(i, steps, `正在生成${TEMPLATE_LABEL[template]}（${i + 1}/${req.tables.length}）`);
    await ctx.checkpoint();
    const model = buildWorkbook(year, {
      template,
      ...(template === 'summary' ? { style: req.style } : {}),
      ...(template === 'project' ? { layout: req.layout } : {}),
      fontNames: req.fontNames,
    });
    await ctx.checkpoint();
    const bytes = await workbookToBuffer(model);
    const name = (req.names?.[template] ?? '').trim() || defaultFileName(template, info.fiscalYear);
    made.push({ template, name: name.toLowerCase().endsWith('.xlsx') ? name : `${name}.xlsx`, bytes, sheets: model.sheets.map((s) => s.name), notes: model.notes });
  }
  await ctx.checkpoint();
  ctx.progress(req.tables.length, steps, '正在写入文件');
  const choices: ExportChoices = { tables: req.tables, style: req.style, layout: req.layout, fontNames: req.fontNames, dir: req.dir };
  if (req.download) {
    saveChoices(store, choices);
    return { files: made.map((m) => ({ template: m.template, name: m.name, path: null, bytes: m.bytes.length, sheets: m.sheets, notes: m.notes, base64: m.bytes.toString('base64') })) };
  }
  // Every target is checked before the first is written: an export is all the files or none.
  const targets = made.map((m) => ({ ...m, path: path.join(req.dir, m.name) }));
  const existing: string[] = [];
  for (const t of targets) {
    try {
      checkExportTarget(t.path, { overwrite: req.overwrite ?? false });
    } catch (e) {
      if (e instanceof UserError && e.code === 'target-exists') existing.push(t.name);
      else throw e;
    }
  }
  if (existing.length > 0) {
    throw new UserError(`文件夹中已有同名文件：${existing.join('、')}。要替换它们吗？`, existing, 'target-exists');
  }
  const files: ExportFileResult[] = [];
  for (const t of targets) {
    writeFileAtomic(t.path, t.bytes, { overwrite: req.overwrite ?? false });
    files.push({ template: t.template, name: t.name, path: t.path, bytes: t.bytes.length, sheets: t.sheets, notes: t.notes });
  }
  saveChoices(store, choices);
  ctx.progress(steps, steps, '已完成');
  return { files };
}
