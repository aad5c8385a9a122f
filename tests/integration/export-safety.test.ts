// Export never leaves a half-written file, replaces an existing file only when asked and a read-only one never,
// refuses a target Excel holds open, keeps text that looks like a formula as text, and grows rows for long text
// without passing Excel's row-height limit.
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/api/handlers.ts';
import { YearStore } from '../../electron/core/store/yearStore.ts';
import { UserError } from '../../shared/errors.ts';
import { MAX_ROW_HEIGHT } from '../../shared/export/grid.ts';
import { cli, seedPath, sha256, tempDir, yearFileWithSeed } from './helpers.ts';
import { inspect, readWorkbook } from './xlsxRead.ts';

/** A year file from seed 000 with some texts replaced. */
async function yearWith(edit: (j: any) => void): Promise<{ dir: string; file: string }> {
  const dir = tempDir();
  const j = JSON.parse(fs.readFileSync(seedPath('000'), 'utf8'));
  edit(j);
  const data = path.join(dir, 'data.json');
  fs.writeFileSync(data, JSON.stringify(j));
  const file = path.join(dir, 'y.db');
  expect((await cli('new', file, '--year', '2023')).code).toBe(0);
  const r = await cli('load', file, data);
  expect(r.code, r.stderr).toBe(0);
  fs.rmSync(data);
  return { dir, file };
}

describe('text that looks like a formula stays text', () => {
  it('=, +, - and @ at the start of names, goals and values', async () => {
    const { dir, file } = await yearWith((j) => {
      const p = j.departments[0].units[0].projects;
      p[0].name = '=HYPERLINK("http://x","点我")';
      p[0].goal = '+86 热线全年畅通';
      p[1].goal = '-5% 的投诉下降目标';
      p[2].goal = '@信访局 全体';
      p[0].indicators[0].annualValue = '=1+1';
    });
    for (const template of ['summary', 'project']) {
      const out = path.join(dir, `${template}.xlsx`);
      expect((await cli('export', file, '--template', template, '--out', out)).code).toBe(0);
      const cells = [...(inspect(out)[0]?.cells.values() ?? [])];
      for (const t of ['=HYPERLINK', '+86 热线', '-5% 的投诉', '@信访局', '=1+1']) {
        const hits = cells.filter((c) => c.value.includes(t));
        expect(hits.length, `${template}: ${t}`).toBeGreaterThan(0);
        for (const c of hits) expect(c.type).toBe('str');
      }
      const ws = (await readWorkbook(out)).worksheets[0] as ExcelJS.Worksheet;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula, cell.address).toBeUndefined();
        }),
      );
    }
  });
});

describe('writing the file', () => {
  it('an existing file is replaced only with --overwrite, in one step, leaving no temporary file', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('000', dir);
    const out = path.join(dir, 'T1.xlsx');
    fs.writeFileSync(out, 'last week\'s export');
    const refused = await cli('export', file, '--template', 'summary', '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`文件“${out}”已存在，没有替换它。要用新文件替换，请加 --overwrite`);
    expect(fs.readFileSync(out, 'utf8')).toBe('last week\'s export');
    expect(fs.readdirSync(dir).sort()).toEqual(['T1.xlsx', 'seed-000.db']);

    const r = await cli('export', file, '--template', 'summary', '--out', out, '--overwrite');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('已导出');
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(fs.readdirSync(dir).sort()).toEqual(['T1.xlsx', 'seed-000.db']);
  });

  it('a new file needs no --overwrite, and --overwrite on a new file is harmless', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('000', dir);
    expect((await cli('export', file, '--template', 'project', '--out', path.join(dir, 'a.xlsx'))).code).toBe(0);
    expect((await cli('export', file, '--template', 'project', '--out', path.join(dir, 'b.xlsx'), '--overwrite')).code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.xlsx', 'b.xlsx', 'seed-000.db']);
  });

  it('a read-only file (chmod 444) is never replaced, not even with --overwrite', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('000', dir);
    const out = path.join(dir, '已报送.xlsx');
    fs.writeFileSync(out, 'the submitted copy');
    fs.chmodSync(out, 0o444);
    for (const extra of [[], ['--overwrite']]) {
      const r = await cli('export', file, '--template', 'summary', '--out', out, ...extra);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toContain(`文件“${out}”是只读的，不会被替换（加 --overwrite 也不会）`);
      expect(fs.readFileSync(out, 'utf8')).toBe('the submitted copy');
      expect(fs.statSync(out).mode & 0o777).toBe(0o444);
      expect(fs.readdirSync(dir).sort()).toEqual(['seed-000.db', '已报送.xlsx']);
    }
  });

  it('the app tells "already there" from other refusals by its code, and replaces after asking (overwrite: true)', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('002', dir);
    const out = path.join(dir, 'T2.xlsx');
    fs.writeFileSync(out, 'old');
    const store = YearStore.open(file, { readonly: true });
    try {
      const session = { store };
      const refusal = await invoke(session, 'year.export', { template: 'project', out }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refusal).toBeInstanceOf(UserError);
      expect((refusal as UserError).code).toBe('target-exists');
      expect(fs.readFileSync(out, 'utf8')).toBe('old');
      // Other refusals carry no code: the app shows their message as it is.
      fs.writeFileSync(path.join(dir, '~$T2.xlsx'), 'owner');
      const open = await invoke(session, 'year.export', { template: 'project', out, overwrite: true }).then(
        () => null,
        (e: unknown) => e,
      );
      expect((open as UserError).message).toContain('正被 Excel 或 WPS 打开');
      expect((open as UserError).code).toBeUndefined();
      fs.rmSync(path.join(dir, '~$T2.xlsx'));
      const r = await invoke(session, 'year.export', { template: 'project', out, overwrite: true });
      expect(r.path).toBe(out);
      expect((await readWorkbook(out)).worksheets[0]?.getCell('A1').value).toBe('1.2023年市级信访积案化解资金绩效目标表');
    } finally {
      store.close();
    }
  });

  it('dump --out follows the same rule: --overwrite to replace, never a read-only file', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('000', dir);
    const out = path.join(dir, 'data.json');
    fs.writeFileSync(out, '{"keep": true}');
    const refused = await cli('dump', file, '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`文件“${out}”已存在，没有替换它。要用新文件替换，请加 --overwrite`);
    expect(fs.readFileSync(out, 'utf8')).toBe('{"keep": true}');

    const r = await cli('dump', file, '--out', out, '--overwrite');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).fiscalYear).toBe(2023);

    fs.chmodSync(out, 0o444);
    const before = sha256(out);
    const ro = await cli('dump', file, '--out', out, '--overwrite');
    expect(ro.code).toBe(2);
    expect(ro.stderr).toContain('是只读的，不会被替换');
    expect(sha256(out)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['data.json', 'seed-000.db']);

    const usage = await cli('dump', file, '--overwrite');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--overwrite 只与 --out 一起用');
  });

  it('refuses a target that Excel or WPS has open (its ~$ owner file is there), changing nothing', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('000', dir);
    const out = path.join(dir, '项目表.xlsx');
    fs.writeFileSync(out, 'the officer is looking at this');
    fs.writeFileSync(path.join(dir, '~$项目表.xlsx'), 'owner');
    const before = [sha256(out), sha256(file)];
    const r = await cli('export', file, '--template', 'summary', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('“项目表.xlsx”正被 Excel 或 WPS 打开，请先关闭它再导出');
    expect([sha256(out), sha256(file)]).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['seed-000.db', '~$项目表.xlsx', '项目表.xlsx'].sort());
  });

  it.each([
    [['--template', 'summary', '--out', '/nonexistent-folder/x.xlsx'], '不存在'],
    [['--template', 'summary', '--out', 'x.xls'], '应以 .xlsx 结尾'],
    [['--template', 'summary'], '缺少 --out'],
    [['--out', 'x.xlsx'], '缺少 --template'],
    [['--template', 'list', '--out', 'x.xlsx'], '只能是 summary、project 或 overall'],
    [['--template', 'summary', '--style', 'D', '--out', 'x.xlsx'], '只能是 A、B 或 C'],
    [['--template', 'overall', '--out', 'x.xlsx'], '没有部门整体绩效目标'],
  ])('%j is refused with a message (exit 2), nothing written', async (args, message) => {
    const dir = tempDir();
    const file = await yearFileWithSeed('000', dir);
    const before = sha256(file);
    const r = await cli('export', file, ...args.map((a) => (a === 'x.xlsx' || a === 'x.xls' ? path.join(dir, a) : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['seed-000.db']);
  });

  it('an empty year has nothing to export', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'e.db');
    expect((await cli('new', file, '--year', '2025')).code).toBe(0);
    const r = await cli('export', file, '--template', 'project', '--out', path.join(dir, 'p.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有项目');
  });
});

describe('row heights', () => {
  it('a very long goal spreads over several rows, none above 409 pt, with the project cells merged over them', async () => {
    const long = '维护信访业务系统正常运行，记录各类业务系统的运行情况，进行相关业务系统的软硬件更新。'.repeat(60);
    const { dir, file } = await yearWith((j) => {
      j.departments[0].units[0].projects[0].goal = long;
    });
    const out = path.join(dir, 'long.xlsx');
    expect((await cli('export', file, '--template', 'summary', '--out', out)).code).toBe(0);
    const [sheet] = inspect(out);
    if (!sheet) throw new Error('no sheet');
    // The project is on row 6 (title, caption, header, 合计, unit); its cells are merged downwards.
    const merge = sheet.merged.find((m) => m.startsWith('F6:F'));
    expect(merge).toBeDefined();
    const last = Number(merge?.split(':F')[1]);
    expect(last).toBeGreaterThan(7);
    for (const col of 'ABCDEG') expect(sheet.merged).toContain(`${col}6:${col}${last}`);
    const ws = (await readWorkbook(out)).worksheets[0] as ExcelJS.Worksheet;
    let total = 0;
    for (let r = 6; r <= last; r++) {
      const h = ws.getRow(r).height;
      expect(h, `row ${r}`).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
      total += h;
    }
    // 2,580 characters in a 36-wide column at 10 pt need well over 1,000 pt.
    expect(total).toBeGreaterThan(1000);
    expect(sheet.cells.get('F6')?.value).toContain('维护信访业务系统');
  });
});
