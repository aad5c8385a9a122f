// Import of the messy files officers really have (tables that do not start at A1, extra sheets, repeated page
// headers, indented names, amounts stored as text, line breaks inside the indicator text, merged category cells)
// gives exactly the seeds' data; every bad file gets one clear message and changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import * as fx from '../fixtures/import/makeFixtures.ts';
import { cli, seedPath, type SeedId, sha256, tempDir, yearFileWithSeed } from './helpers.ts';
import { expectImportRefused } from './importRefusal.ts';

const seedText = (id: SeedId) => fs.readFileSync(seedPath(id), 'utf8');

async function importNew(source: string, year: number, ...extra: string[]): Promise<{ file: string; stdout: string }> {
  const file = path.join(path.dirname(source), `imported-${path.basename(source)}.db`);
  const r = await cli('import', file, source, '--year', String(year), ...extra);
  expect(r.code, r.stderr).toBe(0);
  return { file, stdout: r.stdout };
}

describe('messy files import to exactly the seeds', () => {
  for (const id of ['000', '001', '003'] as const) {
    it(`T1 of seed ${id}`, async () => {
      const src = await fx.t1Messy(tempDir(), id);
      const { file, stdout } = await importNew(src, 2023);
      expect(stdout).toContain('说明：未识别，已跳过');
      expect(stdout).toContain('警告 说明：工作表“说明”不是可识别的绩效目标表，已跳过');
      expect((await cli('dump', file)).stdout).toBe(seedText(id));
    });
  }

  it('T1 of seed 003: the 。 between a 实施周期 value and 年度指标值 is not part of the value (issue 7 item 2)', async () => {
    const src = await fx.t1Messy(tempDir(), '003');
    const { file } = await importNew(src, 2023);
    const year = JSON.parse((await cli('dump', file)).stdout);
    const project = year.departments[0].units[0].projects.find((p: { name: string }) => p.name === '区政府门户网站和政务新媒体运行经费');
    expect(project.indicators).toHaveLength(5);
    for (const i of project.indicators) expect(i.periodValue).toBe(i.annualValue);
    expect(project.indicators[1]).toMatchObject({ name: '网站运维及驻点服务人员数量', periodValue: '4人' });
  });

  it('T2 of seed 002 (stacked blocks, merged 一级/二级, empty 其他资金, a partly filled plan)', async () => {
    const src = await fx.t2Messy(tempDir());
    const { file } = await importNew(src, 2023, '--department', '青岛市信访局');
    expect((await cli('dump', file)).stdout).toBe(seedText('002'));
  });

  it('T3 of seed 004 (shifted, labels by text, repeated indicator header, the optional-task row)', async () => {
    const src = await fx.t3Messy(tempDir());
    const { file } = await importNew(src, 2021);
    // Less the <p>…</p> the source system left around its texts, which import takes out (issue 8 item 5).
    expect((await cli('dump', file)).stdout).toBe(seedText('004').replace(/<\/?p>/g, ''));
  });

  it('several files at once, into an existing year, as one undo step', async () => {
    const dir = tempDir();
    const target = path.join(dir, '2023.db');
    expect((await cli('new', target, '--year', '2023')).code).toBe(0);
    const a = await fx.t1Messy(dir, '000');
    const b = await fx.t1Messy(dir, '003');
    const r = await cli('import', target, a, b);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已导入：2 个部门，24 个项目，96 条指标');
    const undo = await cli('undo', target);
    expect(undo.stderr).toContain(`已撤销：导入 ${path.basename(a)}、${path.basename(b)}`);
    expect(JSON.parse((await cli('dump', target)).stdout).departments).toEqual([]);
  });
});

describe('what could not be read is said, located by sheet and cell', () => {
  it('an amount that is not a number, and an indicator text in no known grammar', async () => {
    const dir = tempDir();
    const src = await fx.t1Messy(dir, '000');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(src);
    const ws = wb.getWorksheet('绩效目标表');
    if (!ws) throw new Error('no sheet');
    ws.getCell('C9').value = '23人';
    ws.getCell('H10').value = '劳务派遣人员4人，流失率低';
    await wb.xlsx.writeFile(src);
    const r = await cli('import', path.join(dir, 'y.db'), src, '--year', '2023', '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        { where: '绩效目标表!C9', message: expect.stringContaining('金额“23人”不是数字') },
        { where: '绩效目标表!H10', message: expect.stringContaining('无法识别绩效指标文字的格式') },
      ]),
    );
  });
});

describe('--dry-run shows what would be imported and writes nothing', () => {
  it('into an existing year file', async () => {
    const dir = tempDir();
    const target = await yearFileWithSeed('000', dir);
    const before = sha256(target);
    const src = await fx.t2Messy(dir);
    const r = await cli('import', target, src, '--dry-run', '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.dryRun).toBe(true);
    expect(report.counts).toEqual({ departments: 1, projects: 3, indicators: 26 });
    expect(report.data.departments[0].units[0].projects[0].name).toBe('2023年市级信访积案化解资金');
    expect(sha256(target)).toBe(before);
    expect((await cli('undo', target)).stderr).toContain('载入 seed-000.json');
  });

  it('for a file that does not exist yet: it is not created', async () => {
    const dir = tempDir();
    const src = await fx.t3Messy(dir);
    const target = path.join(dir, 'new.db');
    const r = await cli('import', target, src, '--year', '2021', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('预览（未写入任何内容）：1 个部门，0 个项目，14 条指标');
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe('bad files: one clear message, exit 2, the year file unchanged', () => {
  const cases: [string, (dir: string) => Promise<string>, string | RegExp][] = [
    // .xls/.et are imported now (import-legacy.test.ts); these hold a BIFF8 BOF record and filler, no sheet.
    ['.xls', fx.badXls, '已损坏或不完整（工作簿中找不到任何工作表），可能在下载或复制时被截断'],
    ['.xls renamed to .xlsx', fx.badXlsRenamed, '已损坏或不完整（工作簿中找不到任何工作表）'],
    ['.et', fx.badEt, '已损坏或不完整（工作簿中找不到任何工作表）'],
    ['CSV renamed to .xlsx', fx.badCsvRenamed, '是文本文件（像是 CSV），不是 xlsx 工作簿'],
    ['truncated', fx.badTruncated, /已损坏或不完整（.*），可能在下载或复制时被截断/],
    ['corrupted zip', fx.badCorruptZip, /已损坏或不完整（内部文件 .* (校验失败|无法解压)）/],
    ['password-protected', fx.badPassword, '设有打开密码，无法读取。请先在 Excel/WPS 中取消密码'],
    ['empty workbook', fx.badEmptyWorkbook, '是空的工作簿，没有可导入的内容'],
    ['no recognisable table', fx.badNoTable, '中没有找到可识别的表格'],
    ['zip bomb', fx.badZipBomb, /解压后超过 \d+ MB（上限 512 MB），不像是正常的绩效目标表/],
  ];
  for (const [label, make, message] of cases) {
    it(label, () => expectImportRefused(make, message));
  }

  it('a good file and a bad one together: nothing is imported', async () => {
    const dir = tempDir();
    const target = await yearFileWithSeed('000', dir);
    const before = sha256(target);
    const r = await cli('import', target, await fx.t2Messy(dir), await fx.badTruncated(dir));
    expect(r.code).toBe(2);
    expect(sha256(target)).toBe(before);
  });
});
