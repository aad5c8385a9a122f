// Defects found by using the program (an independent review), each kept fixed here.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli, seedPath, sha256, tempDir, yearFileWithSeed } from './helpers.ts';

async function editXlsx(file: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  edit(wb.worksheets[0] as ExcelJS.Worksheet);
  await wb.xlsx.writeFile(file);
}

describe('import into a year that already has the data', () => {
  it('T1 and then T2 of the same department: one department, no project twice', async () => {
    const dir = tempDir();
    const source = await yearFileWithSeed('003', dir);
    const t1 = path.join(dir, 't1.xlsx');
    const t2 = path.join(dir, 't2.xlsx');
    expect((await cli('export', source, '--template', 'summary', '--out', t1)).code).toBe(0);
    expect((await cli('export', source, '--template', 'project', '--out', t2)).code).toBe(0);
    const target = path.join(dir, 'back.db');
    expect((await cli('import', target, t1, '--year', '2023')).code).toBe(0);
    const second = await cli('import', target, t2);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('项目“办证大厅窗口服务经费”年度文件中已有，未重复导入');
    expect(second.stdout).toContain('已导入：1 个部门，0 个项目');
    const dump = JSON.parse((await cli('dump', target)).stdout);
    expect(dump.departments).toHaveLength(1);
    expect(dump.departments[0].units[0].projects).toHaveLength(13);
  });

  it('T1 and T2 in one import: the T2 fields fill the T1 project', async () => {
    const dir = tempDir();
    const source = await yearFileWithSeed('002', dir);
    const t1 = path.join(dir, 't1.xlsx');
    const t2 = path.join(dir, 't2.xlsx');
    expect((await cli('export', source, '--template', 'summary', '--out', t1)).code).toBe(0);
    expect((await cli('export', source, '--template', 'project', '--out', t2)).code).toBe(0);
    const target = path.join(dir, 'back.db');
    const r = await cli('import', target, t1, t2, '--year', '2023');
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse((await cli('dump', target)).stdout).departments[0].units;
    const projects = p.flatMap((u: any) => u.projects);
    expect(projects).toHaveLength(3);
    expect(projects[0].code).toBe('37020023P88002811184N');
    expect(projects[0].purpose).toBe('用于化解我市信访积案');
    expect(projects[0].indicators[0].basis).toBe('历史标准');
  });
});

describe('T1 rows that are not what they seem', () => {
  it('a 绩效指标 cell mixing grammars is reported at its cell, not glued into a value', async () => {
    const dir = tempDir();
    const out = path.join(dir, 't1.xlsx');
    expect((await cli('export', await yearFileWithSeed('000', dir), '--template', 'summary', '--out', out)).code).toBe(0);
    await editXlsx(out, (ws) => {
      ws.getCell('G6').value = '1、效益指标：投诉次数，年度指标值：5次以下。2.1-产出指标:11-数量指标:按时完成率;实施周期指标值:100%;年度指标值:100%。';
    });
    const r = await cli('import', path.join(dir, 'n.db'), out, '--year', '2023', '--json');
    const report = JSON.parse(r.stdout);
    expect(report.warnings).toEqual(
      expect.arrayContaining([{ where: '广州市信访局!G6', message: expect.stringContaining('混有另一种格式的指标“2.1-产出指标:') }]),
    );
  });

  it('a row with amounts but no name is a nameless project, said; the unit subtotal stays a unit', async () => {
    const dir = tempDir();
    const out = path.join(dir, 't1.xlsx');
    expect((await cli('export', await yearFileWithSeed('000', dir), '--template', 'summary', '--out', out)).code).toBe(0);
    await editXlsx(out, (ws) => {
      ws.getCell('A6').value = null;
    });
    const target = path.join(dir, 'n.db');
    const r = await cli('import', target, out, '--year', '2023');
    expect(r.stdout).toContain('警告 广州市信访局!A6：这一行有金额但没有项目名称');
    const unit = JSON.parse((await cli('dump', target)).stdout).departments[0].units[0];
    expect(unit.name).toBe('广州市信访局');
    expect(unit.projects[0]).toMatchObject({ name: '', total: '89.00' });
    expect(unit.projects).toHaveLength(11);
  });
});

describe('files are never overwritten by the wrong thing', () => {
  it('dump --out and export --out refuse a year file', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('000', dir);
    const other = await yearFileWithSeed('001', tempDir());
    const before = [sha256(file), sha256(other)];
    for (const args of [['dump', file, '--out', file], ['dump', file, '--out', other]]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('是一个年度文件（数据库），不能被导出的文件覆盖');
    }
    const x = path.join(dir, 'year.xlsx');
    fs.copyFileSync(file, x);
    const e = await cli('export', file, '--template', 'summary', '--out', x);
    expect(e.code).toBe(2);
    expect([sha256(file), sha256(other)]).toEqual(before);
  });

  it('a year file another program is writing: a message, not a stack trace', async () => {
    const file = await yearFileWithSeed('000');
    const holder = new Database(file);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const r = await cli('load', file, seedPath('000'));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('年度文件正被其他程序使用');
      expect(r.stderr).not.toContain('at ');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});

describe('amounts', () => {
  it('an absurd amount in JSON is refused with its path', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('000', dir);
    const j = JSON.parse(fs.readFileSync(seedPath('000'), 'utf8'));
    j.departments[0].units[0].projects[0].funds.fiscal = '99999999999999999999.00';
    fs.writeFileSync(path.join(dir, 'd.json'), JSON.stringify(j));
    const r = await cli('load', file, path.join(dir, 'd.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('projects[0].funds.fiscal');
    expect(r.stderr).toContain('大得不合常理');
  });

  it('negative and missing amounts are reported by validate; a rolled-forward year says its amounts are empty', async () => {
    const dir = tempDir();
    const file = await yearFileWithSeed('002', dir);
    const next = path.join(dir, '2024.db');
    expect((await cli('rollforward', file, next)).code).toBe(0);
    const list = JSON.parse((await cli('validate', next, '--json')).stdout);
    expect(list.filter((f: any) => f.check === 'amount-missing')).toHaveLength(3);
    expect(list.filter((f: any) => f.check === 'cost-over-budget')).toEqual([]);

    const j = JSON.parse(fs.readFileSync(seedPath('002'), 'utf8'));
    j.departments[0].units[0].projects[0].funds.other = '-10.00';
    j.departments[0].units[0].projects[0].total = '710.00';
    const neg = path.join(dir, 'neg.db');
    fs.writeFileSync(path.join(dir, 'neg.json'), JSON.stringify(j));
    expect((await cli('new', neg, '--year', '2023', '--framework', 'B')).code).toBe(0);
    expect((await cli('load', neg, path.join(dir, 'neg.json'))).code).toBe(0);
    const v = await cli('validate', neg, '--json');
    expect(v.code).toBe(1);
    expect(JSON.parse(v.stdout).find((f: any) => f.check === 'negative-amount')?.location.project).toBe('2023年市级信访积案化解资金');
  });
});
