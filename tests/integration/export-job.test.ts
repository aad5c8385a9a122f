// The 导出 dialog's job through the handler map: several tables in one go, all files or none, the last choices kept
// in the year file, a refusal to replace that names every existing file, and a cancel that leaves nothing behind.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/api/handlers.ts';
import type { ExportJobResult } from '../../shared/api.ts';
import { appWithSeed, sha256 } from './helpers.ts';

const request = (dir: string, more: Record<string, unknown> = {}) => ({
  tables: ['summary', 'project'] as ('summary' | 'project' | 'overall')[],
  style: 'B' as const,
  layout: 'stacked' as const,
  fontNames: { body: '仿宋' },
  dir,
  ...more,
});

describe('the export job', () => {
  it('writes every chosen table, readable by exceljs, and remembers the choices in the year file', async () => {
    const { s, root } = await appWithSeed('002');
    const out = path.join(root, '导出');
    fs.mkdirSync(out);
    const job = invoke(s, 'export.start', request(out, { names: { summary: '青岛T1' } }));
    const done = await s.jobs.wait(job.id);
    expect(done.status).toBe('done');
    const result = done.result as ExportJobResult;
    expect(result.files.map((f) => f.name)).toEqual(['青岛T1.xlsx', '2023年项目绩效目标表.xlsx']);
    expect(fs.readdirSync(out).sort()).toEqual(['2023年项目绩效目标表.xlsx', '青岛T1.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, '2023年项目绩效目标表.xlsx'));
    expect(String(wb.worksheets[0]?.getCell('A1').value)).toContain('绩效目标表');
    expect(wb.worksheets[0]?.getCell('A3').font?.name).toBe('仿宋');
    const defaults = invoke(s, 'export.defaults', {});
    expect(defaults.choices).toEqual({ tables: ['summary', 'project'], style: 'B', layout: 'stacked', fontNames: { body: '仿宋' }, dir: out });
    // Remembering the choices is not an edit: nothing to undo.
    expect(invoke(s, 'history.state', {}).undo).toEqual(['载入 seed-002.json']);
    s.closeYear();
  });

  it('refuses to replace existing files unless asked, naming each, and writes none of the tables', async () => {
    const { s, root } = await appWithSeed('002');
    fs.writeFileSync(path.join(root, '2023年项目绩效目标表.xlsx'), 'old');
    const done = await s.jobs.wait(invoke(s, 'export.start', request(root)).id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'target-exists', details: ['2023年项目绩效目标表.xlsx'] });
    expect(fs.existsSync(path.join(root, '2023年项目支出绩效目标表.xlsx'))).toBe(false);
    expect(fs.readFileSync(path.join(root, '2023年项目绩效目标表.xlsx'), 'utf8')).toBe('old');
    const again = await s.jobs.wait(invoke(s, 'export.start', request(root, { overwrite: true })).id);
    expect(again.status).toBe('done');
    expect(fs.readFileSync(path.join(root, '2023年项目绩效目标表.xlsx')).subarray(0, 2).toString()).toBe('PK');
    s.closeYear();
  });

  it('a cancel half-way leaves no file, no temporary file, and the year file as it was', async () => {
    const { s, root, file } = await appWithSeed('002');
    const out = path.join(root, '导出');
    fs.mkdirSync(out);
    const before = sha256(file);
    const job = invoke(s, 'export.start', request(out, { tables: ['summary', 'project', 'overall'] }));
    // Cancel once the first table is made and the second is being made.
    while (s.jobs.status(job.id).status === 'running' && s.jobs.status(job.id).progress.done < 1) await new Promise((r) => setTimeout(r, 1));
    s.jobs.cancel(job.id);
    const done = await s.jobs.wait(job.id);
    expect(done.status).toBe('cancelled');
    expect(fs.readdirSync(out)).toEqual([]);
    expect(sha256(file)).toBe(before);
    s.closeYear();
  });

  it('for the browser, hands the files to the page instead of writing them', async () => {
    const { s, root } = await appWithSeed('004');
    const done = await s.jobs.wait(invoke(s, 'export.start', request(root, { tables: ['overall'], download: true })).id);
    const files = (done.result as ExportJobResult).files;
    expect(files).toEqual([expect.objectContaining({ name: '2021年部门整体预算绩效目标表.xlsx', path: null })]);
    expect(Buffer.from(files[0]?.base64 ?? '', 'base64').subarray(0, 2).toString()).toBe('PK');
    expect(fs.readdirSync(root).filter((f) => f.endsWith('.xlsx'))).toEqual([]);
    s.closeYear();
  });

  it('in Electron, the page can only export into the data folder, the year file folder, or a folder chosen in the dialog', async () => {
    const { s, root } = await appWithSeed('002', false);
    const elsewhere = path.join(root, '..', path.basename(root) + '-elsewhere');
    fs.mkdirSync(elsewhere);
    expect(() => invoke(s, 'export.start', request(elsewhere))).toThrow('请用“选择文件夹…”在系统对话框中选择');
    s.grantDir(elsewhere);
    const done = await s.jobs.wait(invoke(s, 'export.start', request(elsewhere)).id);
    expect(done.status).toBe('done');
    fs.rmSync(elsewhere, { recursive: true, force: true });
    s.closeYear();
  });
});
